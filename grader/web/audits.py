"""Audits of uploaded ratings files, with the model ranked from the history's grades."""

from __future__ import annotations

import secrets
from collections import OrderedDict
from dataclasses import dataclass

from grader.audit.analysis import AuditResult, audit
from grader.ratings.files import Rating
from grader.rubrics.levels import Level
from grader.rubrics.rubric import Rubric
from grader.web.errors import NotFound
from grader.web.inputs import read_ratings
from grader.web.store import History

KEPT_AUDITS = 20
MODEL = "model"


@dataclass
class Audited:
    """An audit shown on the page, kept a while for its downloads."""

    result: AuditResult
    model_note: str


class Audits:
    """The last audits run, by id."""

    def __init__(self, history: History, rubric: Rubric) -> None:
        self.history = history
        self.rubric = rubric
        self._kept: OrderedDict[str, Audited] = OrderedDict()

    def run(self, data: bytes, name: str | None, *, with_model: bool = False) -> str:
        """Audit an uploaded ratings file, optionally ranking the model by the history.

        Returns:
            The audit's id, for :meth:`get` and its downloads.

        Raises:
            RatingsError: A malformed ratings file, or fewer than two graders.
        """
        ratings = read_ratings(data, name, self.rubric)
        model_ratings: list[Rating] = []
        model: str | None = None
        note = ""
        if with_model:
            model, model_ratings, note = self._model_ratings(ratings.interviews())
        titles = {d.id: d.title for d in self.rubric.dimensions}
        result = audit(ratings, model_ratings=model_ratings, model=model, titles=titles)
        audit_id = secrets.token_urlsafe(9)
        self._kept[audit_id] = Audited(result, note)
        while len(self._kept) > KEPT_AUDITS:
            self._kept.popitem(last=False)
        return audit_id

    def _model_ratings(self, interviews: list[str]) -> tuple[str | None, list[Rating], str]:
        kept = self.history.by_name()
        found = [i for i in interviews if i in kept]
        if not found:
            return (
                None,
                [],
                (
                    "No interview of this file is in the history (the model's grade is matched "
                    "by file name: interview id I001 is the graded file I001.txt)."
                ),
            )
        model = MODEL
        ratings = []
        for interview in found:
            stored = self.history.get(kept[interview])
            if stored is None:
                continue
            for dim, level in stored.entry.summary.items():
                if level is not None:
                    ratings.append(Rating(interview, model, dim, Level(level)))
        note = (
            f"The model's grades come from the history for {len(found)} of "
            f"{len(interviews)} interviews."
        )
        return model, ratings, note

    def get(self, audit_id: str) -> Audited:
        """Return a recent audit.

        Raises:
            NotFound: No such audit (audits are kept for the last 20 uploads).
        """
        found = self._kept.get(audit_id)
        if found is None:
            raise NotFound("that audit is no longer kept", hint="Upload the ratings again")
        return found
