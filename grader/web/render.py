"""The page templates: one Jinja environment, every value escaped unless marked safe."""

from __future__ import annotations

import functools
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2

from grader import __version__

__all__ = ["error_page", "render", "static_folder"]


def _folder(name: str) -> Path:
    resource = files("grader.web").joinpath(name)
    if not isinstance(resource, Path):
        raise RuntimeError(f"grader's web files are not on the file system ({resource})")
    return resource


def static_folder() -> Path:
    """Return the folder of the app's script, styles and pictures."""
    return _folder("static")


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_folder("templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    env.filters["seconds"] = _seconds
    return env


def _seconds(value: float | None) -> str:
    if value is None:
        return "-"
    value = float(value)
    if value < 60:
        return f"{value:.0f} s"
    return f"{int(value // 60)} min {int(value % 60):02d} s"


def render(template: str, **values: Any) -> str:
    """Render a page template; ``csrf`` and ``active`` default to empty."""
    values.setdefault("csrf", "")
    values.setdefault("active", "")
    return _environment().get_template(template).render(**values)


def error_page(message: str, status: int) -> str:
    """Render the page that shows one error in words."""
    return render("error.html", message=message, status=status)
