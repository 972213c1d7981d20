"""transcript-grader: grade interview transcripts against an anchored rubric.

The public Python API. Names are imported on first use, so ``import grader`` stays cheap
and the command line starts fast::

    import grader

    card = grader.grade(grader.load_transcript("interview.txt"), grader.load_rubric(),
                        grader.make_backend("local"))
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "BackendSpec": "grader.backends.spec",
    "GradeOptions": "grader.grading.options",
    "GraderError": "grader.errors",
    "Level": "grader.rubrics.levels",
    "Rubric": "grader.rubrics.rubric",
    "Scorecard": "grader.grading.scorecard",
    "Transcript": "grader.transcripts.transcript",
    "grade": "grader.engine",
    "grade_many": "grader.engine",
    "load_rubric": "grader.rubrics.rubric",
    "load_transcript": "grader.transcripts.transcript",
    "make_backend": "grader.backends",
    "resolve_options": "grader.grading.options",
}
# Exported under another name than the library's own.
_RENAMED = {"load_transcript": "load"}

__all__ = [
    "BackendSpec",
    "GradeOptions",
    "GraderError",
    "Level",
    "Rubric",
    "Scorecard",
    "Transcript",
    "__version__",
    "grade",
    "grade_many",
    "load_rubric",
    "load_transcript",
    "make_backend",
    "resolve_options",
]

if TYPE_CHECKING:
    from grader.backends import make_backend
    from grader.backends.spec import BackendSpec
    from grader.engine import grade, grade_many
    from grader.errors import GraderError
    from grader.grading.options import GradeOptions, resolve_options
    from grader.grading.scorecard import Scorecard
    from grader.rubrics.levels import Level
    from grader.rubrics.rubric import Rubric, load_rubric
    from grader.transcripts.transcript import Transcript
    from grader.transcripts.transcript import load as load_transcript


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'grader' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), _RENAMED.get(name, name))
    globals()[name] = value
    return value
