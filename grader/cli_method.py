"""Grading-method options shared by ``grade`` and ``batch``: strategy, calibration, redaction."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, get_args
from urllib.parse import urlparse

from grader.backends.base import ModelInfo
from grader.calibration import Calibration, find_calibration, load_calibration
from grader.grading import DEFAULT_STRATEGY, Strategy
from grader.prompts import PromptSet
from grader.rubric import Rubric

_LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def add_method_options(parser: Any) -> None:
    """Add ``--strategy``, ``--calibration``, ``--redact/--no-redact`` and ``--redact-name``."""
    parser.add_argument(
        "--strategy",
        choices=list(get_args(Strategy)),
        default=os.environ.get("GRADER_STRATEGY") or DEFAULT_STRATEGY,
        help=f"grading method [GRADER_STRATEGY] (default {DEFAULT_STRATEGY})",
    )
    parser.add_argument(
        "--calibration",
        default=os.environ.get("GRADER_CALIBRATION"),
        help="calibration file for the indicator method [GRADER_CALIBRATION]; default: the "
        "shipped one when it was fitted for this model, rubric and prompts",
    )
    parser.add_argument(
        "--redact",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="replace emails, phone numbers, URLs and names before anything is sent; on by "
        "default when the model is not on this machine",
    )
    parser.add_argument(
        "--redact-name", action="append", default=[], help="another name to redact (repeat)"
    )


def method_options(
    args: argparse.Namespace, model: ModelInfo, rubric: Rubric, prompts: PromptSet
) -> dict[str, Any]:
    """Return the GradeOptions fields the method options decide."""
    calibration: Calibration | None = None
    if args.strategy == "indicators":
        if args.calibration:
            calibration = load_calibration(args.calibration)
        else:
            calibration = find_calibration(model.model, rubric, prompts.sha256)
        if calibration is None:
            print(
                "grader: warning: no calibration fitted for this model, rubric and prompts; "
                "levels use the rubric's default cuts (fit one with grader calibrate)",
                file=sys.stderr,
            )
    redact = args.redact if args.redact is not None else leaves_machine(model)
    return {
        "strategy": args.strategy,
        "calibration": calibration,
        "redact": redact,
        "redact_names": tuple(args.redact_name),
    }


def leaves_machine(model: ModelInfo) -> bool:
    """Tell whether requests to this model go to another machine."""
    if model.name in ("local", "fake"):
        return False
    host = urlparse(str(model.describe().get("base_url", ""))).hostname or ""
    return host not in _LOOPBACK
