"""Package data: the built-in rubric, prompt templates and shipped calibrations.

Read through :func:`path`, which finds them inside the installed package with
:mod:`importlib.resources`, so a normal (non-editable) install works from any folder. The
repository's top-level ``rubric/`` and ``prompts/`` are links to these folders, the copies
users are pointed at.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def path(*parts: str) -> Path:
    """Return the file-system path of a file or folder of package data.

    Raises:
        RuntimeError: The package is installed somewhere that is not a plain folder (a zip),
            which this package does not support.
    """
    resource = files(__name__).joinpath(*parts)
    if not isinstance(resource, Path):
        raise RuntimeError(
            f"grader's package data is not on the file system ({resource}); "
            "install the package unzipped (pip does by default)"
        )
    return resource
