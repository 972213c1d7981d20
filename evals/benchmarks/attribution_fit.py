"""Fit the weights of the attribution cues on the house-style splits' stripped copies.

The cues are fixed in ``grader/transcripts/attribution/cues.py`` (what a piece says, what
lies between two pieces); this fits how much each one counts, jointly along the chain
(conditional likelihood, L2 penalty; see ``attribution_crf.py``), with a change of speaker
weighed in each direction apart, on the copies the benchmark makes of the tuning splits only
(``attribution.TUNING``). A word (or pair of words) is a cue only if it appears in at least
``--min-interviews`` of those interviews, so topic words are left out.

The temperature that makes the reported confidence honest is chosen on tuning splits the
weights were not fitted on (``CALIBRATION``, fitted first without them), then the weights
are fitted again on every tuning split and written, with that temperature, to
``grader/transcripts/attribution/fitted.py`` (the place between pieces, the opener and the
temperature), ``fitted_piece.py`` (a piece's cues but its pairs of words) and
``fitted_pairs.py`` (its pairs of words).

    python evals/benchmarks/attribution_fit.py
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import attribution as bench
import attribution_crf as crf

from grader.transcripts.attribution.cues import piece_cues, switch_cues
from grader.transcripts.attribution.pieces import cut, punctuated
from grader.transcripts.cues import parse_vtt
from grader.transcripts.formats import parse_timestamped
from grader.transcripts.labels import clean_text

OUTPUT = bench.ROOT / "grader" / "transcripts" / "attribution" / "fitted.py"
PIECE_OUTPUT = OUTPUT.with_name("fitted_piece.py")
PAIRS_OUTPUT = OUTPUT.with_name("fitted_pairs.py")
# A module longer than this fails the architecture test; the writer refuses to write one.
MAX_LINES = 300
# Tuning splits held back from the first fit to choose the temperature on.
CALIBRATION = ("holdout5", "holdout6", "holdout7")


def copies(splits: list[str], seed: int) -> list[tuple[str, crf.Copy]]:
    """Return ``(interview, cues)`` for every stripped copy of the splits' transcripts."""
    out = []
    for _, transcript in bench.labelled(splits):
        for variant in ("whisper", "noisy", "vtt"):
            text, ext, truth = bench.make_copy(transcript, variant, seed)
            lines = text.split("\n")
            parsed = (parse_vtt if ext == "vtt" else parse_timestamped)(lines, "copy", None)
            raw = [t for t in parsed.turns if clean_text(t.text)]
            for turn in raw:
                turn.text = clean_text(turn.text)
            pieces = cut(raw)
            marks = punctuated(raw)
            at, roles, counts = 0, [], []
            for piece in pieces:
                size = len(piece.text.split())
                said = [role for _, role in truth[at : at + size]]
                at += size
                roles.append(int(said.count("candidate") * 2 >= len(said)))
                counts.append(size)
            if at != len(truth) or not pieces:  # the cue parser read some markup differently
                continue
            piece_x = [piece_cues(p.text) for p in pieces]
            switch_x = [switch_cues(pieces[i - 1], pieces[i], marks) for i in range(1, len(pieces))]
            out.append((str(transcript.path), (piece_x, switch_x, roles, counts)))
    return out


def names(found: list[tuple[str, crf.Copy]], least: int) -> tuple[list[str], list[str]]:
    """Return the piece and switch cues to fit: every feature, and words common enough."""
    seen: Counter[str] = Counter()
    for interview in {path for path, _ in found}:
        keys = {k for path, c in found if path == interview for cues in c[0] + c[1] for k in cues}
        seen.update(keys)

    def keep(name: str) -> bool:
        return ":" not in name or seen[name] >= least

    pieces = sorted({k for _, c in found for cues in c[0] for k in cues if keep(k)})
    switches = sorted({k for _, c in found for cues in c[1] for k in cues if keep(k)})
    return ["bias", *pieces], switches


