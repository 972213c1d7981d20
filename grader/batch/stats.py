"""Counts and costs of one batch run, for progress output, the summary and the exit code."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from grader.backends.base import Usage

EXIT_OK, EXIT_FAILED, EXIT_CONFIG, EXIT_BUDGET = 0, 1, 2, 3


@dataclass
class BatchStats:
    """Counts and costs of one batch run, for progress output and the final summary.

    Attributes:
        total: Transcripts the inputs name.
        graded: Graded in this run (some dimensions may still have failed).
        failed: Transcripts that could not be graded in this run, with a reason each.
        cached: Graded in this run entirely from the response cache.
        skipped: Already graded by an earlier run (or a duplicate of another input).
        not_started: Left ungraded because the budget would have been exceeded.
        dimension_failures: Transcripts graded in this run with a failed dimension.
        usage: Tokens and calls of this run.
        cost_usd: What this run cost (model calls only; cache hits are free).
        cost_known: False when the model has no price, so ``cost_usd`` is not meaningful.
        budget_stopped: The budget stopped the batch before every transcript started.
        fatal: Why the batch stopped early, when the endpoint refused every request.
        exit_code: 0 all graded, 1 something failed, 2 configuration, 3 budget stop.
        output: The results file.
        csv: The CSV summary file.
        elapsed: Seconds since the start.
    """

    total: int = 0
    graded: int = 0
    failed: int = 0
    cached: int = 0
    skipped: int = 0
    not_started: int = 0
    dimension_failures: int = 0
    usage: Usage = field(default_factory=Usage)
    cost_usd: float = 0.0
    cost_known: bool = True
    budget_stopped: bool = False
    fatal: str | None = None
    exit_code: int = EXIT_OK
    output: str = ""
    csv: str = ""
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed(self) -> float:
        """Seconds since the batch started."""
        return time.monotonic() - self.started

    @property
    def remaining(self) -> int:
        """Transcripts not yet finished, skipped or left out."""
        done = self.graded + self.failed + self.skipped + self.not_started
        return max(0, self.total - done)

    def eta_seconds(self) -> float | None:
        """Estimated seconds left at the rate seen so far, or None before any result."""
        finished = self.graded + self.failed
        if finished == 0:
            return None
        return self.remaining * self.elapsed / finished

    def to_dict(self) -> dict[str, Any]:
        """Return the summary as JSON data."""
        return {
            "total": self.total,
            "graded": self.graded,
            "failed": self.failed,
            "cached": self.cached,
            "skipped": self.skipped,
            "not_started": self.not_started,
            "dimension_failures": self.dimension_failures,
            "usage": self.usage.to_dict(),
            "cost_usd": round(self.cost_usd, 6) if self.cost_known else None,
            "budget_stopped": self.budget_stopped,
            "fatal": self.fatal,
            "exit_code": self.exit_code,
            "results": self.output,
            "csv": self.csv,
            "elapsed_seconds": round(self.elapsed, 2),
        }
