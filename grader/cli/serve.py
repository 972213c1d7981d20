"""The ``grader serve`` subcommand: start the web app with the command line's model options."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from grader.cli import options as opt
from grader.reports.terminal import terminal_line


def register(sub: Any) -> None:
    """Add the ``serve`` subcommand to the ``grader`` parser."""
    p = sub.add_parser(
        "serve",
        help="start the web app (grade, scorecards, history, audit, API)",
        description="Start a local web app: open the printed address in a browser. It listens "
        "on 127.0.0.1 unless --host says otherwise; on any other address every request needs "
        "the token printed at start-up. Exit codes: 0 stopped; 2 bad configuration or the "
        "address is in use.",
    )
    p.add_argument(
        "--host",
        default=opt.env("GRADER_WEB_HOST") or "127.0.0.1",
        help="address to listen on [GRADER_WEB_HOST] (default 127.0.0.1: this machine only)",
    )
    p.add_argument(
        "--port",
        type=opt.positive_int,
        default=opt.env("GRADER_WEB_PORT") or 8000,
        help="port [GRADER_WEB_PORT] (default 8000)",
    )
    p.add_argument(
        "--token",
        default=opt.env("GRADER_WEB_TOKEN"),
        help="token every request must carry [GRADER_WEB_TOKEN]; default: none on 127.0.0.1, "
        "a random one printed at start-up on any other address",
    )
    p.add_argument(
        "--history",
        metavar="FILE",
        help="history file (default: web_history.sqlite in GRADER_CACHE_DIR)",
    )
    opt.add_input_options(p, candidate=False)
    opt.add_model_options(p)
    opt.add_method_options(p)
    opt.add_limit_options(p)
    opt.add_concurrency_option(p)
    p.set_defaults(handler=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the web app until interrupted."""
    from grader.backends.model_files import cache_dir
    from grader.web import WebSettings, serve

    settings = WebSettings(
        backend=opt.backend_spec(args),
        options=opt.grade_options(args),
        history=Path(args.history) if args.history else cache_dir() / "web_history.sqlite",
        rubric=args.rubric,
        prompts=args.prompts,
        concurrency=args.concurrency,
        host=args.host,
        port=args.port,
        token=args.token or None,
    )

    def ready(url: str) -> None:
        print(f"grader: serving on {terminal_line(url)} (Ctrl-C stops)", file=sys.stderr)
        if settings.token:
            print(
                "grader: every request needs this token (open the address above once, or "
                "send Authorization: Bearer TOKEN)",
                file=sys.stderr,
            )
        sys.stderr.flush()

    serve(settings, on_ready=ready)
    return 0
