"""Benchmark: a real-length interview without speaker labels, graded on the embedded model.

Usage: python evals/benchmarks/long_interview.py [LABELLED_TRANSCRIPT] [-- extra grader args]

Writes a Whisper-style copy of the transcript (timestamped lines of 5-15 words, no speaker
names, some lines joining the end of one speaker's turn with the start of the other's: the
attribution benchmark's ``whisper`` copy, seed 1) to a temporary folder, then times grading
it with ``grade_one.py`` (a fresh process: wall time, peak memory, calls, prompt tokens and
those reused from the evaluated prefix). Default: the 6,669-word
``evals/splits/long_b/lb03_furniture_marketplace_search_ranking.txt``. Run it with nothing
else on the machine.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from attribution import make_copy
from grade_one import ROOT
from grade_one import main as grade_one

from grader.transcripts.transcript import load

DEFAULT = ROOT / "evals" / "splits" / "long_b" / "lb03_furniture_marketplace_search_ranking.txt"


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv and not argv[0].startswith("-") else DEFAULT
    extra = argv[argv.index("--") :] if "--" in argv else []
    text, ext, _ = make_copy(load(source), "whisper", 1)
    with tempfile.TemporaryDirectory(prefix="long-interview-") as folder:
        copy = Path(folder) / f"{source.stem}_whisper.{ext}"
        copy.write_text(text, encoding="utf-8")
        return grade_one([str(copy), *extra])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
