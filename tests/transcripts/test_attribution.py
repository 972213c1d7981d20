"""Speaker attribution: unlabelled lines split and grouped into turns, diarized speakers mapped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from grader.errors import ConfigError, InputError
from grader.transcripts.attribution.chain import candidate_probabilities
from grader.transcripts.attribution.cues import FITTED, piece_cues
from grader.transcripts.attribution.overrides import (
    SpeakerOverrides,
    candidate_lines,
    from_options,
    load_speakers,
    parse_ranges,
)
from grader.transcripts.attribution.pieces import Piece
from grader.transcripts.transcript import Transcript, parse

INTERVIEW = [
    (
        "interviewer",
        "Thanks for joining. Say you're the PM for a food delivery app and "
        "orders are arriving late more often. How would you approach this?",
    ),
    (
        "candidate",
        "A few questions first. Is this all cities or a few, and when did it start? "
        "I'd also like to know whether we changed anything in dispatch recently.",
    ),
    ("interviewer", "All cities, starting three weeks ago, right after a new dispatch release."),
    (
        "candidate",
        "Then my first guess is the release. I'd compare late deliveries before and "
        "after it, split by city and hour, and I'd check whether drivers are assigned later than "
        "before. If assignment time went up, that points to the new matching logic. I think I'd "
        "also look at restaurant prep times, since those can move on their own.",
    ),
    ("interviewer", "Good. Walk me through how you would measure success for a fix."),
    (
        "candidate",
        "I'd use the share of orders delivered after the promised time as the main "
        "metric, with the median and the ninetieth percentile of lateness beside it. I would "
        "watch cancellations and support contacts as guardrails, because a fix that speeds up "
        "delivery by cancelling hard orders is not a fix.",
    ),
    ("interviewer", "What tradeoffs do you see in rolling back the release?"),
    (
        "candidate",
        "Rolling back is fast and safe if the release only changed matching, but we "
        "lose whatever else shipped with it. I'd rather put the new matching behind a flag, turn "
        "it off in two cities, and compare them with the rest for a week.",
    ),
    ("interviewer", "Okay, that's all I had. Do you have any questions for me?"),
    ("candidate", "Just one. How does the team decide when a release is ready to ship?"),
]


def whisper_lines(turns: list[tuple[str, str]], lower: bool = False) -> tuple[str, list[str]]:
    """Write turns as Whisper-like lines of at most 9 words, and each word's true role."""
    out, roles, clock = [], [], 0
    for role, text in turns:
        words = text.split()
        if lower:
            words = [re.sub(r"[^\w']", "", w.lower()) for w in words]
            words = [w for w in words if w]
        for start in range(0, len(words), 9):
            part = words[start : start + 9]
            out.append(f"[{clock // 60:02d}:{clock % 60:02d}.000 --> 00:00.000]  {' '.join(part)}")
            roles.extend([role] * len(part))
            clock += 3
    return "\n".join(out) + "\n", roles


def word_roles(transcript: Transcript) -> list[str]:
    return [t.role for t in transcript.turns for _ in t.text.split()]


def share_right(transcript: Transcript, truth: list[str]) -> float:
    found = word_roles(transcript)
    assert len(found) == len(truth)
    return sum(a == b for a, b in zip(found, truth, strict=True)) / len(truth)


def test_unlabelled_lines_are_grouped_into_turns_with_roles_and_confidence() -> None:
    text, truth = whisper_lines(INTERVIEW)
    t = parse(text, path="rec.txt")
    assert t.format == "timestamped"
    assert share_right(t, truth) >= 0.9
    assert t.turns[0].role == "interviewer"
    assert t.attribution is not None and t.attribution.method == "unlabelled"
    assert 0.5 <= t.attribution.confidence <= 1.0
    assert all(turn.confidence is not None and 0.5 <= turn.confidence <= 1 for turn in t.turns)
    assert len(t.turns) < len(text.splitlines())  # lines were grouped
    [warning] = [w for w in t.warnings if "inferred" in w]
    assert "rec.txt" in warning and "no speaker labels" in warning
    assert f"confidence {t.attribution.confidence:.2f}" in warning
    assert "--candidate-lines" in warning


