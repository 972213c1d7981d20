"""JSON that every JSON reader accepts: no bare NaN or Infinity.

Python's ``json`` writes a float that is not finite as ``NaN`` or ``Infinity``, which is not
JSON: strict readers (``jq``, browsers, most languages) refuse the whole document. A number
that is not finite means "no number", so it is written as ``null``.
"""

from __future__ import annotations

import json
import math
from typing import Any

__all__ = ["finite_only", "strict_dumps"]


def finite_only(value: Any) -> Any:
    """Return ``value`` with every float that is not finite replaced by None (lists, dicts)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: finite_only(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite_only(item) for item in value]
    return value


def strict_dumps(value: Any, *, indent: int | None = None) -> str:
    """Serialise ``value`` as strict JSON (non-finite floats as null), keeping non-ASCII text."""
    return json.dumps(finite_only(value), indent=indent, ensure_ascii=False, allow_nan=False)
