#!/usr/bin/env bash
# Create .venv and install transcript-grader with the given extras (default: local).
# Usage: bash scripts/setup.sh [EXTRAS]     e.g. bash scripts/setup.sh local,dev,server
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-local}"
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
# llama-cpp-python compiles llama.cpp from source the first time (about 5 minutes on 2 cores).
.venv/bin/python -m pip install --quiet --progress-bar off -e ".[${extras}]"
