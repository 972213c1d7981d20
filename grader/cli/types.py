"""Option value parsers: a bad value is a usage error naming the option, never a traceback."""

from __future__ import annotations

import argparse
import math


def positive_int(text: str) -> int:
    """Parse a whole number of 1 or more."""
    return _whole(text, 1)


def non_negative_int(text: str) -> int:
    """Parse a whole number of 0 or more."""
    return _whole(text, 0)


def _whole(text: str, least: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < least:
        raise argparse.ArgumentTypeError(f"{text}: must be {least} or more")
    return value


def positive_float(text: str) -> float:
    """Parse a finite number above 0."""
    value = _finite(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text}: must be more than 0")
    return value


def temperature(text: str) -> float:
    """Parse a sampling temperature from 0 to 2."""
    value = _finite(text)
    if not 0 <= value <= 2:
        raise argparse.ArgumentTypeError(f"{text}: must be from 0 to 2")
    return value


def _finite(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text}: must be a finite number")
    return value
