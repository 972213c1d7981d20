r"""Make any string from input safe to print on a terminal.

File names, speaker and rater names, interview ids and rubric titles come from other people.
Printed raw, an escape sequence in one (``ESC [ 2 J`` clears the screen, ``ESC ] 8`` writes a
hidden link, ``ESC ] 0`` retitles the window) acts on the reader's terminal, and a
right-to-left override makes a name read backwards. Every such character is shown as a
visible escape (``\x1b``, ``\u202e``) instead, so the line reads as what the string holds.
"""

from __future__ import annotations

import unicodedata
from typing import Final

__all__ = ["terminal_line", "terminal_text"]

# Control characters (C0, DEL, C1), format characters (bidirectional overrides and
# isolates, invisible marks), lone surrogates (undecodable bytes in a file name), and line
# and paragraph separators.
_UNSAFE_CATEGORIES: Final = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
# Format characters that only join or shape what is around them (emoji sequences, scripts
# that need them) and move nothing.
_KEPT: Final = frozenset({"\u200c", "\u200d"})


def terminal_line(value: object) -> str:
    r"""Return ``value`` as one line of plain text: no control, escape or bidi character acts.

    Line breaks and tabs are shown as ``\n`` and ``\t`` too, so the result is one line.
    """
    return "".join(_shown(char) for char in str(value))


def terminal_text(text: str) -> str:
    """Return ``text`` with each of its lines made safe as by :func:`terminal_line`."""
    return "\n".join(terminal_line(line) for line in text.split("\n"))


def _shown(char: str) -> str:
    if char in _KEPT or unicodedata.category(char) not in _UNSAFE_CATEGORIES:
        return char
    code = ord(char)
    if code <= 0xFF:
        return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(char, f"\\x{code:02x}")
    return f"\\u{code:04x}"