def test_a_line_holding_two_speakers_is_split() -> None:
    text = (
        "[00:00] Say you're the PM for a food delivery app and orders are late.\n"
        "[00:04] How would you approach this problem? I'd start by asking when it began,\n"
        "[00:09] which cities it affects, and whether we shipped anything to dispatch lately,\n"
        "[00:14] since a release is my first guess. I would compare the weeks before and after.\n"
        "[00:19] Good. What metric would you use to tell whether a fix worked?\n"
        "[00:23] I'd use the share of late orders, with the median lateness beside it, and I\n"
        "[00:28] would watch cancellations as a guardrail, because cancelling is not a fix.\n"
    )
    t = parse(text, path="split.txt")
    assert [turn.role for turn in t.turns] == [
        "interviewer",
        "candidate",
        "interviewer",
        "candidate",
    ]
    assert t.turns[1].text.startswith("I'd start by asking")
    assert t.turns[1].line == 2 and t.turns[1].start == 4.0
    assert t.attribution is not None and t.attribution.split_lines == 1


def test_lower_case_speech_without_punctuation_fillers_and_repeats() -> None:
    noisy = [(role, f"um {text} you know") for role, text in INTERVIEW]
    noisy = [(role, text.replace(" the ", " the the ")) for role, text in noisy]
    text, truth = whisper_lines(noisy, lower=True)
    assert not any(re.search(r"[?.,]", line.split("]", 1)[1]) for line in text.splitlines())
    t = parse(text, path="noisy.txt")
    assert share_right(t, truth) >= 0.8
    assert t.attribution is not None


def test_vtt_cues_without_voices_are_attributed() -> None:
    cues = []
    for i, (_, text) in enumerate(INTERVIEW):
        cues.append(f"00:00:{i:02d}.000 --> 00:00:{i:02d}.900\n{text}\n")
    t = parse("WEBVTT\n\n" + "\n".join(cues), path="rec.vtt")
    truth = [role for role, text in INTERVIEW for _ in text.split()]
    assert t.format == "vtt" and share_right(t, truth) >= 0.9


def test_short_unlabelled_text_keeps_unknown_roles() -> None:
    t = parse("[00:01] hello there\n[00:02] how are you\n", path="short.txt")
    assert {turn.role for turn in t.turns} == {"unknown"}
    assert t.attribution is None
    assert any("no speaker labels" in w for w in t.warnings)


@pytest.mark.parametrize("names", [("SPEAKER_00", "SPEAKER_01"), ("Speaker 2", "Speaker 1")])
@pytest.mark.parametrize("candidate_first", [False, True])
def test_diarized_speakers_are_mapped_to_roles(
    names: tuple[str, str], candidate_first: bool
) -> None:
    interviewer, candidate = names[::-1] if candidate_first else names
    label = {"interviewer": interviewer, "candidate": candidate}
    text = "".join(
        f"[00:{i:02d}] {label[role]}: {line}\n" for i, (role, line) in enumerate(INTERVIEW)
    )
    t = parse(text, path="diar.txt")
    assert [turn.role for turn in t.turns] == [role for role, _ in INTERVIEW]
    assert t.attribution is not None and t.attribution.method == "diarized"
    assert t.attribution.speakers == {interviewer: "interviewer", candidate: "candidate"}
    [warning] = [w for w in t.warnings if "diarized" in w]
    assert f"{candidate!r} is the candidate" in warning


def test_diarized_speaker_named_by_candidate_or_speakers_file(tmp_path: Path) -> None:
    text = "".join(
        f"[00:{i:02d}] {'SPEAKER_00' if role == 'interviewer' else 'SPEAKER_01'}: {line}\n"
        for i, (role, line) in enumerate(INTERVIEW)
    )
    flipped = parse(text, path="d.txt", candidate="SPEAKER_00")
    assert flipped.turns[0].role == "candidate" and flipped.attribution is None
    spec = tmp_path / "speakers.txt"
    spec.write_text("# the diarizer swapped them\nSPEAKER_00: candidate\n")
    fixed = parse(text, path="d.txt", speakers=load_speakers(spec))
    assert fixed.turns[0].role == "candidate" and fixed.turns[1].role == "interviewer"
    assert fixed.attribution is not None
    assert fixed.attribution.corrected == ["SPEAKER_00 candidate"]


