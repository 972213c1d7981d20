from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grader.errors import TranscriptError
from grader.transcripts.transcript import Format, Transcript, load, parse

DATA = Path(__file__).resolve().parents[1] / "data" / "transcripts"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def texts(transcript: Transcript) -> list[str]:
    return [t.text for t in transcript.turns]


def assert_well_formed(transcript: Transcript) -> None:
    assert [t.id for t in transcript.turns] == [
        f"T{i}" for i in range(1, len(transcript.turns) + 1)
    ]
    assert transcript.turns
    for turn in transcript.turns:
        assert turn.text
        assert turn.text == " ".join(turn.text.split())
        assert turn.line >= 1


# --- formats ---------------------------------------------------------------------------


def test_text_format_multiline_turns_and_preamble() -> None:
    t = load(DATA / "interview.txt")
    assert t.format == "text"
    assert [(x.speaker, x.role, x.line) for x in t.turns] == [
        ("", "unknown", 1),
        ("Interviewer", "interviewer", 3),
        ("Jane Doe", "candidate", 6),
        ("Interviewer", "interviewer", 12),
        ("Jane Doe", "candidate", 13),
    ]
    assert t.turns[1].text == "Tell me about a product you love and why you love it."
    assert all(x.start is None for x in t.turns)
    assert any("interview.txt:1" in w and "before the first speaker" in w for w in t.warnings)
    assert_well_formed(t)


def test_text_note_and_step_lines_stay_inside_the_turn() -> None:
    t = load(DATA / "interview.txt")
    assert t.speakers() == ["Interviewer", "Jane Doe"]
    assert t.turns[2].text == (
        "I love Notion. Note: the API is great, and it saves me time. "
        "Step 1: I would define the user. Step 2: then the problem."
    )


def test_text_heading_words_never_become_speakers_even_when_repeated() -> None:
    text = (
        "Interviewer: Walk me through it.\n"
        "Candidate: Situation: we lost users.\n"
        "Note: churn was high.\n"
        "Note: support was slow.\n"
        "Result: retention went up.\n"
    )
    t = parse(text, path="s.txt")
    assert t.speakers() == ["Interviewer", "Candidate"]
    assert t.turns[1].text == (
        "Situation: we lost users. Note: churn was high. Note: support was slow. "
        "Result: retention went up."
    )


def test_text_blank_line_does_not_start_a_new_speaker() -> None:
    t = parse("Q: Why?\n\nA: First point.\n\nSecond paragraph.\n", path="b.txt")
    assert texts(t) == ["Why?", "First point. Second paragraph."]
    assert [x.role for x in t.turns] == ["interviewer", "candidate"]


def test_markdown_bold_labels() -> None:
    t = load(DATA / "interview.md")
    assert t.format == "text"
    assert [(x.speaker, x.role) for x in t.turns[1:]] == [
        ("Interviewer", "interviewer"),
        ("Candidate", "candidate"),
    ]
    assert t.turns[1].text == "What would you build next?"
    assert t.turns[2].text == "A better onboarding flow. It would cut drop-off."


def test_vtt_voice_tags_merge_cues_and_strip_markup() -> None:
    t = load(DATA / "interview.vtt")
    assert t.format == "vtt"
    assert [(x.speaker, x.role, x.start, x.line) for x in t.turns] == [
        ("Interviewer", "interviewer", 1.0, 12),
        ("Sam Lee", "candidate", 5.0, 15),
        ("Interviewer", "interviewer", 10.0, 21),
    ]
    assert texts(t) == [
        "Tell me about a product you love.",
        "I love Notion & Linear because they are fast.",
        "Why fast?",
    ]
    assert not any("comment" in x.text or "color" in x.text for x in t.turns)


