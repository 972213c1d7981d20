"""The one progress display of the command line: a tqdm bar on a terminal, lines otherwise.

``grade`` counts model calls, ``batch``, ``eval`` and ``audit`` count transcripts; each shows
done/total, rate and time left on a terminal. Off a terminal (a log file, CI) there is no
bar, only one plain line per finished item, so logs stay readable. Warnings and failures are
always printed, also with ``--quiet``.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

from tqdm import tqdm

from grader.batch.run import BatchStats
from grader.reports.terminal import terminal_line


class Bar:
    """Progress over ``total`` items of one kind.

    Args:
        total: How many items there will be (None: unknown).
        unit: What an item is ("call", "transcript").
        quiet: Show no progress, only warnings.
        tty: Draw a bar (default: when stderr is a terminal).
        stream: Where to write (default: stderr).
    """

    def __init__(
        self,
        total: int | None,
        unit: str,
        *,
        quiet: bool = False,
        tty: bool | None = None,
        stream: TextIO | None = None,
    ) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.quiet = quiet
        self.done = 0
        self.total = total
        self._bar: tqdm[Any] | None = None
        if self.tty and not quiet:
            self._bar = tqdm(
                total=total, unit=f" {unit}", file=self.stream, dynamic_ncols=True, leave=False
            )

    def set_total(self, total: int) -> None:
        """Change how many items there will be."""
        self.total = total
        if self._bar is not None:
            self._bar.total = total
            self._bar.refresh()

    def advance(self, line: str = "", *, status: str = "") -> None:
        """Count one finished item; ``line`` is printed off a terminal, ``status`` on one."""
        self.done += 1
        if self._bar is not None:
            if status:
                self._bar.set_postfix_str(terminal_line(status), refresh=False)
            self._bar.update(1)
        elif line and not self.quiet:
            total = "?" if self.total is None else str(self.total)
            self._write(f"grader: [{self.done}/{total}] {line}")

    def status(self, text: str) -> None:
        """Show what is happening now (on a terminal only)."""
        if self._bar is not None:
            self._bar.set_postfix_str(terminal_line(text))

    def note(self, text: str) -> None:
        """Print a line that must be seen (warnings, failures), even with ``--quiet``."""
        self._write(f"grader: {text}")

    def info(self, text: str) -> None:
        """Print a line unless quiet."""
        if not self.quiet:
            self._write(f"grader: {text}")

    def close(self) -> None:
        """Remove the bar so later output starts on a clean line."""
        if self._bar is not None:
            # Show the final count once: updates closer than tqdm's interval are not drawn.
            self._bar.refresh()
            self._bar.close()
            self._bar = None

    def _write(self, text: str) -> None:
        # Lines carry file names and speaker names from input: never let them act on a terminal.
        text = terminal_line(text)
        if self._bar is not None:
            self._bar.write(text, file=self.stream)
        else:
            print(text, file=self.stream, flush=True)


class BatchProgress:
    """The batch's reporter: one bar over the transcripts, with tokens and cost beside it."""

    def __init__(self, *, quiet: bool, tty: bool | None = None) -> None:
        self.quiet, self.tty = quiet, tty
        self.bar: Bar | None = None

    def __call__(self, event: str, stats: BatchStats, message: str) -> None:
        """Report one batch event."""
        if self.bar is None:
            self.bar = Bar(stats.total, "transcript", quiet=self.quiet, tty=self.tty)
        bar = self.bar
        if event == "start":
            bar.set_total(stats.total)
            bar.info(f"batch of {message}")
        elif event in ("warning", "budget"):
            bar.note(("warning: " if event == "warning" else "") + message)
        elif event == "info":
            bar.info(message)
        elif event in ("result", "skip"):
            failed = event == "result" and "failed" in message
            if failed:
                bar.note(message)
            bar.advance("" if failed else message, status=_status(stats))

    def close(self) -> None:
        """End the bar."""
        if self.bar is not None:
            self.bar.close()


def _status(stats: BatchStats) -> str:
    tokens = stats.usage.prompt_tokens + stats.usage.completion_tokens
    cost = f"${stats.cost_usd:.4f}" if stats.cost_known else "$?"
    return (
        f"graded {stats.graded} failed {stats.failed} cached {stats.cached} "
        f"skipped {stats.skipped} | {_compact(tokens)} tok | {cost}"
    )


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


def _compact(count: int) -> str:
    if count >= 1_000_000:
        return f"{count / 1e6:.2f}M"
    if count >= 1_000:
        return f"{count / 1e3:.1f}k"
    return str(count)
