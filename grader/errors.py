"""Typed errors for transcript-grader.

Every error the package raises on purpose derives from :class:`GraderError`. Each carries the
data a caller needs (file, line, attempts, usage) and renders as one line that names the
problem and the fix, so the CLI can print it without a traceback.
"""

from __future__ import annotations

from pathlib import Path


class GraderError(Exception):
    """Base class for every error raised on purpose by the grader.

    Attributes:
        exit_code: Process exit code the CLI uses for this error.
    """

    exit_code: int = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message}. {self.hint}"
        return self.message


class InputError(GraderError):
    """A file the user gave us cannot be used as it is.

    Attributes:
        path: The offending file.
        line: 1-based line number, when the problem has one.
    """

    def __init__(
        self,
        path: str | Path,
        message: str,
        *,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.path = str(path)
        self.line = line
        where = self.path if line is None else f"{self.path}:{line}"
        super().__init__(f"{where}: {message}", hint=hint)


class RubricError(InputError):
    """A rubric file is malformed."""


class TranscriptError(InputError):
    """A transcript file cannot be read or parsed."""


class ConfigError(GraderError):
    """A command-line option or environment variable is wrong or missing."""


class BackendError(GraderError):
    """The model backend could not be reached or kept failing.

    Attributes:
        attempts: How many attempts were made before giving up.
    """

    def __init__(self, message: str, *, attempts: int = 1, hint: str | None = None) -> None:
        self.attempts = attempts
        super().__init__(message, hint=hint)


class EndpointRejectedError(BackendError):
    """The endpoint refuses every request alike (bad key, unknown model, wrong URL).

    Grading more transcripts cannot succeed, so a batch stops instead of failing each one.
    """


class ModelUnavailableError(BackendError):
    """The embedded model's files or runtime are not installed."""


class OutputError(GraderError):
    """The model's output could not be turned into a valid answer within the retry bound.

    Attributes:
        attempts: How many attempts were made.
        reasons: The reason each attempt was rejected, in order.
    """

    def __init__(self, message: str, *, attempts: int, reasons: list[str]) -> None:
        self.attempts = attempts
        self.reasons = reasons
        super().__init__(message)