def test_vtt_name_labels_inside_cues() -> None:
    text = (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:02.000\nInterviewer: Hi there.\n\n"
        "00:00:02.000 --> 00:00:03.000\nPriya: Hello,\n\n"
        "00:00:03.000 --> 00:00:05.000\nthanks for having me.\n\n"
        "00:00:05.000 --> 00:00:06.000\nInterviewer: Shall we start?\n"
    )
    t = parse(text, path="z.vtt")
    assert [(x.speaker, x.text, x.start) for x in t.turns] == [
        ("Interviewer", "Hi there.", 1.0),
        ("Priya", "Hello, thanks for having me.", 2.0),
        ("Interviewer", "Shall we start?", 5.0),
    ]
    second = t.turn("T2")
    assert second is not None
    assert second.role == "candidate"


def test_vtt_without_speakers_keeps_one_turn_per_cue() -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\nhello\nthere\n\n00:03.000 --> 00:04.000\nbye\n"
    t = parse(text, path="u.vtt")
    assert texts(t) == ["hello there", "bye"]
    assert [x.role for x in t.turns] == ["unknown", "unknown"]
    assert any("no speaker labels" in w for w in t.warnings)


def test_srt_labels_continue_and_merge() -> None:
    t = load(DATA / "interview.srt")
    assert t.format == "srt"
    assert [(x.speaker, x.text, x.start, x.line) for x in t.turns] == [
        ("Interviewer", "What metric would you pick?", 1.0, 3),
        ("Alex", "Retention, measured weekly.", 3.5, 7),
        ("Interviewer", "Why weekly?", 60.0, 15),
    ]
    assert [x.role for x in t.turns] == ["interviewer", "candidate", "interviewer"]


def test_srt_cues_without_blank_lines_between_them() -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nQ: Ready?\n2\n00:00:03,000 --> 00:00:04,000\nA: Yes.\n"
    )
    t = parse(text, path="tight.srt")
    assert [(x.speaker, x.text, x.start) for x in t.turns] == [
        ("Q", "Ready?", 1.0),
        ("A", "Yes.", 3.0),
    ]


def test_json_wrapped_turns_role_key_and_dropped_empty_turn() -> None:
    t = load(DATA / "interview.json")
    assert t.format == "json"
    assert [(x.id, x.speaker, x.role, x.text, x.start, x.line) for x in t.turns] == [
        ("T1", "Interviewer", "interviewer", "How do you prioritise?", 0.0, 4),
        ("T2", "Candidate", "candidate", "By impact and effort.", 4.5, 5),
        ("T3", "Candidate", "candidate", "Then I check risk.", None, 7),
    ]


def test_json_plain_list() -> None:
    text = '[{"speaker": "Host", "text": "Hi"},\n {"speaker": "Mo", "text": "Hello", "x": [1]}]'
    t = parse(text, path="l.json")
    assert [(x.speaker, x.role, x.line) for x in t.turns] == [
        ("Host", "interviewer", 1),
        ("Mo", "candidate", 2),
    ]


def test_json_role_key_next_to_speaker_sets_the_role() -> None:
    text = (
        '[{"speaker": "Ann", "role": "interviewer", "text": "Why?"},'
        ' {"speaker": "Bo", "role": "candidate", "text": "Because."}]'
    )
    t = parse(text, path="r.json")
    assert [x.role for x in t.turns] == ["interviewer", "candidate"]
    assert not any("guessed" in w for w in t.warnings)


def test_timestamped_without_labels() -> None:
    t = load(DATA / "timestamped.txt")
    assert t.format == "timestamped"
    assert [(x.speaker, x.role, x.start) for x in t.turns] == [
        ("", "unknown", 1.0),
        ("", "unknown", 5.5),
        ("", "unknown", 3723.0),
    ]
    assert t.turns[1].text == "I have led two product launches and one migration."
    assert any("no speaker labels" in w and "interviewer" in w for w in t.warnings)
    assert t.candidate_turns() == t.turns


