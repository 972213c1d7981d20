"""The bookkeeping of one batch, shared by the online runner and the Batch API runner.

It walks the inputs, skips what the results file already holds, loads transcripts,
estimates and reserves their cost against the budget, writes each result line as it
comes, keeps the counts for progress output, and writes the CSV summary at the end.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from grader.backends.base import ModelInfo, Usage
from grader.backends.cache import ResponseCache
from grader.backends.pricing import FREE, Budget, CostEstimator, PriceTable
from grader.batch.inputs import check_inputs, count, expand
from grader.batch.outputs import check_csv_path, check_results_path
from grader.batch.results import FAILED, GRADED, ResultsWriter, resume_key, resume_settings
from grader.batch.settings import BatchSettings, Pending, Reporter
from grader.batch.stats import EXIT_BUDGET, EXIT_CONFIG, EXIT_FAILED, BatchStats
from grader.batch.summary import summary_rows, write_csv
from grader.engine.runner import Hooks, Job, Outcome
from grader.errors import ConfigError, EndpointRejectedError, GraderError, OutputError
from grader.grading.options import GradeOptions, resolve_options
from grader.grading.plan import chunk_budget
from grader.grading.prompts import PromptSet
from grader.grading.scorecard import Scorecard
from grader.rubrics.rubric import Rubric
from grader.transcripts.attribution.overrides import SpeakerOverrides
from grader.transcripts.reading import read_file
from grader.transcripts.render import format_turns
from grader.transcripts.transcript import Transcript, load

__all__ = ["BatchRun", "BatchSettings", "BatchStats", "Pending", "Reporter"]


class BatchRun:
    """State of one batch: inputs, results file, budget and counts."""

    def __init__(
        self,
        inputs: Sequence[str],
        output: str | Path,
        rubric: Rubric,
        model: ModelInfo,
        *,
        prompts: PromptSet | None = None,
        options: GradeOptions | None = None,
        cache: ResponseCache | None = None,
        prices: PriceTable | None = None,
        budget: float | None = None,
        candidate: str | None = None,
        speakers: SpeakerOverrides | None = None,
        csv_path: str | Path | None = None,
        reporter: Reporter | None = None,
        discount: float = 1.0,
    ) -> None:
        check_inputs(inputs)
        self.csv_path = Path(csv_path) if csv_path else Path(output).with_suffix(".csv")
        check_results_path(Path(output))
        check_csv_path(self.csv_path)
        self.inputs = list(inputs)
        prompts, prices = prompts or PromptSet(), prices or PriceTable()
        # Resolved once here, so the resume key records the calibration and redaction used.
        options = resolve_options(options, model, rubric, prompts.sha256)
        self.rubric, self.model, self.prompts, self.options = rubric, model, prompts, options
        self.cache, self.discount = cache, discount
        self.who: dict[str, Any] = {"candidate": candidate, "speakers": speakers}
        self.report: Reporter = reporter or (lambda event, stats, message: None)
        price = prices.lookup(model.name, model.model)
        if budget is not None and price is None:
            raise ConfigError(
                f"--budget needs a price for model {model.model!r}, and none is known",
                hint="Give one with --prices FILE (USD per million tokens)",
            )
        self.price = price
        self.budget = Budget(budget)
        self.estimator = CostEstimator(price or FREE, options.settings.max_tokens)
        self.model_id = {k: v for k, v in model.describe().items() if k != "structured_output"}
        self.settings = resume_settings(options, candidate, model, speakers)
        self.stats = BatchStats(cost_known=price is not None)
        self.writer = ResultsWriter(output)
        self.stats.output, self.stats.csv = str(self.writer.path), str(self.csv_path)
        self.stats.total = count(self.inputs)
        self.keys: list[tuple[str, str]] = []
        self._unread: dict[str, dict[str, Any]] = {}
        self._started: set[str] = set()
        self.stopped = False
        self.error: Exception | None = None
        for warning in self.writer.existing.warnings:
            self.report("warning", self.stats, warning)
        self.report("start", self.stats, f"{self.stats.total} transcripts")

    def key_for(self, content_sha256: str) -> str:
        """Return the resume key of a transcript with this content."""
        return resume_key(
            content_sha256, self.rubric.sha256, self.prompts.sha256, self.model_id, self.settings
        )

    def pending(self) -> Iterator[Pending]:
        """Yield the transcripts still to grade, recording files that cannot be read."""
        for path in expand(self.inputs):
            if self.stopped:
                return
            try:
                # The checks grade makes, before anything is read: a FIFO or a device is
                # refused instead of blocking or reading without end.
                data = read_file(path, max_bytes=self.options.max_bytes)
            except GraderError as exc:
                self._fail_input(path, "", str(exc))
                continue
            key = self.key_for(hashlib.sha256(data).hexdigest())
            del data
            self.keys.append((str(path), key))
            if key in self.writer.existing.done or key in self._started:
                self.stats.skipped += 1
                self.report("skip", self.stats, f"{path}: already graded")
                continue
            self._started.add(key)
            try:
                transcript = load(path, max_bytes=self.options.max_bytes, **self.who)
            except GraderError as exc:
                self._fail_input(path, key, str(exc))
                continue
            yield Pending(path, transcript, key)

    def jobs(self) -> Iterator[Job]:
        """Yield the engine's jobs: the pending transcripts, each tagged with its item."""
        for item in self.pending():
            yield Job(item.transcript, tag=item)

    def hooks(self) -> Hooks:
        """Return the engine hooks that record results and keep the budget."""

        def reserve(job: Job) -> bool:
            item: Pending = job.tag
            if item.estimate is None:
                item.estimate = self.estimate(item)
            return self.budget.try_reserve(item.estimate)

        def refuse(job: Job) -> None:
            self.stop_for_budget(job.tag, job.tag.estimate or 0.0)

        def on_outcome(outcome: Outcome) -> None:
            item: Pending = outcome.job.tag
            try:
                self.record(
                    item,
                    outcome.card,
                    outcome.error,
                    item.estimate or 0.0,
                    outcome.seconds,
                    outcome.spent,
                )
            except Exception as exc:
                # The engine calls this from a task that nobody awaits once it is done: a
                # result that could not be written would vanish while the batch counted
                # on. Stop starting transcripts; the runner raises it when the run ends.
                self.stopped = True
                self.error = self.error or exc

        return Hooks(
            on_outcome=on_outcome, reserve=reserve, refuse=refuse, stopped=lambda: self.stopped
        )

    def estimate(self, item: Pending) -> float:
        """Return an upper estimate of what grading ``item`` costs (0 without a budget)."""
        if self.budget.limit is None:
            return 0.0
        tokens, prompt_calls, answer_calls = self._shape(item.transcript)
        return self.estimator.estimate(tokens, prompt_calls, answer_calls, self.discount)

    def record(
        self,
        item: Pending,
        card: Scorecard | None,
        error: GraderError | None,
        estimate: float,
        elapsed: float,
        spent: Usage | None = None,
    ) -> None:
        """Write the result of one transcript and update the counts.

        ``spent`` is what the model calls used when the transcript failed part way.
        """
        usage = Usage(**card.usage) if card is not None else spent or Usage()
        cost = self.price.cost(usage, self.discount) if self.price is not None else None
        self.budget.settle(estimate, cost or 0.0)
        if card is not None and self.budget.limit is not None:
            tokens, _, answer_calls = self._shape(item.transcript)
            self.estimator.learn(tokens, usage, answer_calls)
        record: dict[str, Any] = card.to_json() if card is not None else {}
        if card is not None and card.dimensions and len(card.failed) == len(card.dimensions):
            # Nothing was graded: the transcript failed, with its dimensions' reasons kept.
            error = error or OutputError(
                f"every dimension failed; {card.dimensions[0].id}: {card.dimensions[0].error}",
                attempts=0,
                reasons=[],
            )
            card = None
        record.update(
            input=str(item.path),
            content_sha256=item.transcript.sha256,
            resume_key=item.key,
            status=GRADED if card is not None else FAILED,
            error=None if error is None else str(error),
            cost={
                "usd": None if cost is None else round(cost, 8),
                "discount": self.discount,
                "price_per_million": None if self.price is None else vars(self.price),
            },
            batch_elapsed_seconds=round(elapsed, 3),
            attribution=item.transcript.attribution and item.transcript.attribution.summary(),
        )
        if card is None:
            record["usage"] = usage.to_dict()
        self.writer.append(record)
        self.stats.usage.add(usage)
        self.stats.cost_usd += cost or 0.0
        if card is None:
            self.stats.failed += 1
            message = f"{item.path}: failed: {error}"
            if isinstance(error, EndpointRejectedError):
                # Every other transcript would be refused the same way.
                self.stats.fatal, self.stopped = str(error), True
        else:
            self.stats.graded += 1
            self.stats.cached += usage.calls == 0 and usage.cache_hits > 0
            failed = [dim.id for dim in card.failed]
            self.stats.dimension_failures += bool(failed)
            message = f"{item.path}: graded" + (f", failed: {' '.join(failed)}" if failed else "")
        self.report("result", self.stats, message)

    def stop_for_budget(self, item: Pending, estimate: float) -> None:
        """Stop starting transcripts: the next one would pass the budget."""
        self.stopped = True
        self.stats.budget_stopped = True
        assert self.budget.limit is not None
        self.report(
            "budget",
            self.stats,
            f"budget: stopped before {item.path}: its estimated ${estimate:.4f} would take "
            f"the ${self.budget.spent + self.budget.reserved:.4f} committed past the "
            f"${self.budget.limit:.4f} budget. Finished results are kept; rerun with a "
            "higher --budget to grade the rest",
        )

    def finish(self) -> BatchStats:
        """Write the CSV summary and decide the exit code."""
        stats = self.stats
        if stats.budget_stopped:
            stats.not_started = stats.remaining
        ids = [dim.id for dim in self.rubric.dimensions]
        ordered = summary_rows(self.writer.path, self.keys, self._unread, ids)
        write_csv(ordered, self.csv_path, ids)
        failed = stats.failed > 0 or any(
            row["status"] != GRADED or row["failed_dimensions"] for row in ordered
        )
        if stats.fatal:
            stats.exit_code = EXIT_CONFIG
        elif stats.budget_stopped:
            stats.exit_code = EXIT_BUDGET
        elif failed:
            stats.exit_code = EXIT_FAILED
        self.report("done", stats, "")
        return stats

    def close(self) -> None:
        """Release the results file."""
        self.writer.close()

    def _fail_input(self, path: Path, key: str, message: str) -> None:
        record = {"input": str(path), "resume_key": key, "status": FAILED, "error": message}
        self.writer.append(record)
        if not key:
            # Not read at all, so no resume key: the summary lists it by its path.
            self.keys.append((str(path), ""))
            self._unread[str(path)] = record
        self.stats.failed += 1
        self.report("result", self.stats, message)

    def _shape(self, transcript: Transcript) -> tuple[int, int, int]:
        """Return (transcript tokens per call, calls, answers) expected for a transcript."""
        tokens = self.model.count_tokens(format_turns(transcript.turns))
        dims = len(self.rubric.dimensions)
        budget = chunk_budget(self.model, self.options)
        chunks = math.ceil(tokens / budget)
        if chunks > 1:
            return min(tokens, budget), dims * chunks + dims, dims * chunks + dims
        if self.options.strategy == "all_at_once":
            return tokens, 1, dims
        return tokens, dims, dims
