"""How long chunk planning takes for one long turn without punctuation.

A transcript that is one turn of N words with no sentence end (``Candidate: word word ...``)
must be split at words. This times :func:`grader.transcripts.chunking.plan` on such a turn
with the token counter and chunk budget of each kind of backend, and checks the plan: every
chunk within the budget, every word kept.

Run:  python evals/benchmarks/chunk_long_turn.py [--kb 500] [--limit 5]
Exits 1 when a plan takes longer than ``--limit`` seconds or breaks the budget.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from grader.backends.fake import FakeBackend
from grader.transcripts.chunking import plan
from grader.transcripts.render import format_turns
from grader.transcripts.tokens import TiktokenCounter
from grader.transcripts.transcript import parse


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kb", type=int, default=500, help="size of the turn in kilobytes")
    parser.add_argument("--limit", type=float, default=5.0, help="seconds allowed per plan")
    args = parser.parse_args()
    words = args.kb * 1000 // 5
    transcript = parse("Candidate: " + "word " * words, path="long.txt", fmt="text")
    tiktoken_count = TiktokenCounter().count
    tiktoken_count("warm up")
    counters: list[tuple[str, Callable[[str], int], int]] = [
        # The embedded model's context (8k) minus the reserve; a 64k one; OpenAI's 128k
        # minus it (a turn under 126k tokens is one chunk there).
        ("tiktoken, 6k budget", tiktoken_count, 6192),
        ("tiktoken, 62k budget", tiktoken_count, 62_000),
        ("tiktoken, 126k budget", tiktoken_count, 126_000),
        ("fake backend, 6k budget", FakeBackend().count_tokens, 6192),
    ]
    failed = False
    for name, count, budget in counters:
        started = time.perf_counter()
        chunks = plan(transcript.turns, budget, count)
        seconds = time.perf_counter() - started
        kept = sum(p.text.count("word") for c in chunks for p in c.turns[1 if c.index > 1 else 0 :])
        ok = (
            seconds < args.limit
            and all(count(format_turns(c.turns)) <= budget for c in chunks)
            and kept == words
        )
        failed |= not ok
        print(
            f"{name}: {args.kb} kB, {words} words -> {len(chunks)} chunks in {seconds:.2f} s"
            f"{'' if ok else '  FAILED'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