def test_timestamped_with_labels() -> None:
    t = load(DATA / "timestamped_labelled.txt")
    assert [(x.speaker, x.role, x.start) for x in t.turns] == [
        ("Interviewer", "interviewer", 1.0),
        ("Candidate", "candidate", 5.0),
        ("Candidate", "candidate", 9.0),
    ]
    assert not any("no speaker labels" in w for w in t.warnings)
    assert [x.id for x in t.candidate_turns()] == ["T2", "T3"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("WEBVTT\n\n00:01.000 --> 00:02.000\n<v Q>Hi?\n<v A>Yo\n", "vtt"),
        ("1\n00:00:01,000 --> 00:00:02,000\nQ: Hi?\nA: Yo\n", "srt"),
        ('[{"speaker": "Q", "text": "Hi?"}, {"speaker": "A", "text": "Yo"}]', "json"),
        ("[00:01] hello\n[00:02] there\n", "timestamped"),
        ("Interviewer: Hi?\nCandidate: Hello.\n", "text"),
    ],
)
def test_unknown_extension_is_sniffed(tmp_path: Path, content: str, expected: Format) -> None:
    t = load(write(tmp_path, "transcript.dat", content))
    assert t.format == expected
    assert_well_formed(t)


def test_unknown_extension_with_unrecognised_content(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.dat", "just some prose without any structure\n")
    with pytest.raises(TranscriptError) as info:
        load(path)
    assert "notes.dat" in str(info.value)
    assert "supported formats" in str(info.value)
    assert ".vtt" in str(info.value) and ".json" in str(info.value)


def test_plain_prose_txt_is_an_unlabelled_transcript() -> None:
    t = parse("First paragraph\nstill first.\n\nSecond one.\n", path="p.txt")
    assert texts(t) == ["First paragraph still first.", "Second one."]
    assert any("no speaker labels" in w for w in t.warnings)


# --- roles -----------------------------------------------------------------------------


def test_role_words() -> None:
    text = (
        "Hiring Manager: Hi?\nInterviewer 2: Hello?\nPanel: Go.\nInterviewee: Sure.\n"
        "Applicant: More.\n"
    )
    t = parse(text, path="r.txt")
    assert [x.role for x in t.turns] == [
        "interviewer",
        "interviewer",
        "interviewer",
        "candidate",
        "candidate",
    ]


def test_candidate_override_is_case_and_space_insensitive() -> None:
    text = "Maya: What would you do?\nTom: Ship it.\nMaya: Why?\nTom: Speed.\n"
    t = parse(text, path="c.txt", candidate="  maya ")
    assert [x.role for x in t.turns] == ["candidate", "interviewer", "candidate", "interviewer"]
    assert not any("guessed" in w for w in t.warnings)


def test_candidate_override_beats_role_words() -> None:
    t = parse("Interviewer: Hi.\nCandidate: Hello.\n", path="o.txt", candidate="Interviewer")
    assert [x.role for x in t.turns] == ["candidate", "interviewer"]


def test_candidate_override_makes_a_single_use_label_a_speaker() -> None:
    t = parse("Interviewer: Hi?\nZed: Hello there.\n", path="z.txt", candidate="zed")
    assert [(x.speaker, x.role) for x in t.turns] == [
        ("Interviewer", "interviewer"),
        ("Zed", "candidate"),
    ]


def test_candidate_that_matches_no_speaker() -> None:
    with pytest.raises(TranscriptError) as info:
        load(DATA / "interview.srt", candidate="Bob")
    message = str(info.value)
    assert "interview.srt" in message
    assert "'Interviewer', 'Alex'" in message
    assert "--candidate" in message


def test_guess_picks_the_questioner_as_interviewer() -> None:
    text = (
        "Maya: What would you build?\n"
        "Tom: A calendar for teams, because scheduling across time zones is painful.\n"
        "Maya: How would you measure it?\n"
        "Tom: Weekly scheduled meetings per team.\n"
    )
    t = parse(text, path="g.txt")
    assert [x.role for x in t.turns] == ["interviewer", "candidate", "interviewer", "candidate"]
    [warning] = [w for w in t.warnings if "guessed" in w]
    assert "g.txt" in warning
    assert "'Tom' is the candidate" in warning
    assert "'Maya'" in warning
    assert "--candidate NAME" in warning


def test_guess_with_three_speakers() -> None:
    text = (
        "Maya: Why?\nLee: Because of reasons that take many words to explain well.\n"
        "Ravi: And then?\nLee: More words here.\nMaya: Ok?\nRavi: Fine.\n"
    )
    t = parse(text, path="g3.txt")
    roles = {x.speaker: x.role for x in t.turns}
    assert roles == {"Maya": "interviewer", "Lee": "candidate", "Ravi": "interviewer"}


def test_no_candidate_turns() -> None:
    with pytest.raises(TranscriptError) as info:
        parse("Interviewer: Hello?\nInterviewer: Anyone?\n", path="only.txt")
    message = str(info.value)
    assert "only.txt" in message
    assert "no candidate turns" in message
    assert "'Interviewer'" in message
    assert "--candidate NAME" in message


def test_transcript_helpers() -> None:
    t = load(DATA / "interview.txt")
    assert t.turn("T3") is t.turns[2]
    assert t.turn("T99") is None
    assert [x.id for x in t.candidate_turns()] == ["T3", "T5"]
    assert t.word_count == sum(len(x.text.split()) for x in t.turns)


def test_ids_are_stable_and_hash_is_of_raw_bytes() -> None:
    path = DATA / "interview.vtt"
    first, second = load(path), load(path)
    assert first.turns == second.turns
    assert [x.id for x in first.turns] == ["T1", "T2", "T3"]
    assert first.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert first.path == str(path)


def test_control_characters_removed_and_empty_turns_dropped() -> None:
    text = "Q: Hi\x07 there\x00?\nA: \x01\x02\nQ: Again?\nA: Yes\x1b.\n"
    t = parse(text, path="ctl.txt")
    assert [(x.id, x.speaker, x.text) for x in t.turns] == [
        ("T1", "Q", "Hi there?"),
        ("T2", "Q", "Again?"),
        ("T3", "A", "Yes."),
    ]


def test_crlf_line_endings(tmp_path: Path) -> None:
    path = write(tmp_path, "w.srt", b"1\r\n00:00:01,000 --> 00:00:02,000\r\nQ: Hi?\r\n\r\n")
    path.write_bytes(path.read_bytes() + b"2\r\n00:00:03,000 --> 00:00:04,000\r\nA: Yo.\r\n")
    t = load(path)
    assert [(x.text, x.line) for x in t.turns] == [("Hi?", 3), ("Yo.", 7)]


# --- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  "])
def test_empty_or_whitespace_file(tmp_path: Path, content: bytes) -> None:
    with pytest.raises(TranscriptError) as info:
        load(write(tmp_path, "empty.txt", content))
    assert "empty.txt" in str(info.value)
    assert "empty" in info.value.message
    assert info.value.hint


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(TranscriptError) as info:
        load(path)
    assert "binary" in str(info.value)
    assert "UTF-8" in str(info.value)


def test_mostly_non_text_file(tmp_path: Path) -> None:
    path = write(tmp_path, "noise.txt", bytes(range(0x80, 0x100)) * 4 + b"Q: hi\n")
    with pytest.raises(TranscriptError) as info:
        load(path)
    assert "binary" in str(info.value)


def test_invalid_utf8_is_replaced_with_a_warning(tmp_path: Path) -> None:
    content = b"Interviewer: Hi\nCandidate: Caf" + b"\xe9 au lait\n"
    t = load(write(tmp_path, "latin.txt", content))
    assert t.turns[1].text == "Caf\ufffd au lait"
    [warning] = [w for w in t.warnings if "UTF-8" in w]
    assert warning.startswith(f"{tmp_path / 'latin.txt'}:2:")
    assert "line 2" in warning


def test_utf8_bom(tmp_path: Path) -> None:
    t = load(write(tmp_path, "bom.txt", b"\xef\xbb\xbfQ: Hi?\nA: Yes.\n"))
    assert [x.speaker for x in t.turns] == ["Q", "A"]
    assert not t.warnings


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, codec: str) -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Q>¿Qué?\n\n00:03.000 --> 00:04.000\n<v A>Sí.\n"
    raw = text.encode(codec) if codec == "utf-16" else b"\xfe\xff" + text.encode(codec)
    t = load(write(tmp_path, "wide.vtt", raw))
    assert texts(t) == ["¿Qué?", "Sí."]


