"""Text from input in reports and on the terminal: it reads the same and acts on nothing."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from grader.audit.analysis import audit
from grader.backends.fake import FakeBackend
from grader.cli.main import main
from grader.engine import grade
from grader.grading.options import GradeOptions
from grader.ratings.files import load_ratings
from grader.reports.audit_text import to_markdown as audit_markdown
from grader.reports.audit_text import to_text as audit_text
from grader.reports.markdown import md_code, md_text
from grader.reports.scorecard_text import to_markdown, to_text
from grader.reports.terminal import terminal_line, terminal_text
from grader.rubrics.rubric import Rubric
from grader.transcripts.transcript import load

SCRIPT = "<script>alert(1)</script>"
LINK = "[x](javascript:alert(1))"
IMAGE = "![i](javascript:alert(2))"
HOSTILE = f"{SCRIPT} {LINK} {IMAGE} **b** _e_ `c` | d ~~s~~ &amp; <https://evil.example>"
# Clear the screen, retitle the window, a hidden link, an 8-bit CSI (no "/": file names too).
ESCAPES = "\x1b[2J\x1b]0;owned\x07\x1b]8;;evil.example\x1b\\link\x1b]8;;\x1b\\\x9b31m"
BIDI = "\u202eevil\u202c\u2066x\u2069"


def _as_rendered(markdown: str) -> str:
    """What a Markdown reader shows for text that md_text escaped: escapes undone."""
    return html.unescape(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown))


def _assert_inert(markdown: str) -> None:
    """No raw HTML, autolink, link, image, emphasis or strikethrough from the input.

    The report's own code spans (ids, hashes, model names, through md_code) hold backticks,
    and its own bold marks a large disagreement; neither comes from the input here.
    """
    assert "<" not in markdown, "raw HTML or autolink"
    assert not re.findall(r"(?<!\\)[\[\]~]", markdown)
    assert not re.findall(r"(?<![\\*])\*(?!\*)", markdown), "emphasis from the input"


# --- Markdown -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        HOSTILE,
        "# heading",
        "- item",
        "1. first",
        "---",
        "a\nb\n\n# c",
        "very_weak and __init__",
        "`` x ``",
        "[ref]: javascript:alert(1)",
    ],
)
def test_md_text_reads_the_same_and_opens_nothing(text: str) -> None:
    escaped = md_text(text)
    assert _as_rendered(escaped) == " ".join(text.split())
    assert "\n" not in escaped and "<" not in escaped
    assert not re.match(r"(#{1,6}|[-+*]|\d+[.)])(\s|$)|[=-]+$", escaped), "block marker"
    assert not re.search(r"(?<!\\)[\[\]`*~]", escaped)


def test_md_code_cannot_be_closed_early() -> None:
    assert md_code("a `` b ` c") == "```a `` b ` c```"
    assert md_code("`x") == "`` `x ``"
    assert md_code("model-1") == "`model-1`"


def _hostile_transcript(tmp_path: Path) -> Path:
    turns = [
        {"speaker": f"Dana {LINK}", "text": "How would you design the cache?"},
        {"speaker": f"Marco {SCRIPT}", "text": f"{HOSTILE} and we cache product pages."},
        {"speaker": f"Dana {LINK}", "text": "Thanks."},
    ]
    path = tmp_path / "hostile [x](javascript:alert(3)).json"
    path.write_text(json.dumps(turns), encoding="utf-8")
    return path


def test_scorecard_markdown_escapes_quotes_speakers_and_paths(
    tmp_path: Path, rubric: Rubric
) -> None:
    transcript = load(_hostile_transcript(tmp_path))
    options = GradeOptions(strategy="per_dimension")
    card = grade(transcript, rubric, FakeBackend(), options=options)
    assert any("</script>" in e.quote for d in card.dimensions for e in d.evidence)
    assert any(LINK in w for w in card.warnings)  # the guessed roles name the speakers
    md = to_markdown(card)
    _assert_inert(md)
    shown = _as_rendered(md)
    assert "alert(1)</script>" in shown and LINK in shown and str(transcript.path) in shown
    # The report's own Markdown still works: the title, the table and the quotes.
    assert md.startswith("# Scorecard: ") and "\n| Dimension | Level | Quotes | Flags |\n" in md
    assert "\n> \\[T2\\] " in md


def test_grade_writes_an_inert_markdown_card(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "card.md"
    args = ["grade", str(_hostile_transcript(tmp_path)), "--backend", "fake"]
    assert main([*args, "--strategy", "per_dimension", "-o", str(out)]) == 0
    md = out.read_text(encoding="utf-8")
    _assert_inert(md)
    assert "alert(1)</script>" in _as_rendered(md)


def _hostile_ratings(tmp_path: Path) -> Path:
    rows = ["interview,grader,dimension,level"]
    graders = [f"eve {LINK}", f"mallory {SCRIPT}", "trent", f"ansi{ESCAPES}"]
    for n, interview in enumerate(["i1", "# i2", "i3 | x"]):
        for g, grader in enumerate(graders):
            for dim in ("metrics", "tradeoffs"):
                level = ["weak", "neutral", "strong", "very_strong"][(n + g) % 4]
                rows.append(f'"{interview}","{grader}",{dim},{level}')
    path = tmp_path / "ratings [y](javascript:z).csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_audit_markdown_escapes_rater_names_and_interview_ids(
    tmp_path: Path, rubric: Rubric
) -> None:
    ratings = load_ratings(_hostile_ratings(tmp_path), rubric)
    result = audit(ratings, titles={d.id: d.title for d in rubric.dimensions})
    md = audit_markdown(result)
    _assert_inert(md)
    assert "\n- # i2" not in md and "\n# i2" not in md
    shown = _as_rendered(md)
    assert f"mallory {SCRIPT}" in shown and f"eve {LINK}" in shown
    assert "\n| rank | grader |" in md  # the table is still a table


def test_audit_writes_an_inert_markdown_file(tmp_path: Path) -> None:
    out = tmp_path / "a.md"
    assert (
        main(["audit", str(_hostile_ratings(tmp_path)), "--resamples", "50", "-o", str(out)]) == 0
    )
    _assert_inert(out.read_text(encoding="utf-8"))


# --- the terminal ---------------------------------------------------------------------------


def test_terminal_line_shows_escapes_instead_of_running_them() -> None:
    line = terminal_line(f"a{ESCAPES}b{BIDI}\ud800\n\tc")
    assert line.isprintable()
    assert "\\x1b]0;owned\\x07" in line and "\\x9b" in line and "\\u202e" in line
    assert "\\ud800" in line and "\\n\\t" in line
    assert terminal_line("Zoë 👩‍💻 naïve — ok") == "Zoë 👩‍💻 naïve — ok"
    assert terminal_text("one\ntwo\x1b") == "one\ntwo\\x1b"
    assert terminal_line(terminal_line(ESCAPES)) == terminal_line(ESCAPES)


def _printable(text: str) -> bool:
    return all(line.isprintable() for line in text.splitlines())


def test_a_file_name_with_escape_sequences_is_printed_inert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / f"evil{ESCAPES}{BIDI}.txt"
    assert main(["grade", str(missing), "--backend", "fake"]) == 2
    err = capsys.readouterr().err
    assert "file not found" in err and "\\x1b]0;owned" in err and _printable(err)
    good = tmp_path / f"card{ESCAPES}.txt"
    good.write_text("Interviewer: How?\n\nCandidate: We cache pages.\n")
    out = tmp_path / f"out{ESCAPES}.md"
    assert main(["grade", str(good), "--backend", "fake", "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "grader: wrote " in captured.err and _printable(captured.err)
    assert main(["grade", str(good), "--backend", "fake"]) == 0
    captured = capsys.readouterr()
    assert "Transcript: " in captured.out and _printable(captured.out + captured.err)


def test_rubric_show_and_validate_print_titles_and_paths_inert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from grader.rubrics.rubric import DEFAULT_RUBRIC

    text = DEFAULT_RUBRIC.read_text(encoding="utf-8")
    text = text.replace("title: Data Literacy", 'title: "Data \\e[31mLiteracy\\u202e"', 1)
    path = tmp_path / f"r{ESCAPES}.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["rubric", "show", "--rubric", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Data \\x1b[31mLiteracy\\u202e" in out and _printable(out)
    assert main(["rubric", "validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "valid rubric" in out and _printable(out)


def test_audit_text_prints_rater_names_inert(tmp_path: Path, rubric: Rubric) -> None:
    ratings = load_ratings(_hostile_ratings(tmp_path), rubric)
    text = audit_text(audit(ratings, titles={d.id: d.title for d in rubric.dimensions}))
    assert "ansi\\x1b[2J" in text and _printable(text)


def test_scorecard_text_prints_quotes_and_paths_inert(tmp_path: Path, rubric: Rubric) -> None:
    path = tmp_path / f"t{ESCAPES}.txt"
    path.write_text("Interviewer: How?\n\nCandidate: We cache pages.\n")
    card = grade(load(path), rubric, FakeBackend())
    text = to_text(card)
    assert "\\x1b]0;owned" in text and _printable(text)


# --- bidirectional controls in transcripts --------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        ("t.txt", "Interviewer: Hi\n\n\u202eCandidate: I \u202egnirts\u202c like it\n", 3),
        ("t.json", json.dumps([{"speaker": "Candidate", "text": "a \u2066b\u2069 c"}]), 1),
        (
            "t.vtt",
            "WEBVTT\n\n00:00.000 --> 00:01.000\n<v Candidate>hi &#x202E;there\n",
            4,
        ),
    ],
)
def test_bidi_controls_are_removed_on_load_with_a_warning_naming_the_line(
    tmp_path: Path, name: str, content: str, line: int
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    transcript = load(path)
    bidi = re.compile("[\u202a-\u202e\u2066-\u2069]")
    assert not any(bidi.search(t.text + t.speaker) for t in transcript.turns)
    assert any(t.role == "candidate" for t in transcript.turns)
    warning = next(w for w in transcript.warnings if "bidirectional" in w)
    assert warning.startswith(f"{path}:{line}:")
