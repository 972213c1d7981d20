"""Write a report to a file in the format its name asks for."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

Render = Callable[[], str]


def write_report(
    path: Path, *, text: Render, markdown: Render, json: Render, html: Render | None = None
) -> None:
    """Write ``path`` as HTML (``.html``, ``.htm``), JSON, Markdown (``.md``) or else text.

    Only the chosen renderer runs. The file ends with one newline; folders are created.
    """
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm") and html is not None:
        content = html()
    elif suffix == ".json":
        content = json()
    elif suffix in (".md", ".markdown"):
        content = markdown()
    else:
        content = text()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content if content.endswith("\n") else content + "\n", encoding="utf-8")
