"""Prompt rendering: Jinja templates in ``prompts/`` with the transcript passed as data.

Templates render in a sandbox with StrictUndefined, so a missing variable is an error and a
user-supplied template cannot reach Python internals. Transcript text is only ever a value
inside a template, never template source, so ``{{ }}`` in a transcript stays literal.

The sandbox also bounds what one render may do, so a template cannot hang a batch or fill
the memory: the size of the output and of every string or list it builds
(:data:`MAX_RENDER_CHARS` plus twice the text it was given), the items of all its
``range()`` loops (:data:`MAX_RANGE_ITEMS`), its calls (:data:`MAX_CALLS`, which also bounds
a recursive macro) and the numbers it passes as widths and counts. Any failure of a
template is a :class:`~grader.errors.ConfigError` naming the template.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from grader import data
from grader.errors import ConfigError
from grader.grading.schema import MAX_QUOTES
from grader.rubrics.levels import LEVEL_IDS
from grader.rubrics.rubric import Dimension, Rubric
from grader.transcripts.render import format_turns
from grader.transcripts.transcript import Turn

DEFAULT_PROMPTS = data.path("prompts")

Message = dict[str, str]

# Bounds on one render; the built-in templates stay far below every one of them.
MAX_RENDER_CHARS = 1_000_000
MAX_RANGE_ITEMS = 100_000
MAX_CALLS = 100_000
# Widths, counts and exponents a template may pass (a width of 10**9 is a gigabyte).
MAX_NUMBER_ARG = 100_000
# A %-format or str.format field with a width or precision of a million or more.
_HUGE_FIELD = re.compile(r"%[-#0 +]*\d{7,}|%[-#0 +]*\d*\.\d{7,}|\{[^{}]*:[^{}]*\d{7,}[^{}]*\}")


class _Budget(threading.local):
    """What the render in progress on this thread may still use."""

    limit: int = MAX_RENDER_CHARS
    range_items: int = MAX_RANGE_ITEMS
    calls: int = MAX_CALLS


class _BoundedSandbox(SandboxedEnvironment):
    """A sandbox that refuses work beyond the bounds of one render (SecurityError)."""

    # Intercepted operators are not folded at compile time either: {{ 'x' * 10**9 }} once
    # built its gigabyte while the template was compiled.
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.budget = _Budget()
        self.globals["range"] = self._range
        self.filters = {name: _bounded(self, f) for name, f in self.filters.items()}

    def start(self, context: dict[str, Any]) -> int:
        """Reset the bounds for a render of ``context``; return the output limit.

        The text a template is given may appear in its output once more than once.
        """
        given = sum(len(value) for value in context.values() if isinstance(value, str))
        self.budget.limit = MAX_RENDER_CHARS + 2 * given
        self.budget.range_items = MAX_RANGE_ITEMS
        self.budget.calls = MAX_CALLS
        return self.budget.limit

    def size(self, length: int, what: str) -> None:
        """Refuse a value of ``length`` characters or items that would pass the bound."""
        if length > self.budget.limit:
            raise SecurityError(
                f"{what} would hold {length:,} characters or items, over the "
                f"{self.budget.limit:,} a prompt may have"
            )

    def number(self, value: object) -> None:
        """Refuse an integer too large to be a width, count or exponent, or such a format."""
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER_ARG:
            raise SecurityError(f"the number {value} is over the limit of {MAX_NUMBER_ARG:,}")
        if isinstance(value, str) and _HUGE_FIELD.search(value):
            raise SecurityError("a format field with a width of a million or more")
        if isinstance(value, tuple | list):
            for item in value[:100]:
                self.number(item)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Apply ``operator``, refusing results beyond the bounds before they are built."""
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(times, int):
                    self.size(len(seq) * max(times, 0), "a repeated string or list")
        elif operator == "**":
            self.number(right)
        elif operator == "+" and isinstance(left, str | list | tuple):
            if isinstance(right, str | list | tuple):
                self.size(len(left) + len(right), "a joined string or list")
        elif operator == "%" and isinstance(left, str):
            self.number(left)
            self.number(right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Call ``__obj`` for the template, counting calls and checking the arguments."""
        __self.budget.calls -= 1
        if __self.budget.calls < 0:
            raise SecurityError(f"more than {MAX_CALLS:,} calls (a macro calling itself?)")
        for value in (*args, *kwargs.values()):
            __self.number(value)
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str) and getattr(__obj, "__name__", "") == "replace":
            _check_replace(__self, owner, *args)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Sandbox ``str.format`` in a template, unless its string asks for a huge width."""
        if getattr(value, "__name__", "") in ("format", "format_map"):
            self.number(getattr(value, "__self__", None))
        return super().wrap_str_format(value)

    def _range(self, *args: int) -> range:
        for value in args:
            self.number(value)
        items = range(*args)
        self.budget.range_items -= len(items)
        if self.budget.range_items < 0:
            raise SecurityError(f"range() loops over more than {MAX_RANGE_ITEMS:,} items in all")
        return items


def _bounded(env: _BoundedSandbox, function: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a filter so its number arguments and the size of its result are bounded."""
    # Filters marked pass_context / pass_eval_context / pass_environment get that first.
    skip = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        values = [*args[skip:], *kwargs.values()]
        for value in values[1:]:
            env.number(value)
        name = function.__name__
        if name == "do_format" and values:
            env.number(values[0])
        elif name == "do_replace" and values and isinstance(values[0], str):
            _check_replace(env, values[0], *values[1:3])
        elif name == "do_join" and values and isinstance(values[0], list | tuple):
            env.size(sum(len(str(item)) for item in values[0]), "a joined string")
        return function(*args, **kwargs)

    return wrapper


def _check_replace(env: _BoundedSandbox, text: str, old: Any = "", new: Any = "", *_: Any) -> None:
    if isinstance(old, str) and isinstance(new, str):
        hits = text.count(old) if old else len(text) + 1
        env.size(len(text) + hits * max(len(new) - len(old), 0), "a replaced string")


@dataclass(frozen=True)
class RenderedPrompt:
    """Chat messages ready for a backend, with the hash that identifies them."""

    messages: list[Message]
    sha256: str


class PromptSet:
    """The templates of one prompts folder.

    A folder other than the built-in one only needs the templates it changes: a template it
    lacks is taken from the built-in folder, so a variant can be one file.

    Attributes:
        folder: Where the templates live.
        sha256: Hash of every template's source, as used, recorded in results and cache keys.
    """

    def __init__(self, folder: str | Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else DEFAULT_PROMPTS
        if not self.folder.is_dir():
            raise ConfigError(
                f"{self.folder}: prompts folder not found",
                hint="Pass --prompts with a folder of .j2 templates",
            )
        search = [self.folder] if self.folder == DEFAULT_PROMPTS else [self.folder, DEFAULT_PROMPTS]
        self._env = _BoundedSandbox(
            loader=FileSystemLoader([str(path) for path in search]),
            undefined=StrictUndefined,
            autoescape=False,
            keep_trailing_newline=False,
            trim_blocks=False,
        )
        used: dict[str, Path] = {}
        for path in reversed(search):
            used.update({template.name: template for template in path.glob("*.j2")})
        digest = hashlib.sha256()
        for name in sorted(used):
            digest.update(name.encode())
            digest.update(used[name].read_bytes())
        self.sha256 = digest.hexdigest()

    def render(self, template: str, **context: Any) -> str:
        """Render one template with ``context``.

        Raises:
            ConfigError: The template is missing, not UTF-8 text, uses an undefined
                variable, fails, or passes the bounds of the sandbox.
        """
        env = self._env
        left = env.start(context)
        try:
            parts: list[str] = []
            for part in env.get_template(template).generate(**context):
                left -= len(part)
                if left < 0:
                    raise SecurityError(
                        f"the prompt is longer than the {env.budget.limit:,} characters a "
                        "prompt may have"
                    )
                parts.append(part)
            return "".join(parts).strip() + "\n"
        except (TemplateError, UnicodeDecodeError, RecursionError, MemoryError) as exc:
            problem = _problem(exc)
        except Exception as exc:
            # A template's own expression failed ({{ 1 / 0 }}, a filter on the wrong type).
            problem = f"{type(exc).__name__}: {exc}"
        raise ConfigError(
            f"{self._path(template)}: cannot render template ({problem})",
            hint="Fix the template or use the default prompts folder",
        )

    def _path(self, template: str) -> Path:
        """Return the file a template name was read from."""
        mine = self.folder / template
        return (
            mine if mine.exists() or self.folder == DEFAULT_PROMPTS else DEFAULT_PROMPTS / template
        )

    def messages(self, template: str, **context: Any) -> RenderedPrompt:
        """Render the system prompt and one user template into chat messages."""
        messages = [
            {"role": "system", "content": self.render("system.j2")},
            {"role": "user", "content": self.render(template, **context)},
        ]
        blob = json.dumps(messages, sort_keys=True, ensure_ascii=False).encode()
        return RenderedPrompt(messages, hashlib.sha256(blob).hexdigest())


def level_context(rubric: Rubric, dimension: Dimension) -> list[dict[str, str]]:
    """Return the dimension's five levels as template data, lowest first."""
    return [
        {"id": item.id.value, "name": item.name, "descriptor": dimension.levels[item.id]}
        for item in rubric.levels
    ]


def base_context(turns: Sequence[Turn]) -> dict[str, Any]:
    """Return the template variables every grading template shares."""
    return {
        "transcript": format_turns(turns),
        "turn_count": len(turns),
        "level_ids": list(LEVEL_IDS),
        "max_quotes": MAX_QUOTES,
    }


def _problem(exc: BaseException) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return f"the file is not UTF-8 text (byte {exc.start})"
    if isinstance(exc, RecursionError):
        return "it calls itself too deeply (a recursive macro, include or extends?)"
    if isinstance(exc, MemoryError):
        return "it needs more memory than there is"
    return str(exc) or type(exc).__name__