def _pairs(weights: dict[str, float]) -> str:
    lines, line = [], ""
    for name, value in weights.items():
        item = f"{name} {value:g}"
        if len(line) + len(item) + 1 > 95:
            lines.append(line)
            line = ""
        line = f"{line} {item}" if line else item
    return "\n".join([*lines, line])


def write(theta: np.ndarray, piece_names: list[str], switch_names: list[str], temp: float) -> None:
    """Write the weights as the modules ``fitted.py``, ``fitted_piece.py``, ``fitted_pairs.py``.

    Weights of words and pairs under 0.05 are left out.
    """
    count = len(switch_names)
    start = len(piece_names)
    piece = dict(zip(piece_names, theta[:start], strict=True))
    switch = dict(zip(switch_names, theta[start : start + count], strict=True))
    direction = dict(zip(switch_names, theta[start + count : start + 2 * count], strict=True))

    def kept(found: dict[str, float]) -> dict[str, float]:
        return {k: round(float(v), 2) for k, v in found.items() if abs(v) >= 0.05 or ":" not in k}

    single = {k: v for k, v in kept(piece).items() if not k.startswith("b:")}
    pairs = {k: v for k, v in kept(piece).items() if k.startswith("b:")}
    note = (
        "\n"
        "``name weight`` pairs: see :mod:`~grader.transcripts.attribution.cues` for what the\n"
        "names mean. Fitted on the house-style splits' stripped copies only; do not edit by hand.\n"
        '"""\n\n'
    )
    texts = {
        OUTPUT: '"""Fitted weights of the attribution cues between pieces (written by '
        "attribution_fit.py).\n" + note + f"OPENER = {round(float(theta[-1]), 2)}\n"
        f"TEMPERATURE = {temp}\n"
        f'SWITCH = """\n{_pairs(kept(switch))}\n"""\n'
        f'DIRECTION = """\n{_pairs(kept(direction))}\n"""\n',
        PIECE_OUTPUT: '"""Fitted weights of the cues of a piece (written by attribution_fit.py).\n'
        + note
        + f'PIECE = """\n{_pairs(single)}\n"""\n',
        PAIRS_OUTPUT: '"""Fitted weights of the pairs of words in a piece (written by '
        "attribution_fit.py).\n" + note + f'PAIRS = """\n{_pairs(pairs)}\n"""\n',
    }
    for path, text in texts.items():
        if text.count("\n") > MAX_LINES:
            raise SystemExit(f"{path.name} would be {text.count(chr(10))} lines; raise the cut-off")
        path.write_text(text, encoding="utf-8")


def main() -> int:
    """Fit, choose the temperature, fit again on every tuning split, and write the module."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--l2", type=float, default=10.0, help="penalty on the squared weights")
    parser.add_argument(
        "--l2-direction",
        type=float,
        default=10.0,
        help="penalty on the squared differences between the two directions of a change",
    )
    parser.add_argument("--min-interviews", type=int, default=15)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    first = [s for s in bench.TUNING if s not in CALIBRATION]
    fitting, held = copies(first, args.seed), copies(list(CALIBRATION), args.seed)
    piece_names, switch_names = names(fitting, args.min_interviews)
    batch = crf.make_batch([c for _, c in fitting], piece_names, switch_names)
    theta = crf.fit(batch, args.l2, args.l2_direction)
    temp = crf.temperature(theta, crf.make_batch([c for _, c in held], piece_names, switch_names))
    everything = fitting + held
    piece_names, switch_names = names(everything, args.min_interviews)
    theta = crf.fit(
        crf.make_batch([c for _, c in everything], piece_names, switch_names),
        args.l2,
        args.l2_direction,
    )
    write(theta, piece_names, switch_names, temp)
    print(
        f"{len(everything)} copies; {len(piece_names)} piece cues, {len(switch_names)} switch "
        f"cues; temperature {temp} (chosen on {', '.join(CALIBRATION)}); wrote {OUTPUT}, "
        f"{PIECE_OUTPUT.name} and {PAIRS_OUTPUT.name}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
