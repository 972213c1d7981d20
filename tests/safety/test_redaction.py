from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.safety.redaction import PLACEHOLDER, Match, Redaction, find_personal_data, redact
from grader.transcripts.transcript import Transcript, Turn, load, parse

ROOT = Path(__file__).resolve().parents[2]

SPEAKERS = ["Dana Whitfield", "Marco Silva"]
EXTRA = ["Acme Corp"]
EMAILS = ["marco.silva@acme.com", "dana+hiring@talent.acme.co.uk"]
PHONES = ["+1 (415) 555-0132", "+44 20 7946 0958", "020 7946 0958", "415.555.0132", "0612345678"]
URLS = ["https://acme.com/jobs?id=3", "www.acme.io", "acme.com/careers/pm"]


def _interview() -> Transcript:
    text = f"""Dana Whitfield: Hi Marco. Thanks for joining Acme Corp today.

Marco Silva: Thanks Dana. My email is {EMAILS[0]} and my phone is {PHONES[0]}.

Dana Whitfield: Reach the panel on {PHONES[1]} or {PHONES[2]}, or write to {EMAILS[1]}.

Marco Silva: Sure. My portfolio is at {URLS[0]}, also {URLS[1]} and {URLS[2]}. Call
{PHONES[3]} or {PHONES[4]}. MARCO is fine; silva is my surname. The p95 of 650 ms matters.
"""
    return parse(text, path="interview.txt", candidate="Marco Silva")


def _originals() -> list[str]:
    parts = [p for name in [*SPEAKERS, *EXTRA] for p in name.split()]
    return [*parts, *EMAILS, *PHONES, *URLS]


def test_every_kind_is_replaced_and_nothing_is_left() -> None:
    t = _interview()
    red, redaction = redact(t, extra_names=EXTRA)
    for turn in red.turns:
        for text in (turn.text, turn.speaker):
            # Checked with the redactor's own patterns ...
            assert find_personal_data(text, [*SPEAKERS, *EXTRA]) == []
            # ... and with the literal originals, ignoring case for names.
            for original in _originals():
                assert original.casefold() not in text.casefold(), (original, text)
    summary = redaction.to_summary()
    # Every kind is counted; this interview holds no address, card, SSN or date of birth.
    assert {kind: counts["values"] for kind, counts in summary.items() if counts["values"]} == {
        "url": 3,
        "email": 2,
        "phone": 5,
        # Dana, Whitfield, Marco, Silva, MARCO, silva, and "Acme Corp" as given.
        "name": 7,
    }
    assert set(summary) == {
        "url",
        "email",
        "card",
        "ssn",
        "dob",
        "phone",
        "address",
        "postcode",
        "name",
    }
    assert sorted(v for k, v in redaction.mapping.items() if k.startswith("[NAME")) == sorted(
        ["Dana", "Whitfield", "Marco", "Silva", "MARCO", "silva", "Acme Corp"]
    )


def test_placeholders_are_stable_and_numbered_in_order() -> None:
    text = "a@x.com then b@y.org then a@x.com again; Tom met TOM and Tom."
    t = parse(f"Interviewer: {text}\n\nTom Okafor: ok", path="t.txt", candidate="Tom Okafor")
    red, redaction = redact(t)
    assert red.turns[0].text == (
        "[EMAIL_1] then [EMAIL_2] then [EMAIL_1] again; [NAME_1] met [NAME_2] and [NAME_1]."
    )
    assert red.turns[1].speaker == "[NAME_1] [NAME_3]"
    assert redaction.mapping == {
        "[EMAIL_1]": "a@x.com",
        "[EMAIL_2]": "b@y.org",
        "[NAME_1]": "Tom",
        "[NAME_2]": "TOM",
        "[NAME_3]": "Okafor",
    }
    assert redaction.occurrences["[EMAIL_1]"] == 2
    assert redact(t) == (red, redaction)


def test_ids_roles_lines_and_role_labels_are_kept() -> None:
    t = _interview()
    red, _ = redact(t, extra_names=EXTRA)
    assert [(x.id, x.role, x.line, x.start) for x in red.turns] == [
        (x.id, x.role, x.line, x.start) for x in t.turns
    ]
    assert red.turns[0].speaker == "[NAME_1] [NAME_2]"
    labelled = parse("Interviewer: Hi Ana.\n\nCandidate: Hello.", path="t.txt")
    assert [x.speaker for x in redact(labelled)[0].turns] == ["Interviewer", "Candidate"]


def test_restore_gives_back_a_quote_in_the_original_words() -> None:
    t = _interview()
    red, redaction = redact(t, extra_names=EXTRA)
    quote = red.turns[1].text[:80]
    assert "[EMAIL_1]" in quote
    restored = redaction.restore(quote)
    assert t.turns[1].text.startswith(restored)
    assert EMAILS[0] in restored
    for original, redacted in zip(t.turns, red.turns, strict=True):
        assert redaction.restore(redacted.text) == original.text
        assert redaction.restore(redacted.speaker) == original.speaker
    assert redaction.restore("[NAME_99] and [PHONE_0]") == "[NAME_99] and [PHONE_0]"


def test_summary_holds_counts_only() -> None:
    _, redaction = redact(_interview(), extra_names=EXTRA)
    blob = json.dumps(redaction.to_summary()).casefold()
    for original in _originals():
        assert original.casefold() not in blob
    assert Redaction().to_summary()["email"] == {"values": 0, "occurrences": 0}