def test_candidate_lines_fix_lines_and_the_rest_is_inferred_around_them() -> None:
    text, _ = whisper_lines(INTERVIEW)
    plain = parse(text, path="rec.txt")
    first = plain.turns[0]
    assert first.role == "interviewer"
    fixed = parse(text, path="rec.txt", speakers=candidate_lines(f"{first.line}"))
    # The turn holds the fixed line and the inferred line after it: sure, but not certain.
    assert fixed.turns[0].role == "candidate" and (fixed.turns[0].confidence or 0) > 0.95
    assert fixed.attribution is not None
    assert fixed.attribution.corrected == [f"lines {first.line} candidate"]
    assert "interviewer" in {turn.role for turn in fixed.turns}


def test_speakers_file_with_line_ranges(tmp_path: Path) -> None:
    spec = tmp_path / "who.txt"
    spec.write_text("candidate: 3-4, 6\ninterviewer: 1-2  # opening\n")
    found = load_speakers(spec)
    assert found.lines == {
        3: "candidate",
        4: "candidate",
        6: "candidate",
        1: "interviewer",
        2: "interviewer",
    }
    both = from_options(spec, "9")
    assert both is not None and both.lines[9] == "candidate"
    assert from_options(None, None) is None


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("candidate 3-4\n", ":1: is not 'role: lines'"),
        ("candidate: 4-2\n", ":1: '4-2' is not a range"),
        ("x: 1\nSPEAKER_00: boss\n", ":1: '1' is neither a role"),
        ("# nothing\n", "names no lines and no speakers"),
    ],
)
def test_bad_speakers_files_name_the_file_and_line(
    tmp_path: Path, content: str, problem: str
) -> None:
    spec = tmp_path / "who.txt"
    spec.write_text(content)
    with pytest.raises(InputError) as info:
        load_speakers(spec)
    assert str(spec) in str(info.value) and problem in str(info.value)


def test_missing_speakers_file_and_bad_ranges() -> None:
    with pytest.raises(InputError, match="cannot read the speakers file"):
        load_speakers("/nonexistent/who.txt")
    with pytest.raises(ConfigError, match="--candidate-lines"):
        candidate_lines("3-x")
    assert parse_ranges("1, 3-5") == [(1, 1), (3, 5)]
    assert not SpeakerOverrides()


def test_chain_carries_an_unclear_piece_by_its_neighbours() -> None:
    # Strong evidence on both sides, no evidence in the middle, changes unlikely.
    probabilities = candidate_probabilities([4.0, 0.0, 4.0], [-3.0, -3.0], opener=0.0)
    assert probabilities[1] > 0.9
    flipped = candidate_probabilities([-4.0, 0.0, -4.0], [-3.0, -3.0], opener=0.0)
    assert flipped[1] < 0.1
    assert candidate_probabilities([], [], 0.0) == []


def test_chain_weighs_each_direction_of_a_change_apart() -> None:
    # The middle piece is the candidate's; the last one says nothing.
    scores = [-4.0, 4.0, 0.0]
    # A change back to the interviewer is unlikely, so the candidate goes on speaking.
    sticky = candidate_probabilities(scores, [0.0, 0.0], opener=4.0, returns=[-6.0, -6.0])
    assert sticky[0] < 0.1 and sticky[1] > 0.9 and sticky[2] > 0.9
    # Changes weighed alike in both directions: the last piece is a guess.
    even = candidate_probabilities(scores, [0.0, 0.0], opener=4.0)
    assert abs(even[2] - 0.5) < 0.01
    assert even == candidate_probabilities(scores, [0.0, 0.0], opener=4.0, returns=[0.0, 0.0])


def test_piece_cues_hold_word_pairs_and_the_closing_word() -> None:
    cues = piece_cues("Walk me through it, sure?")
    assert cues["b:walk_me"] == 1.0 and cues["b:me_through"] == 1.0
    assert cues["first:walk"] == 1.0 and cues["last:sure"] == 1.0
    assert "b:through_it" in cues and not any(k.startswith("b:sure") for k in cues)


def test_a_question_hands_over_to_the_candidate_more_than_back() -> None:
    before = Piece("How would you measure it?", 1, 0.0, 0, "first", True)
    after = Piece("I'd start with the share of late orders.", 2, 2.0, 1, "line", True)
    to_candidate, to_interviewer = FITTED.switch_scores(before, after, True)
    assert to_candidate > 0
    assert to_candidate > to_interviewer
