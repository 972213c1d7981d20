"""The package layout carries the architecture: no import cycles, data flows down the layers.

The graph is read statically from every ``import`` in ``grader/`` (function-level and
``TYPE_CHECKING`` imports included), so a cycle hidden inside a function still fails here.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

GRADER = Path(__file__).resolve().parent.parent / "grader"
# Lower layers never import higher ones. Packages on one line may import each other's
# modules only where the list of allowed pairs below says so.
LAYERS = [
    ["errors", "data"],
    ["transcripts"],
    ["rubrics", "safety"],
    ["backends"],
    ["calibration"],
    ["grading"],
    ["engine"],
    ["batch", "stats", "ratings"],
    ["evaluation", "audit"],
    ["reports"],
    # The command line may start the web app; the web app never imports the command line.
    ["cli", "web"],
]
MAX_LINES = 300


def _modules() -> dict[str, Path]:
    found = {}
    for path in GRADER.rglob("*.py"):
        parts = path.relative_to(GRADER.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(modules: dict[str, Path]) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [f"{node.module}.{alias.name}" for alias in node.names]
                targets.append(node.module)
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            for target in targets:
                if target in modules and target != name and target != "grader":
                    edges[name].add(target)
    return edges


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "grader"


def _layer(package: str) -> int:
    for index, names in enumerate(LAYERS):
        if package in names:
            return index
    raise AssertionError(f"package {package!r} is in no layer; add it to LAYERS")


def test_no_import_cycle() -> None:
    modules = _modules()
    edges = _imports(modules)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in modules:
        if module not in index:
            visit(module)
    assert cycles == []


def test_packages_import_only_lower_layers() -> None:
    modules = _modules()
    upward = sorted(
        f"{source} imports {target}"
        for source, targets in _imports(modules).items()
        for target in targets
        if _package(source) not in ("grader", "__main__")
        and _layer(_package(target)) > _layer(_package(source))
    )
    assert upward == []


@pytest.mark.parametrize("module", sorted(_modules()))
def test_long_modules_say_why(module: str) -> None:
    path = _modules()[module]
    text = path.read_text(encoding="utf-8")
    if text.count("\n") <= MAX_LINES:
        return
    doc = ast.get_docstring(ast.parse(text)) or ""
    assert "Longer than" in doc, f"{path}: over {MAX_LINES} lines; split it or say why"


def test_command_line_modules_hold_no_grading_fitting_or_analysis() -> None:
    """The CLI parses, calls the library and prints: it imports no internals to compute with."""
    forbidden = ("grader.calibration.fit", "grader.stats", "grader.grading.pipeline")
    modules = _modules()
    found = sorted(
        f"{source} imports {target}"
        for source, targets in _imports(modules).items()
        if source.startswith("grader.cli")
        for target in targets
        if target.startswith(forbidden)
    )
    assert found == []


def test_the_web_app_does_not_import_the_command_line() -> None:
    """``grader serve`` starts the web app; the web app never reaches back into the CLI."""
    found = sorted(
        f"{source} imports {target}"
        for source, targets in _imports(_modules()).items()
        if source.startswith("grader.web")
        for target in targets
        if target.startswith("grader.cli")
    )
    assert found == []


def test_the_public_api_is_importable_and_documented() -> None:
    import grader

    for name in grader.__all__:
        value = getattr(grader, name)
        assert value is not None
        if callable(value) and name != "__version__":
            assert (value.__doc__ or "").strip(), f"grader.{name} has no docstring"
    with pytest.raises(AttributeError):
        grader.no_such_name  # noqa: B018


def test_all_lists_every_export() -> None:
    import grader

    assert sorted(grader.__all__) == sorted(["__version__", *grader._EXPORTS])
