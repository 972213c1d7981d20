"""Invariance copies change how an interview is written, never what was said or by whom."""

from __future__ import annotations

from pathlib import Path

from grader.evaluation.perturb import PERTURBATIONS, perturb
from grader.transcripts.transcript import load

SAMPLE = Path(__file__).resolve().parents[2] / "transcripts_samples" / "01_checkout_latency.txt"


def test_every_copy_loads_with_the_same_candidate_words(tmp_path: Path) -> None:
    original = load(SAMPLE)
    words = sum(len(t.text.split()) for t in original.candidate_turns())
    for name, copy in perturb(original, list(PERTURBATIONS)).items():
        path = tmp_path / f"{name}.txt"
        path.write_text(copy.text)
        loaded = load(path, candidate=copy.candidate)
        assert loaded.candidate_turns(), name
        assert {t.role for t in loaded.turns} == {"interviewer", "candidate"}, name
        found = sum(len(t.text.split()) for t in loaded.candidate_turns())
        # Fillers add words, numbers in words take more of them; nothing is dropped.
        assert found >= 0.9 * words, (name, found, words)


def test_numbers_round_trip_between_digits_and_words() -> None:
    turns = [("Candidate", "About 15% of 1,200 orders, so 180, and p95 of 2.4 seconds.")]
    spelled, _ = PERTURBATIONS["digits_to_words"](turns, 0)
    text = spelled[0][1]
    assert "fifteen percent" in text and "one thousand, two hundred" in text
    assert "two point four" in text and not any(ch.isdigit() for ch in text.replace("p95", ""))
    back, _ = PERTURBATIONS["words_to_digits"](spelled, 0)
    assert "15 percent" in back[0][1] and "180" in back[0][1]


def test_speech_to_text_has_no_capitals_or_punctuation_but_keeps_numbers() -> None:
    turns = [("Candidate", "Is it 3,000 lockers? I'd check p95: 2.4 s.")]
    [(_, text)] = PERTURBATIONS["speech_to_text"](turns, 0)[0]
    assert text == "is it 3000 lockers i'd check p95 2.4 s"


def test_follow_ups_and_shorter_turns_keep_every_sentence_in_order() -> None:
    text = "One. Two. Three. Four. Five."
    for name in ("interviewer_follow_ups", "shorter_turns"):
        changed, _ = PERTURBATIONS[name]([("Candidate", text)], 1)
        said = " ".join(t for s, t in changed if s == "Candidate")
        assert said == text, name
    split, _ = PERTURBATIONS["shorter_turns"]([("Candidate", text)], 0)
    assert len(split) == 3