def test_file_over_the_size_limit_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "big.txt", "Q: hi\n" * 100)

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file must not be opened")

    monkeypatch.setattr(Path, "open", no_open)
    with pytest.raises(TranscriptError) as info:
        load(path, max_bytes=50)
    message = str(info.value)
    assert "big.txt" in message
    assert "50-byte limit" in message
    assert "max_bytes" in message


def test_file_under_a_raised_limit_loads(tmp_path: Path) -> None:
    path = write(tmp_path, "ok.txt", "Q: hi?\nA: yes\n" * 10)
    assert len(load(path, max_bytes=1000).turns) == 20


def test_malformed_json_reports_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.json", '[\n  {"speaker": "Q", "text": "hi"},\n  {"speaker": }\n]')
    with pytest.raises(TranscriptError) as info:
        load(path)
    assert info.value.line == 3
    assert str(info.value).startswith(f"{path}:3: invalid JSON")
    assert "column 15" in str(info.value)


@pytest.mark.parametrize(
    ("content", "needle", "line"),
    [
        ('{"utterances": []}', 'an object without a "turns" list', None),
        ('"just a string"', "got a string", None),
        ('{"turns": {"speaker": "Q"}}', 'an object without a "turns" list', None),
        ('[\n"hello"\n]', "item 0 (counting from 0) is a string", 2),
        ('[{"speaker": "Q", "text": "a"},\n {"speaker": "A", "text": 5}]', "item 1", 2),
        ('[{"speaker": "Q", "text": "a", "start": "0:01"}]', '"start" that is a string', 1),
        ('[{"speaker": "Q", "text": "a", "start": true}]', '"start" that is true/false', 1),
        ('[{"speaker": "Q", "text": "a", "start": -1}]', "finite number", 1),
        ('[{"speaker": 7, "text": "a"}]', "speaker that is a number", 1),
        ('[{"speaker": "Q"}]', 'has no "text"', 1),
    ],
)
def test_json_of_the_wrong_shape(
    tmp_path: Path, content: str, needle: str, line: int | None
) -> None:
    with pytest.raises(TranscriptError) as info:
        load(write(tmp_path, "shape.json", content))
    assert needle in str(info.value)
    assert "shape.json" in str(info.value)
    assert info.value.line == line
    assert info.value.hint


