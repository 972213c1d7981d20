"""Put text from files into Markdown so that it reads the same and renders inert.

Transcripts, speaker and rater names, file names, rubric titles and the model's words are
written by other people. Put raw into a Markdown report they could add a link
(``[x](javascript:...)``), an image, raw HTML (``<script>``), a table cell or a heading. Every
such string goes through :func:`md_text` (running text, table cells) or :func:`md_code`
(a code span); the report's own Markdown is written around them.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["md_code", "md_text"]

# CommonMark lets a backslash escape any ASCII punctuation. Anywhere in a line, these open
# links and images ("[", "]"), emphasis, code, strikethrough and table cells. An underscore
# between two letters or digits opens no emphasis, so "very_weak" stays as it is.
_SPECIAL: Final = re.compile(r"([\\`*\[\]|~])|(?<![^\W_])_|_(?![^\W_])")
# At the start of a line: a heading, a list item, a rule or a setext underline.
_BLOCK_START: Final = re.compile(r"^(?:#{1,6}|[+*-]|\d{1,9}(?=[.)]))(?=[.)]?(?:\s|$))|^[=-]+$")


def md_text(value: object) -> str:
    """Return ``value`` as Markdown text that renders as exactly these characters.

    Line breaks fold into spaces, so the text stays inside the paragraph, list item, quote
    or table cell it is put in; ``&``, ``<`` and ``>`` become entities, so no HTML tag or
    autolink can start; Markdown punctuation that would act is backslash-escaped.
    """
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(lambda m: "\\" + m.group(0), text)
    return _BLOCK_START.sub(_escape_block, text, count=1)


def _escape_block(match: re.Match[str]) -> str:
    marker = match.group(0)
    if marker[0].isdigit():  # "1. x" -> "1\. x": the escaped "." is what stops the list
        return marker + "\\"
    return "\\" + marker


def md_code(value: object) -> str:
    """Return ``value`` as an inline code span that no backtick inside can close early."""
    text = " ".join(str(value).split())
    runs = [len(run) for run in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"
