"""OpenAI's strict ``json_schema`` mode: the subset of JSON Schema it accepts."""

from __future__ import annotations

from typing import Any

# Keywords that OpenAI's strict json_schema mode does not accept; pydantic still enforces
# them when the answer is validated, so dropping them from the request loses no check.
_STRICT_UNSUPPORTED = ("maxLength", "minLength", "maxItems", "minItems", "pattern", "title")


def strip_for_strict(schema: dict[str, Any]) -> dict[str, Any]:
    """Return ``schema`` in the subset OpenAI's strict ``json_schema`` mode accepts."""
    result: dict[str, Any] = _strip(schema)
    return result


def _strip(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            key: _strip(value)
            for key, value in node.items()
            if key not in _STRICT_UNSUPPORTED or (isinstance(value, dict) and key == "title")
        }
    if isinstance(node, list):
        return [_strip(item) for item in node]
    return node