def test_srt_broken_timing_line(tmp_path: Path) -> None:
    content = "1\n00:00:01,000 --> 00:00:02,000\nQ: hi\n\n2\n00:00:03 -> 00:00:04\nA: yo\n"
    with pytest.raises(TranscriptError) as info:
        load(write(tmp_path, "broken.srt", content))
    assert info.value.line == 6
    assert "broken.srt:6" in str(info.value)
    assert "00:01:02,500 --> 00:01:05,000" in str(info.value)


def test_srt_bad_timing_values(tmp_path: Path) -> None:
    content = "1\n00:00:61,000 --> 00:00:62,000\nQ: hi\n"
    with pytest.raises(TranscriptError) as info:
        load(write(tmp_path, "range.srt", content))
    assert info.value.line == 2
    assert "timing line" in str(info.value)


def test_vtt_broken_timing_line(tmp_path: Path) -> None:
    content = "WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n\n00:03.000 --> soon\nyo\n"
    with pytest.raises(TranscriptError) as info:
        load(write(tmp_path, "broken.vtt", content))
    assert info.value.line == 6
    assert "broken cue timing line" in str(info.value)
    assert "00:01:02.500 --> 00:01:05.000" in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(TranscriptError) as info:
        load(tmp_path / "nope.txt")
    assert "nope.txt" in str(info.value)
    assert "not found" in str(info.value)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(TranscriptError) as info:
        load(tmp_path)
    assert "directory" in str(info.value)
    assert str(tmp_path) in str(info.value)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("header.vtt", "WEBVTT\n\nNOTE nothing here\n"),
        ("empty.json", "[]"),
        ("blank.json", '{"turns": [{"speaker": "Q", "text": "  "}]}'),
        ("cues.srt", "1\n00:00:01,000 --> 00:00:02,000\n\n"),
    ],
)
def test_no_turns_found(tmp_path: Path, name: str, content: str) -> None:
    with pytest.raises(TranscriptError) as info:
        load(write(tmp_path, name, content))
    assert name in str(info.value)
    assert "no turns" in str(info.value)


