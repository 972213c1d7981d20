"""Reading transcript files: bytes from a regular file or standard input, decoded as text.

Everything a user gives is checked before it is read: a folder, a device or a FIFO is
refused at once, a file over the byte limit is refused before its content is read, and
text that is not UTF-8 is decoded with a warning naming the first bad line.
"""

from __future__ import annotations

import re
import stat
import sys
from pathlib import Path

from grader.errors import TranscriptError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_NON_TEXT_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
_NON_TEXT_SHARE = 0.3
MAX_LISTED = 20
_ENCODING_HINT = "save the transcript as UTF-8 text (.txt, .md, .vtt, .srt or .json)"


def read_file(path: str | Path, *, max_bytes: int = 2_000_000) -> bytes:
    """Return a transcript file's bytes after the checks :func:`load` makes.

    Only a regular file of at most ``max_bytes`` is read: a folder, a FIFO or a device is
    refused before it is opened, so nothing blocks or reads without end.

    Raises:
        TranscriptError: The file is missing, not a regular file, too large or unreadable.
    """
    return read_path(Path(path), str(path), max_bytes)


def read_stdin(max_bytes: int) -> bytes:
    """Read a transcript piped to standard input, refusing more than ``max_bytes``."""
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TranscriptError(
            "-",
            f"standard input holds more than the {max_bytes}-byte limit",
            hint="trim the transcript, or raise the limit (--max-bytes) above its size",
        )
    return data


def read_path(path: Path, name: str, max_bytes: int) -> bytes:
    """Read at most ``max_bytes`` bytes of a regular file, refusing larger files."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise TranscriptError(
            name, "file not found", hint="check the path and the file name"
        ) from None
    except (OSError, ValueError) as exc:
        raise TranscriptError(
            name, f"cannot access the file ({exc})", hint="check the path and permissions"
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise TranscriptError(
            name, "is a directory, not a transcript file", hint="pass one file inside it"
        )
    if not stat.S_ISREG(info.st_mode):
        raise TranscriptError(
            name, "is not a regular file", hint="pass a transcript file saved on disk"
        )
    too_big = TranscriptError(
        name,
        f"file is larger than the {max_bytes}-byte limit",
        hint="trim the transcript, or raise the limit (max_bytes) above its size",
    )
    if info.st_size > max_bytes:
        raise too_big
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise TranscriptError(
            name, f"cannot read the file ({exc})", hint="check the file's permissions"
        ) from None
    if len(data) > max_bytes:
        raise too_big
    return data


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """Decode file bytes as text, refusing binary data.

    A UTF-8, UTF-16 or UTF-32 byte-order mark selects that encoding; otherwise the bytes
    are UTF-8. Undecodable bytes become U+FFFD and a warning names the first bad line.
    """
    codec = "utf-8"
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            codec, data = bom_codec, data[len(bom) :]
            break
    else:
        if b"\x00" in data:
            raise TranscriptError(
                name, "looks like a binary file (it contains NUL bytes)", hint=_ENCODING_HINT
            )
    warnings: list[str] = []
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        text = data.decode(codec, errors="replace")
        before = data[: exc.start].decode(codec, errors="replace")
        line = normalise_newlines(before).count("\n") + 1
        warnings.append(
            f"{name}:{line}: not valid {codec.upper()[:6]} text; undecodable bytes were "
            f"replaced with '\ufffd' (first on line {line}); {_ENCODING_HINT}"
        )
    if text and _NON_TEXT_RE.subn("", text)[1] > _NON_TEXT_SHARE * len(text):
        raise TranscriptError(
            name, "looks like a binary file (mostly non-text bytes)", hint=_ENCODING_HINT
        )
    return text, warnings


def normalise_newlines(text: str) -> str:
    """Return ``text`` with every line ending as one newline."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
