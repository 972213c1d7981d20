"""Find personal data with a fixed shape: addresses, numbers, dates of birth, postcodes.

Each kind is a pattern plus a check that tells it from an ordinary figure:

- ``URL``: a web address with a scheme or ``www.``, a domain with a path, or a bare domain
  with a known top-level domain written in lower case (``marcosilva.dev``; not one that is
  an English word, like ``.it``, since "done.it works" lacks a space).
- ``EMAIL``: an address, also written around a ban on scrapers (``marco [at] example [dot]
  com``, ``marco AT example DOT com``), or spoken (``marco at example dot com``) where the
  sentence says it is an e-mail address.
- ``CARD``: 13 to 19 digits, in groups or not, that pass the Luhn check.
- ``SSN``: a US social security number (``123-45-6789``), or nine digits named as one.
- ``DOB``: a date after "born", "date of birth", "DOB" or "birthday".
- ``PHONE``: an international number (``+`` and 8 to 15 digits), one with an area code in
  parentheses, a national number with a leading ``0`` (9 to 12 digits), the North American
  ``415-555-0132`` and ``4155550132`` shapes (10 digits, area code and exchange not starting
  with 0 or 1), and a local ``555-0132`` where its second group starts with 0 or the words
  before it ask to call.
- ``ADDRESS``: a house number and capitalised street name with a street word (``221B Baker
  Street``, ``42 Elm St., Apt 4``), the continental shapes (``Hauptstraße 5``, ``12 rue de
  Rivoli``), with the city and postcode that follow.
- ``POSTCODE``: UK and Canadian postcodes, a US state and ZIP code, or any code after
  "postcode" or "ZIP".

Latencies, percentages, years, versions, times, ranges and large counts are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Final, Literal

__all__ = ["KINDS", "Kind", "Match", "structured_data"]

Kind = Literal["URL", "EMAIL", "CARD", "SSN", "DOB", "PHONE", "ADDRESS", "POSTCODE", "NAME"]
# Earlier kinds win where matches overlap: a URL holding an email stays one URL, a card
# number is not read as a phone number, and a name inside an address stays the address.
KINDS: Final[tuple[Kind, ...]] = (
    "URL", "EMAIL", "CARD", "SSN", "DOB", "PHONE", "ADDRESS", "POSTCODE", "NAME",
)  # fmt: skip


@dataclass(frozen=True)
class Match:
    """One piece of personal data found in a text.

    Attributes:
        kind: One of :data:`KINDS`.
        start: Offset of the first character.
        end: Offset just past the last character.
        value: The matched text.
    """

    kind: Kind
    start: int
    end: int
    value: str


_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_TLDS = (
    "com|org|net|io|dev|app|ai|co|edu|gov|info|biz|me|tech|cloud|xyz|us|uk|de|fr|es|it|nl|br"
    "|in|jp|cn|ca|au|ch|se|no|pt|pl|ru|eu|ly|gl|be|at|dk|fi|ie|nz|sg|hk|kr|mx|ar|za|tv|fm|gg"
)
_EMAIL: Final = re.compile(
    rf"(?<![\w.+%-])[\w.+%-]{{1,64}}@(?:{_LABEL}\.){{1,8}}[a-z]{{2,24}}\b", re.IGNORECASE
)
# "[at]", "(at)", "{at}", "<at>" or a capitalised " AT "; likewise for "dot".
_AT = r"\s*[\[({<]\s*at\s*[\])}>]\s*|\s+(?-i:AT)\s+"
_DOT = r"\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+(?-i:DOT)\s+|\."
_HIDDEN_EMAIL: Final = re.compile(
    rf"(?<![\w.+%-])[\w+%-]{{1,64}}(?:(?:{_DOT})[\w+%-]{{1,64}}){{0,4}}(?:{_AT})"
    rf"(?:{_LABEL}(?:{_DOT})){{1,8}}(?:{_TLDS})\b",
    re.IGNORECASE,
)
_SPOKEN_EMAIL: Final = re.compile(
    rf"\b[a-z0-9][\w+-]{{0,63}}(?:\s+dot\s+[\w+-]{{1,63}}){{0,3}}\s+at\s+{_LABEL}"
    rf"(?:\s+dot\s+{_LABEL}){{0,3}}\s+dot\s+(?:{_TLDS})\b",
    re.IGNORECASE,
)
_EMAIL_CUE: Final = re.compile(r"\b(?:e-?mail|mail|address|contact|write|reach)", re.IGNORECASE)
_URL: Final = re.compile(
    r"\b(?:https?://|ftp://|www\.)[^\s<>\"']+"
    rf"|(?<![\w@.-])(?:{_LABEL}\.){{1,8}}(?:{_TLDS})/[^\s<>\"']*",
    re.IGNORECASE,
)
# A bare domain: its top-level domain in lower case and not an English word ("it", "me",
# "no", ...: "done.it works" is a missing space), so "U.S." or "Node.JS" are not one.
_WORD_TLDS: Final = frozenset({"it", "in", "me", "no", "us", "be", "at", "so", "to", "do", "is"})
_BARE_TLDS = "|".join(t for t in _TLDS.split("|") if t not in _WORD_TLDS)
_DOMAIN: Final = re.compile(
    rf"(?<![\w@./-])(?i:[a-z0-9][a-z0-9-]{{1,62}}\.(?:{_LABEL}\.){{0,7}})(?:{_BARE_TLDS})"
    r"(?![\w@-]|\.\w)"
)
# Trailing punctuation belongs to the sentence, not to the address.
_URL_TAIL = ".,;:!?)]}'\""
_PHONE: Final = re.compile(
    r"(?<![\w+.])(?:"
    r"\+[0-9]{1,3}+(?:[ .-]?\([0-9]{1,4}+\))?(?:[ .-]?[0-9]{1,5}+){1,5}+"
    r"|\([0-9]{2,5}+\)[ .-]?[0-9]{2,4}+(?:[ .-]?[0-9]{2,4}+){1,3}+"
    r"|0[0-9]{1,4}+(?:[ .-][0-9]{2,8}+){1,4}+"
    r"|0[0-9]{8,10}+"
    r"|(?:1[ .-])?[0-9]{3}[ .-][0-9]{3}[ .-][0-9]{4}"
    r"|1?[2-9][0-9]{2}[2-9][0-9]{6}"
    r"|[2-9][0-9]{2}[.-][0-9]{4}"
    r")(?!\w|[.,-][0-9])"
)
_PHONE_CUE: Final = re.compile(
    r"\b(?:call|phone|number|tel|mobile|cell|text|fax|dial|ext|extension|reach)\b[^.!?\n]{0,25}$",
    re.IGNORECASE,
)
_DATE: Final = re.compile(
    r"[0-9]{1,2}([./-])[0-9]{1,2}\1[0-9]{2,4}|[0-9]{4}([./-])[0-9]{1,2}\2[0-9]{1,2}"
)
_CARD: Final = re.compile(r"(?<![\w.,-])[2-6][0-9]{3}(?:[ -]?[0-9]{2,6}){2,5}(?![\w]|[.,-][0-9])")
_SSN: Final = re.compile(
    r"(?<![\w-])(?!000|666|9)[0-9]{3}([- ])(?!00)[0-9]{2}\1(?!0000)[0-9]{4}(?![\w-])"
    r"|(?i:\b(?:ssn|social\s+security(?:\s+number)?)\b\W{0,3}(?:is\s+|was\s+)?)"
    r"(?P<value>[0-9]{9})\b"
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DOB: Final = re.compile(
    r"\b(?:born(?:\s+on|\s+in)?|date\s+of\s+birth|d\.?o\.?b\.?|birth\s*day|birth\s*date)"
    r"(?:\s+(?:is|was))?\s*[:,-]?\s*"
    r"(?P<value>[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{2,4}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    rf"|[0-9]{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+[0-9]{{4}}"
    rf"|{_MONTH}\s+[0-9]{{1,2}}(?:st|nd|rd|th)?,?\s+[0-9]{{4}}|[0-9]{{4}}\b)",
    re.IGNORECASE,
)
_STREET_WORDS = (
    r"(?:Street|Avenue|Road|Boulevard|Lane|Drive|Court|Place|Way|Terrace|Parkway|Square"
    r"|Crescent|Close|Highway|Circle|Row|Gardens|Walk|Alley|Trail|Mews|Grove|Hill)\b"
    r"|(?:St|Ave|Rd|Blvd|Ln|Dr|Ct|Pl|Pkwy|Sq|Hwy|Cir)\b\.?"
)
_NAME_WORD = r"[A-Z][\w'’-]*"
_UNIT = (
    r"(?:,?\s+(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl)\.?\s*#?\s*[\w-]{1,6}|\s*#\s*\d{1,5})?"
)
_CITY_ZIP = (
    rf"(?:,\s*{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}},?\s+(?:[A-Z]{{2}}\s+)?[0-9]{{5}}(?:-[0-9]{{4}})?"
    rf"|,\s*[0-9]{{4,5}}\s+{_NAME_WORD})?"
)
_ADDRESS: Final = re.compile(
    rf"\b[0-9]{{1,5}}[A-Za-z]?(?:\s+{_NAME_WORD}){{1,4}}\s+(?:{_STREET_WORDS}){_UNIT}{_CITY_ZIP}"
    rf"|\b[A-ZÄÖÜ][\wäöüß-]*(?:straße|strasse|str\.|weg|gasse|platz|allee|laan|straat|gatan|vej)"
    rf"\s+[0-9]{{1,4}}[a-z]?\b{_CITY_ZIP}"
    rf"|\b[0-9]{{1,4}}(?:\s*bis)?,?\s+(?i:rue|avenue|boulevard|calle|avenida|rua)"
    rf"(?:\s+(?:de|du|des|la|le|del|della|di|da|do|dos)\b)*(?:\s+{_NAME_WORD}){{1,3}}{_CITY_ZIP}"
    rf"|\b(?:Rue|Calle|Via|Viale|Rua|Avenida)(?:\s+(?:de|du|des|la|le|del|della|di|da|do|dos)\b)*"
    rf"(?:\s+{_NAME_WORD}){{1,3}},?\s+[0-9]{{1,4}}\b{_CITY_ZIP}"
)
# An address spoken in lower case, where the words before it say it is one.
_SPOKEN_ADDRESS: Final = re.compile(
    rf"\b(?:live|lives|living|address\s+is|located|moved)\s+(?:at|on|in|to)?\s*"
    rf"(?P<value>[0-9]{{1,5}}[a-z]?(?:\s+[a-z][\w'-]*){{1,4}}\s+(?i:{_STREET_WORDS}))",
    re.IGNORECASE,
)
_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV"
    "|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY"
)
_POSTCODE: Final = re.compile(
    # UK (the inward code's letters never include C, I, K, M, O or V, so "M3 4GB" of
    # memory is a postcode only in Manchester, and sizes are left alone) and Canada.
    r"\b(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR)\s?[0-9](?!GB\b|TB\b)[ABD-HJLNP-UW-Z]{2}\b"
    r"|\b[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z]\s?[0-9][ABCEGHJ-NPRSTV-Z][0-9]\b"
)
_ZIP: Final = re.compile(rf"\b(?:{_STATES})\s+[0-9]{{5}}(?:-[0-9]{{4}})?\b")
_NAMED_POSTCODE: Final = re.compile(
    r"(?i:\b(?:post\s*code|postal\s+code|zip(?:\s+code)?)\b\W{0,3}(?:is\s+)?)"
    r"(?P<value>[A-Z0-9](?:[A-Z0-9 -]{1,8}[A-Z0-9])?)\b"
)


@dataclass(frozen=True)
class _Scan:
    """One pattern of a kind, run only on text that ``needs`` finds something in.

    The value is the ``value`` group where the pattern has one and it matched (the words
    before it say what it is), else the whole match; ``check`` (value, text before) can
    turn a match down.
    """

    kind: Kind
    pattern: re.Pattern[str]
    needs: re.Pattern[str]
    check: Callable[[str, str], bool] | None = None


_SCANS: Final = (
    _Scan("URL", _URL, re.compile(r"/|(?i:www\.)")),
    _Scan("URL", _DOMAIN, re.compile(r"\.[a-z]")),
    _Scan("EMAIL", _EMAIL, re.compile("@")),
    _Scan("EMAIL", _HIDDEN_EMAIL, re.compile(r"(?i:[\[({<]\s*at\s*[\])}>])|\sAT\s")),
    _Scan("EMAIL", _SPOKEN_EMAIL, re.compile(r"(?i:\sdot\s)"), lambda _, before: _cued(before)),
    _Scan("CARD", _CARD, re.compile("[0-9]{4}"), lambda value, _: _luhn(value)),
    _Scan("SSN", _SSN, re.compile(r"[0-9]{3}[- ][0-9]{2}|(?i:ssn|social)")),
    _Scan("DOB", _DOB, re.compile(r"(?i:born|birth|d\.?o\.?b)")),
    _Scan("PHONE", _PHONE, re.compile("[0-9]{2}"), lambda value, before: _is_phone(value, before)),
    _Scan("ADDRESS", _ADDRESS, re.compile("[0-9]")),
    _Scan("ADDRESS", _SPOKEN_ADDRESS, re.compile(r"(?i:live|living|address|located|moved)")),
    _Scan("POSTCODE", _POSTCODE, re.compile("[A-Z][0-9]")),
    _Scan("POSTCODE", _ZIP, re.compile(r"[A-Z]{2}\s+[0-9]{5}")),
    _Scan("POSTCODE", _NAMED_POSTCODE, re.compile(r"(?i:post|zip)")),
)


def structured_data(text: str) -> Iterator[Match]:
    """Yield candidate matches of every kind but ``NAME``, kind by kind in KINDS order.

    Candidates of different kinds may overlap; the caller keeps the earlier kind.
    """
    for scan in _SCANS:
        if scan.needs.search(text) is None:
            continue
        for m in scan.pattern.finditer(text):
            group = "value" if "value" in m.re.groupindex and m.group("value") else 0
            start, value = m.start(group), m.group(group)
            if scan.kind == "URL":
                value = value.rstrip(_URL_TAIL)
                if not value or value.endswith(("://", "www.")):
                    continue
            before = text[max(0, start - 40) : start]
            if scan.check is None or scan.check(value, before):
                yield Match(scan.kind, start, start + len(value), value)


def _cued(before: str) -> bool:
    """Tell whether the words before a spoken address say it is an e-mail address."""
    return _EMAIL_CUE.search(before) is not None


def _is_phone(candidate: str, before: str) -> bool:
    # The shape matched; the digit count tells a phone number from a list of figures.
    digits = sum(c.isdigit() for c in candidate)
    if candidate[0] == "+":
        return 8 <= digits <= 15
    if candidate[0] == "(":
        return 9 <= digits <= 12
    if candidate[0] == "0":
        return 9 <= digits <= 12 and _DATE.fullmatch(candidate) is None
    if digits == 7:
        # "555-0132" is a local number; "250-1000" is usually a range, unless the words
        # before it ask to call.
        return candidate[4] == "0" or _PHONE_CUE.search(before) is not None
    return digits in (10, 11)


def _luhn(candidate: str) -> bool:
    digits = [int(c) for c in candidate if c.isdigit()]
    if not 13 <= len(digits) <= 19:
        return False
    total = 0
    for position, digit in enumerate(reversed(digits)):
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0
