"""The package's plan, checked from its import statements: data flows one way, ingest ->
describe -> store <- ask <- across, with the face (library, build and its vectors, cli, views, export, evaluate, and
the HTTP service in serve/) on top and the shared modules (types, errors, config) underneath."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "indexer"
SHARED = {"indexer.types", "indexer.errors", "indexer.config"}
STAGES = ("ingest", "describe", "store", "ask", "across")
# What each stage may import besides itself and the shared modules.
ALLOWED = {
    "ingest": {"describe"},  # the chunker and the PDF table reader read dates and printed grades
    "describe": set(),
    "store": set(),
    "ask": {"ingest", "describe", "store"},
    "across": {"ask", "describe", "store"},
}
MOST_LINES = 300


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(path: Path, known: dict[str, Path]) -> set[str]:
    """Every indexer module ``path`` imports, at any depth of the file (TYPE_CHECKING included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in known else node.module
                     for a in node.names]
        else:
            continue
        found.update(n for n in names if n.split(".")[0] in ("indexer", "streamlit"))
    return found


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def test_stages_import_only_the_stages_before_them() -> None:
    known = _modules()
    wrong = []
    for module, path in known.items():
        stage = _stage(module)
        if stage is None:
            continue
        for target in _imports(path, known):
            other = _stage(target)
            if target in SHARED or other == stage:
                continue
            if other is None or other not in ALLOWED[stage]:
                wrong.append(f"{module} -> {target}")
    assert wrong == []


# The service answers through the library and builds its bodies with views, as the CLI does: one
# implementation. From the store it needs only the manifest and the embedder (one model for all).
SERVE_MAY_IMPORT = {"indexer.library", "indexer.views", "indexer.store.index", "indexer.store.embedding", "indexer"}


def test_the_service_reaches_the_stages_only_through_the_library() -> None:
    known = _modules()
    wrong = []
    for module, path in known.items():
        if module.startswith("indexer.serve"):
            wrong += [f"{module} -> {t}" for t in _imports(path, known)
                      if not (t.startswith("indexer.serve") or t in SHARED or t in SERVE_MAY_IMPORT)]
        elif module not in ("indexer.cli",) and any(t.startswith("indexer.serve") for t in _imports(path, known)):
            wrong.append(f"{module} -> indexer.serve")
    assert wrong == []


def test_nothing_in_the_package_imports_streamlit() -> None:
    known = _modules()
    assert [m for m, p in known.items() if any(t.startswith("streamlit") for t in _imports(p, known))] == []


def test_the_import_graph_has_no_cycle() -> None:
    known = _modules()
    graph = {m: {t for t in _imports(p, known) if t in known and t != m} for m, p in known.items()}
    # A package imports its own modules from its __init__; a module never imports its package's
    # __init__ back, so an edge into a package stands for the __init__ alone.
    state: dict[str, int] = {}
    cycles = []

    def visit(m: str, trail: list[str]) -> None:
        state[m] = 1
        for t in sorted(graph[m]):
            if state.get(t) == 1:
                cycles.append(" -> ".join([*trail[trail.index(t):], t]) if t in trail else f"{m} -> {t}")
            elif t not in state:
                visit(t, [*trail, t])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert cycles == []


def test_modules_stay_small() -> None:
    files = [*PACKAGE.rglob("*.py"), ROOT / "app.py", *(ROOT / "ui").glob("*.py")]
    long = {str(p.relative_to(ROOT)): n for p in files if (n := len(p.read_text().splitlines())) > MOST_LINES}
    assert long == {}
