"""What a batch shows while it runs: a bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
import time

from grader.batch_run import BatchStats


def summary_line(stats: BatchStats) -> str:
    """Return the one-line summary printed at the end of a batch."""
    usage = stats.usage
    cost = f"${stats.cost_usd:.4f}" if stats.cost_known else "cost unknown (no price)"
    parts = [
        f"graded {stats.graded}",
        f"failed {stats.failed}",
        f"cached {stats.cached}",
        f"skipped {stats.skipped} (already graded)",
    ]
    if stats.not_started:
        parts.append(f"not started {stats.not_started} (budget)")
    tokens = usage.prompt_tokens + usage.completion_tokens
    return (
        f"{', '.join(parts)}; {usage.calls} calls, {tokens:,} tokens "
        f"({usage.cached_tokens:,} cached), {cost}, {stats.elapsed:.1f} s. "
        f"Results: {stats.output}; summary: {stats.csv}"
    )


class Progress:
    """Progress on stderr: a bar redrawn in place on a terminal, plain lines otherwise."""

    def __init__(self, *, quiet: bool, tty: bool) -> None:
        self.quiet, self.tty = quiet, tty
        self._drawn = 0.0
        self._bar_shown = False

    def __call__(self, event: str, stats: BatchStats, message: str) -> None:
        """Report one batch event."""
        if event in ("warning", "budget") or (event == "result" and "failed" in message):
            self._line(f"grader: {'warning: ' if event == 'warning' else ''}{message}")
        if self.quiet:
            return
        if event == "info":
            self._line(f"grader: {message}")
        if self.tty:
            if event == "done" or time.monotonic() - self._drawn > 0.1:
                self._bar(stats)
        elif event == "result" and "failed" not in message:
            done = stats.graded + stats.failed + stats.skipped
            self._line(f"grader: [{done}/{stats.total}] {message}")
        elif event == "start":
            self._line(f"grader: batch of {message}")

    def close(self) -> None:
        """End the bar's line so later output starts on a fresh one."""
        if self._bar_shown:
            print(file=sys.stderr, flush=True)
            self._bar_shown = False

    def _bar(self, stats: BatchStats) -> None:
        done = stats.graded + stats.failed + stats.skipped + stats.not_started
        width = 24
        filled = width * done // max(1, stats.total)
        eta = stats.eta_seconds()
        tokens = stats.usage.prompt_tokens + stats.usage.completion_tokens
        cost = f"${stats.cost_usd:.4f}" if stats.cost_known else "$?"
        text = (
            f"[{'#' * filled}{'.' * (width - filled)}] {done}/{stats.total} "
            f"done {stats.graded} failed {stats.failed} cached {stats.cached} "
            f"skipped {stats.skipped} | {_compact(tokens)} tok | {cost} | "
            f"ETA {'?' if eta is None else _duration(eta)}"
        )
        print(f"\r\033[K{text}", end="", file=sys.stderr, flush=True)
        self._drawn = time.monotonic()
        self._bar_shown = True

    def _line(self, text: str) -> None:
        if self._bar_shown:
            print("\r\033[K", end="", file=sys.stderr)
            self._bar_shown = False
        print(text, file=sys.stderr, flush=True)


def _compact(count: int) -> str:
    if count >= 1_000_000:
        return f"{count / 1e6:.2f}M"
    if count >= 1_000:
        return f"{count / 1e3:.1f}k"
    return str(count)


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"
