"""What the loader inferred about the speakers, kept with the transcript and its result."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from grader.transcripts.labels import Role

# A turn attributed with less confidence than this is named in the warning.
LOW_CONFIDENCE = 0.7


class Attribution(BaseModel):
    """How the speakers of a transcript were told apart, and how sure that is.

    Attributes:
        method: ``unlabelled`` (lines without speaker names, split and grouped into turns
            from their words) or ``diarized`` (speaker labels such as ``SPEAKER_00``
            without roles, mapped to roles from their words).
        confidence: The mean, over the transcript's words, of the probability that the
            word's role is right (0.5: a guess; 1: certain or fixed by a person).
        speakers: For diarized transcripts, each speaker label and the role it was given.
        split_lines: Lines of the file that were split between two speakers.
        low_confidence_turns: Ids of the turns attributed with less than 0.7 confidence.
        corrected: What a person fixed (``lines 12-40 candidate``, ``SPEAKER_01 candidate``).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    method: Literal["unlabelled", "diarized"]
    confidence: float
    speakers: dict[str, Role] = {}
    split_lines: int = 0
    low_confidence_turns: list[str] = []
    corrected: list[str] = []

    def summary(self) -> dict[str, object]:
        """Return the record as plain data, for JSON."""
        return self.model_dump()
