#!/usr/bin/env bash
# Build the wheel, install it into a clean virtualenv outside the repository, and use it
# from another folder: the rubric, prompts and calibration must come from the package.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work" "$root/build"' EXIT
"$root/.venv/bin/python" -m pip wheel --quiet --no-deps --wheel-dir "$work/dist" "$root"
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet "$work"/dist/transcript_grader-*.whl
cp "$root/transcripts_samples/01_checkout_latency.txt" "$work/sample.txt"
cd "$work"
"$work/venv/bin/grader" rubric show > rubric.txt
grep -q "Data Literacy" rubric.txt
"$work/venv/bin/grader" grade sample.txt --backend fake --json -q > card.json
"$work/venv/bin/grader" serve --help | grep "127.0.0.1" > /dev/null
"$work/venv/bin/python" - "$work" <<'PY'
import json
import sys

import grader
from grader import data

# Imported from the installed wheel, not from the repository.
assert grader.__file__.startswith(sys.argv[1]), grader.__file__
for name in ("pm-technical.qwen2.5-coder-1.5b.json", "pm-technical.qwen2.5-coder-1.5b.passages.json"):
    assert data.path("rubric", "calibration", name).is_file(), name
assert data.path("prompts", "indicator.j2").is_file() and data.path("prompts", "passage.j2").is_file()
card = json.load(open("card.json"))
assert card["strategy"] == "passages", card["strategy"]  # the default method
assert len(card["dimensions"]) == 6 and all(d["level"] for d in card["dimensions"])
assert card["prompts"]["sha256"] and card["rubric"]["id"] == "pm-technical"
print("wheel: rubric show and a fake-backend grade work from", card["transcript"]["path"])
# The web app's templates and script travel too.
from grader.web.render import error_page, static_folder

assert "That did not work" in error_page("a test", 400)
assert (static_folder() / "app.js").is_file() and (static_folder() / "app.css").is_file()
print("wheel: the web app's templates and static files are in the package")
PY
