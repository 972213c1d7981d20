"""Write a report to a file in the format its name asks for."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from grader.errors import ConfigError

Render = Callable[[], str]
_FORMATS = {
    "html": (".html", ".htm"),
    "json": (".json",),
    "md": (".md", ".markdown"),
    "txt": (".txt",),
    "jsonl": (".jsonl",),
    "csv": (".csv",),
}


def check_output(path: Path, formats: tuple[str, ...]) -> None:
    """Refuse an output path this command cannot write, before any work is done.

    Raises:
        ConfigError: The extension is not one of ``formats``, or the path is a folder.
    """
    suffixes = [suffix for name in formats for suffix in _FORMATS[name]]
    if path.suffix.lower() not in suffixes:
        raise ConfigError(
            f"{path}: cannot write a {path.suffix or 'file without an extension'} here",
            hint=f"Name the output with one of {', '.join(suffixes)}",
        )
    if path.is_dir():
        raise ConfigError(f"{path}: is a folder", hint="Name a file to write")
    if path.exists() and not path.is_file():
        # Writing to a FIFO waits for a reader; to a device, anything may happen.
        raise ConfigError(
            f"{path}: is not a regular file (a device, FIFO or socket)",
            hint="Name a file on disk to write",
        )


def write_report(
    path: Path, *, text: Render, markdown: Render, json: Render, html: Render | None = None
) -> None:
    """Write ``path`` as HTML (``.html``, ``.htm``), JSON, Markdown (``.md``) or else text.

    Only the chosen renderer runs. The file ends with one newline; folders are created.

    Raises:
        ConfigError: The file cannot be written (a full disk, no permission).
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
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            content if content.endswith("\n") else content + "\n",
            encoding="utf-8",
            errors="replace",
        )
    except OSError as exc:
        raise ConfigError(
            f"{path}: cannot write the report ({exc.strerror or exc})",
            hint="Free disk space or choose another file with -o",
        ) from None
