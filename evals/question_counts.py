"""How well the question count read from words follows question marks in typed transcripts.

Usage (from the repository root):

    python evals/question_counts.py [SPLIT ...]     # default: the house-style splits

The candidate's questions are counted from their opening words
(:func:`grader.transcripts.features.questions`), so that text without punctuation counts like
text with it. On typed transcripts, where question marks are reliable, this prints the
Pearson correlation, per transcript, of that count with the number of question marks in the
candidate's turns, and per sentence how often the count fires on a sentence ending in a
question mark (precision) and how many such sentences it finds (recall).
"""

from __future__ import annotations

import re
import statistics
import sys
from pathlib import Path

from grader.ratings.labels import load_labels
from grader.rubrics.rubric import load_rubric
from grader.transcripts.features import questions
from grader.transcripts.transcript import load

HOUSE = ("samples", "dev", "test", "holdout", "holdout2", "holdout3", "holdout4", "holdout5",
         "holdout6", "holdout7")  # fmt: skip
_MARK = re.compile(r"\?(?=\s|$|[\"'”’)])")
_SENTENCE = re.compile(r"(?<=[.?!])\s+")


def main() -> int:
    splits = sys.argv[1:] or [str(Path("evals") / "splits" / name) for name in HOUSE]
    labels = load_labels(splits, load_rubric())
    marks, counted = [], []
    hits = wrong = missed = 0
    for label in labels:
        texts = [
            t.text for t in load(label.transcript, candidate=label.candidate).candidate_turns()
        ]
        marks.append(sum(len(_MARK.findall(text)) for text in texts))
        counted.append(sum(questions(text) for text in texts))
        for text in texts:
            for sentence in _SENTENCE.split(text):
                asked, found = sentence.rstrip().endswith("?"), questions(sentence) > 0
                hits += asked and found
                wrong += found and not asked
                missed += asked and not found
    print(
        f"{len(labels)} transcripts; question marks per transcript {statistics.fmean(marks):.1f},"
    )
    print(
        f"questions counted {statistics.fmean(counted):.1f}; "
        f"Pearson {statistics.correlation(marks, counted):.2f}"
    )
    print(
        f"per sentence: precision {hits / (hits + wrong):.2f}, recall {hits / (hits + missed):.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