# Names in running text are personal data too: one labelled interview mentions a household
# member by name ("updated two minutes ago by Sam"); every other one holds none.
NAMED_IN_TEXT = {"h104_shared_list_stale_items.txt": {"Sam"}}


def test_text_without_personal_data_is_unchanged() -> None:
    for path in sorted(
        p
        for g in ("dev/*.txt", "test/*.txt", "holdout*/*.txt")
        for p in (ROOT / "evals" / "splits").glob(g)
    ):
        t = load(path)
        red, redaction = redact(t)
        names = NAMED_IN_TEXT.get(path.name, set())
        assert set(redaction.mapping.values()) == names, path
        assert all(k.startswith("[NAME_") for k in redaction.mapping), path
        if not names:
            assert red == t, path


def test_input_transcript_is_not_modified() -> None:
    t = _interview()
    before = t.model_dump()
    redact(t, extra_names=EXTRA)
    assert t.model_dump() == before


@pytest.mark.parametrize(
    "text",
    [
        "Latency is 300 ms at the median and p95 of 650.",
        "In 2023 we grew 12.5% to 2.5 million users, 1,117,320,768 bytes a day.",
        "We run Python 3.11.2 and the stand-up is at 10:30, or 10.30 on Fridays.",
        "Dates like 05.12.2023, 2024-05-01 and 1/2/2024 are not phones.",
        "400 000 recipients, 0.4 0.5 0.6 2.8 stalls, 20x peak, +15% conversion.",
        "IP 10.0.0.12 and port 8080; version v2.3.4; ticket #12345678.",
        "node.js/npm and e.g. and/or p95/p99 are not addresses.",
    ],
)
def test_numbers_that_are_not_personal_data_are_kept(text: str) -> None:
    assert find_personal_data(text) == []


@pytest.mark.parametrize(
    "phone",
    [
        "+1 (415) 555-0132",
        "+44 20 7946 0958",
        "+44 (0)20 7946 0958",
        "+33 1 23 45 67 89",
        "+49 30 1234567",
        "+86 138 0013 8000",
        "+4930123456",
        "(020) 7946 0958",
        "020 7946 0958",
        "07700 900123",
        "01 23 45 67 89",
        "01.23.45.67.89",
        "030-1234 5678",
        "0612345678",
        "415-555-0132",
        "415.555.0132",
        "415 555 0132",
        "1-800-555-0199",
    ],
)
def test_phone_formats_are_found_whole(phone: str) -> None:
    assert find_personal_data(f"Call {phone}.") == [Match("PHONE", 5, 5 + len(phone), phone)]


def test_urls_lose_trailing_punctuation_and_emails_win_over_domains() -> None:
    found = find_personal_data("See (https://acme.com/a?b=1), or jo@acme.com/x.")
    assert [(m.kind, m.value) for m in found] == [
        ("URL", "https://acme.com/a?b=1"),
        ("EMAIL", "jo@acme.com"),
    ]


def test_names_match_whole_words_of_three_letters_or_more() -> None:
    text = "Li Wu: hi Tom\n\nTom Okafor: Tomorrow, custom TOM tom.\n\nLi Wu: ok"
    t = parse(text, path="t.txt", candidate="Tom Okafor")
    red, redaction = redact(t)
    assert [x.speaker for x in red.turns] == ["Li Wu", "[NAME_1] [NAME_2]", "Li Wu"]
    assert red.turns[0].text == "hi [NAME_1]"
    assert red.turns[1].text == "Tomorrow, custom [NAME_3] [NAME_4]."
    assert redaction.mapping["[NAME_1]"] == "Tom"
    assert redact(t, extra_names=["Li Wu"])[0].turns[0].speaker == "[NAME_1]"


def test_text_that_looks_like_a_placeholder_survives_a_round_trip() -> None:
    t = parse("Interviewer: [NAME_1] is Tom's tag.\n\nTom: ok", path="t.txt", candidate="Tom")
    red, redaction = redact(t)
    assert red.turns[0].text == "[NAME_1] is [NAME_2]'s tag."
    assert redaction.restore(red.turns[0].text) == t.turns[0].text


# --- property: any text ----------------------------------------------------------------------

_ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))
_PIECES = st.sampled_from([*_originals(), "[NAME_1]", "[EMAIL_2]", "Interviewer", " ", "\n"])
_TEXT = st.lists(st.one_of(st.text(_ALPHABET, max_size=40), _PIECES), max_size=12).map("".join)


@settings(max_examples=200, deadline=None)
@given(
    turns=st.lists(st.tuples(st.sampled_from([*SPEAKERS, "Candidate", ""]), _TEXT), max_size=6),
    extra=st.lists(st.text(_ALPHABET, max_size=12), max_size=3),
)
def test_redact_never_raises_and_restore_round_trips(
    turns: list[tuple[str, str]], extra: list[str]
) -> None:
    t = Transcript(
        path="<string>",
        format="text",
        turns=[
            Turn(id=f"T{i}", speaker=s, role="candidate", text=text, line=i)
            for i, (s, text) in enumerate(turns, 1)
        ],
        warnings=[],
        sha256="",
    )
    red, redaction = redact(t, extra_names=extra)
    assert [x.id for x in red.turns] == [x.id for x in t.turns]
    for original, redacted in zip(t.turns, red.turns, strict=True):
        assert redaction.restore(redacted.text) == original.text
        assert redaction.restore(redacted.speaker) == original.speaker
    assert set(redaction.mapping) <= {
        m.group(0) for x in red.turns for m in PLACEHOLDER.finditer(x.text + x.speaker)
    }
