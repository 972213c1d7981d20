"""Reading YAML or JSON data files strictly, and finding the line a problem is on.

Rubrics and calibrations are files people write or edit by hand, and files a hostile party
can hand over. Both are read here the same way: a size limit, JSON without the ``NaN`` and
``Infinity`` extensions, YAML without non-finite floats (``.inf``, ``.nan``, ``1e999``),
values that cannot be built (a 5,000-digit integer, 30 February) and structures too large
or too deep (an alias bomb) refused, every problem as the caller's typed error with the
file and, where one can be found, the line.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from grader.errors import InputError

MAX_BYTES = 1_000_000
# A rubric holds a few thousand values; a calibration a few hundred. Far above both, and far
# below what an alias bomb expands to.
MAX_VALUES = 200_000
MAX_DEPTH = 50

ErrorType = Callable[..., InputError]


class _Refused(yaml.constructor.ConstructorError):
    """A value that is valid YAML but not a value these files may hold."""


class _StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing values that are not finite numbers or cannot be built."""


def _checked(build: Callable[[Any, Any], Any], what: str) -> Any:
    def construct(loader: yaml.SafeLoader, node: Any) -> Any:
        try:
            value = build(loader, node)
        except (ValueError, OverflowError, IndexError) as exc:  # "!!float ''" is an IndexError
            raise _Refused(
                None, None, f"{node.value!r} is not a valid {what} ({exc})", node.start_mark
            ) from None
        if isinstance(value, float) and not math.isfinite(value):
            raise _Refused(None, None, f"{node.value!r} is not a finite number", node.start_mark)
        return value

    return construct


_StrictLoader.add_constructor(
    "tag:yaml.org,2002:float", _checked(yaml.SafeLoader.construct_yaml_float, "number")
)
_StrictLoader.add_constructor(
    "tag:yaml.org,2002:int", _checked(yaml.SafeLoader.construct_yaml_int, "integer")
)
_StrictLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", _checked(yaml.SafeLoader.construct_yaml_timestamp, "date")
)


class _NotFinite(ValueError):
    """A JSON number or constant that is not a finite number."""


def _json_constant(name: str) -> float:
    raise _NotFinite(f"{name} is not a number JSON allows; numbers must be finite")


def _json_float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise _NotFinite(f"{literal} is too large to be a finite number")
    return value


def parse_data(
    file: Path, text: str, error: ErrorType, what: str, *, json_only: bool = False
) -> Any:
    """Parse ``text`` as JSON (for a ``.json`` file, or always) or YAML, strictly.

    Args:
        file: The file the text came from, named in errors.
        text: Its content.
        error: The typed error to raise, called as ``error(file, message, line=..., hint=...)``.
        what: What the file is ("rubric", "calibration"), for messages.
        json_only: Read the text as JSON whatever the file's name.

    Returns:
        The parsed data, whose numbers are all finite.

    Raises:
        InputError: Through ``error``: a syntax error, a non-finite number, a value that
            cannot be built, or data too large or too deeply nested.
    """
    if len(text) > MAX_BYTES:
        raise error(file, f"{what} file is larger than {MAX_BYTES:,} characters")
    if json_only or file.suffix.lower() == ".json":
        data = _parse_json(file, text, error)
    else:
        data = _parse_yaml(file, text, error)
    _check_size(file, data, error, what)
    return data


def _parse_json(file: Path, text: str, error: ErrorType) -> Any:
    try:
        return json.loads(text, parse_constant=_json_constant, parse_float=_json_float)
    except json.JSONDecodeError as exc:
        raise error(file, f"invalid JSON: {exc.msg}", line=exc.lineno) from None
    except _NotFinite as exc:
        raise error(
            file, f"invalid JSON: {exc}", line=_first_line(text, _NON_FINITE_JSON)
        ) from None
    except ValueError as exc:  # an integer too long to convert
        raise error(file, f"invalid JSON: {exc}") from None
    except RecursionError:
        raise error(file, f"invalid JSON: nested deeper than {MAX_DEPTH} levels") from None


def _parse_yaml(file: Path, text: str, error: ErrorType) -> Any:
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or "invalid YAML"
        if isinstance(exc, _Refused):
            hint = "Write a finite number" if "finite" in problem else "Quote it as text"
            raise error(file, problem, line=line, hint=hint) from None
        raise error(file, f"invalid YAML: {problem}", line=line) from None
    except RecursionError:
        raise error(file, f"invalid YAML: nested deeper than {MAX_DEPTH} levels") from None
    except Exception as exc:  # PyYAML lets built-in errors out on odd scalars
        raise error(file, f"invalid YAML: {type(exc).__name__}: {exc}") from None


_NON_FINITE_JSON = re.compile(r"(?<![\w.\"])-?(?:NaN|Infinity|\d[\d.]*[eE][+-]?\d{3,})")


def _first_line(text: str, pattern: re.Pattern[str]) -> int | None:
    found = pattern.search(text)
    return None if found is None else text.count("\n", 0, found.start()) + 1


def _check_size(file: Path, data: Any, error: ErrorType, what: str) -> None:
    """Refuse data with more than MAX_VALUES values or more than MAX_DEPTH levels.

    Shared references (YAML aliases) count once per use, as validation would visit them.
    """
    stack: list[tuple[Any, int]] = [(data, 1)]
    seen = 0
    while stack:
        node, depth = stack.pop()
        seen += 1
        if seen > MAX_VALUES:
            raise error(
                file,
                f"{what} holds more than {MAX_VALUES:,} values (YAML aliases count each "
                "time they are used)",
                hint="Write the file out without repeated aliases",
            )
        if depth > MAX_DEPTH:
            raise error(file, f"{what} is nested deeper than {MAX_DEPTH} levels")
        if isinstance(node, dict):
            stack.extend((item, depth + 1) for pair in node.items() for item in pair)
        elif isinstance(node, list):
            stack.extend((item, depth + 1) for item in node)


def line_of(text: str, data: Any, loc: Sequence[str | int]) -> int | None:
    """Return the best-effort 1-based line of the value at ``loc`` in ``data``.

    ``loc`` is a path of keys and list indexes (as in a pydantic error). Keys are looked for
    as ``key:`` (YAML) or ``"key":`` (JSON), and list items by their ``id``, each after the
    line found for the step before, so the line found is the deepest step that could be
    found.
    """
    lines = text.splitlines()
    start, found = 0, None
    node = data
    for part in loc:
        pattern: re.Pattern[str] | None = None
        if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
            node = node[part]
            ident = node.get("id") if isinstance(node, dict) else None
            if isinstance(ident, str) and ident:
                pattern = re.compile(rf"\bid[\"']?\s*:\s*[\"']?{re.escape(ident)}(?![\w.-])")
        elif isinstance(part, str) and isinstance(node, dict):
            node = node.get(part)
            pattern = re.compile(rf"(?:^|[\s\"'{{,-]){re.escape(part)}[\"']?\s*:")
        else:
            break
        hit = _find(lines, start, pattern) if pattern is not None else None
        if hit is not None:
            start = found = hit
    return None if found is None else found + 1


def _find(lines: list[str], start: int, pattern: re.Pattern[str]) -> int | None:
    for number in range(start, len(lines)):
        if pattern.search(lines[number]):
            return number
    return None
