"""The stub OpenAI-compatible server of the benchmarks, for tests."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

BENCHMARKS = str(Path(__file__).resolve().parents[2] / "evals" / "benchmarks")
if BENCHMARKS not in sys.path:
    sys.path.insert(0, BENCHMARKS)
stub_server = importlib.import_module("stub_server")
StubServer, Fault = stub_server.StubServer, stub_server.Fault
