from __future__ import annotations

from grader.evaluation.perturb import PERTURBATIONS, turns_of, write
from grader.transcripts.passages import MAX_PIECE_WORDS, TARGET_WORDS, passages
from grader.transcripts.transcript import Turn, parse
from helpers import make_transcript


def words(n: int, tag: str = "w") -> str:
    return " ".join(f"{tag}{i}." if i % 9 == 8 else f"{tag}{i}" for i in range(n))


def test_a_passage_closes_once_the_candidate_reaches_the_target() -> None:
    t = make_transcript(
        ("Interviewer", "Tell me how you would find out why checkout got slower last week."),
        ("Candidate", words(70, "a")),
        ("Interviewer", "Mm-hm."),
        ("Candidate", words(70, "b")),
        ("Interviewer", "And how would you measure it once it is fixed, in production?"),
        ("Candidate", words(130, "c")),
    )
    found = passages(t.turns)
    assert [p.words for p in found] == [140, 130]
    # Interviewer lines stay as context; only candidate lines are judged.
    first = found[0]
    assert [line.judged for line in first.lines] == [False, True, False, True]
    assert first.render().splitlines()[0].startswith("Interviewer: Tell me how")
    assert "Candidate: a0 a1" in first.render()


def test_a_long_answer_is_cut_into_even_pieces() -> None:
    t = make_transcript(("Interviewer", "Go ahead."), ("Candidate", words(400)))
    found = passages(t.turns)
    sizes = [line_words for p in found for line_words in [p.words]]
    assert sum(sizes) == 400
    assert all(len(line.text.split()) <= MAX_PIECE_WORDS for p in found for line in p.lines)
    assert len(found) == 3


def test_a_short_tail_joins_the_last_passage_and_nothing_is_lost() -> None:
    t = make_transcript(
        ("Interviewer", "Question one, please go ahead and tell me everything."),
        ("Candidate", words(TARGET_WORDS, "a")),
        ("Interviewer", "Anything else you would add before we wrap up today?"),
        ("Candidate", "No, that covers it."),
    )
    found = passages(t.turns)
    assert len(found) == 1
    assert found[0].words == TARGET_WORDS + 4


def test_no_candidate_words_give_no_passage() -> None:
    turns = [
        Turn(id=f"T{i}", speaker="Interviewer", role="interviewer", text=text, line=i)
        for i, text in enumerate(("Hello?", "Is anyone there?"), start=1)
    ]
    assert passages(turns) == []


def test_unlabelled_lines_are_all_judged() -> None:
    t = parse("we should look at the p95 first\nthen split by region\n", path="t.txt")
    found = passages(t.turns)
    assert found and all(line.judged for p in found for line in p.lines)


def test_boundaries_barely_move_when_answers_are_split_or_interrupted() -> None:
    sentences = " ".join(f"Sentence {i} says something about latency and users." for i in range(60))
    t = make_transcript(
        ("Interviewer", "Walk me through how you would investigate the slowdown."),
        ("Candidate", sentences),
    )
    base = [p.words for p in passages(t.turns)]
    for name in ("shorter_turns", "interviewer_follow_ups", "speech_to_text"):
        changed, _ = PERTURBATIONS[name](turns_of(t), 0)
        copy = parse(write(changed).text, path="c.txt")
        moved = [p.words for p in passages(copy.turns)]
        assert sum(moved) == sum(base), name
        assert abs(len(moved) - len(base)) <= 1, name
