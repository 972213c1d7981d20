"""Write evals/ratings_sample.csv: simulated human ratings with known rater effects.

Each interview is one of the 24 labelled transcripts in evals/splits/, and its designed
levels (evals/splits/dev, test.jsonl) are taken as the true levels. Six graders rate
them; each rating is

    level = clip(round(true rank + bias(date) + noise), 0, 4)

with noise ~ Normal(0, sd). The effects, which `grader audit` should find on its own:

    avery   calibrated   bias  0.0            sd 0.35
    blake   calibrated   bias  0.0            sd 0.35
    casey   lenient      bias +0.8            sd 0.35
    devon   harsh        bias -0.8            sd 0.35
    emery   drifting     bias -1.0 -> +1.0    sd 0.35  (linear in the rating date, Jan to Jun)
    finley  noisy        bias  0.0            sd 1.20

Interviews take place from January to June 2025, four a month; each grader rates an
interview 0-9 days after it and skips one in ten at random. Seeded, so the file is the
same on every run: python evals/make_ratings_sample.py
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
LEVELS = ["very_weak", "weak", "neutral", "strong", "very_strong"]
SEED = 20250101
GRADERS = {
    # name: (bias at the first date, bias at the last date, noise sd)
    "avery": (0.0, 0.0, 0.35),
    "blake": (0.0, 0.0, 0.35),
    "casey": (0.8, 0.8, 0.35),
    "devon": (-0.8, -0.8, 0.35),
    "emery": (-1.0, 1.0, 0.35),
    "finley": (0.0, 0.0, 1.2),
}
FIRST, LAST = dt.date(2025, 1, 6), dt.date(2025, 6, 30)
SKIP = 0.1


def true_levels() -> dict[str, dict[str, str]]:
    levels = {}
    for split in ("dev", "test"):
        for line in (HERE / "splits" / split / "labels.jsonl").read_text().splitlines():
            label = json.loads(line)
            levels[Path(label["transcript"]).stem] = label["levels"]
    return levels


def main(seed: int = SEED, out: Path = HERE / "ratings_sample.csv") -> None:
    rng = random.Random(seed)
    truth = true_levels()
    interviews = sorted(truth)
    order = interviews[:]
    rng.shuffle(order)
    # Four interviews a month, spread over each month.
    dates = {
        name: dt.date(2025, 1 + i // 4, 4 + 7 * (i % 4) + rng.randrange(3))
        for i, name in enumerate(order)
    }
    span = (LAST - FIRST).days
    rows = []
    for interview in interviews:
        for grader, (bias0, bias1, sd) in GRADERS.items():
            if rng.random() < SKIP:
                continue
            date = dates[interview] + dt.timedelta(days=rng.randrange(10))
            bias = bias0 + (bias1 - bias0) * (date - FIRST).days / span
            for dimension, level in truth[interview].items():
                latent = LEVELS.index(level) + bias + rng.gauss(0.0, sd)
                rank = min(4, max(0, math.floor(latent + 0.5)))
                rows.append([interview, grader, dimension, LEVELS[rank], date.isoformat()])
    with out.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["interview", "grader", "dimension", "level", "date"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} ratings of {len(interviews)} interviews by {len(GRADERS)} graders")


if __name__ == "__main__":
    main()