# --- properties ------------------------------------------------------------------------

FORMATS: list[Format | None] = [None, "text", "vtt", "srt", "json", "timestamped"]
FRAGMENTS = [
    "Interviewer: ",
    "Candidate: ",
    "Jane: ",
    "Note: ",
    "WEBVTT\n",
    "00:00:01.000 --> 00:00:02.000",
    "00:01,5 --> 9:99",
    "[00:01] ",
    "[1:02:03.4]",
    "<v Sam>",
    "</v>",
    "<i>",
    "&amp;",
    "1\n",
    "\n",
    "\n\n",
    "?",
    '{"turns": [',
    '{"speaker": "Q", "text": "x", "start": 1}',
    "]",
    ",",
    "\x00",
    "\ufeff",
    "hello world",
]
structured = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=30).map("".join)
clock = st.builds(
    "{:02d}:{:02d}:{:02d}{}{:03d}".format,
    st.integers(0, 99),
    st.integers(0, 59),
    st.integers(0, 59),
    st.sampled_from([".", ","]),
    st.integers(0, 999),
)
cue = st.tuples(
    st.sampled_from(["", "7\n", "intro\n"]),
    st.builds("{} --> {}".format, clock, clock) | st.sampled_from(FRAGMENTS),
    st.lists(structured, min_size=0, max_size=3),
).map(lambda c: f"{c[0]}{c[1]}\n" + "\n".join(c[2]))
cue_file = st.tuples(
    st.sampled_from(["", "WEBVTT\n\n", "WEBVTT x\nKind: captions\n\n"]),
    st.lists(cue, max_size=6),
).map(lambda f: f[0] + "\n\n".join(f[1]))
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)
json_turn = st.dictionaries(
    st.sampled_from(["speaker", "role", "text", "start", "other"]), json_value | structured
)
json_file = st.one_of(
    json_value,
    st.lists(json_turn, max_size=5),
    st.builds(lambda turns: {"turns": turns}, st.lists(json_turn, max_size=5)),
).map(json.dumps)
any_text = st.text() | structured | cue_file | json_file


def check_result(transcript: Transcript) -> None:
    ids = [t.id for t in transcript.turns]
    assert ids == [f"T{i}" for i in range(1, len(ids) + 1)]
    assert ids
    assert all(t.text.strip() for t in transcript.turns)


@settings(max_examples=200, deadline=None)
@given(
    text=any_text,
    fmt=st.sampled_from(FORMATS),
    name=st.sampled_from(["<string>", "t.txt", "t.vtt"]),
)
def test_parse_never_raises_anything_but_transcript_error(
    text: str, fmt: Format | None, name: str
) -> None:
    try:
        transcript = parse(text, path=name, fmt=fmt)
    except TranscriptError:
        return
    check_result(transcript)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.binary() | any_text.map(lambda s: s.encode("utf-8", "surrogatepass")),
    suffix=st.sampled_from([".txt", ".md", ".vtt", ".srt", ".json", ".dat"]),
)
def test_load_never_raises_anything_but_transcript_error(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"t{suffix}"
        path.write_bytes(data)
        try:
            transcript = load(path)
        except TranscriptError:
            return
    check_result(transcript)
    assert transcript.sha256 == hashlib.sha256(data).hexdigest()
