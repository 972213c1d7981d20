"""The web app behind ``grader serve``: Grade, scorecards, History, Audit, Batch and an API.

It grades through the same library, engine and defaults as the command line; the command
line only builds :class:`WebSettings` from its options and calls :func:`serve`.
"""

from grader.web.app import create_app, serve
from grader.web.settings import WebSettings

__all__ = ["WebSettings", "create_app", "serve"]
