"""Prompt rendering: Jinja templates in ``prompts/`` with the transcript passed as data.

Templates render in a sandbox with StrictUndefined, so a missing variable is an error and a
user-supplied template cannot reach Python internals. Transcript text is only ever a value
inside a template, never template source, so ``{{ }}`` in a transcript stays literal.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError
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
        self._env = SandboxedEnvironment(
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
            ConfigError: The template is missing or uses an undefined variable.
        """
        try:
            return self._env.get_template(template).render(**context).strip() + "\n"
        except TemplateError as exc:
            raise ConfigError(
                f"{self.folder / template}: cannot render template ({exc})",
                hint="Fix the template or use the default prompts folder",
            ) from None

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
