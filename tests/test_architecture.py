"""Dependencies point one way: no import cycle between salesgen's packages, and the layers of the plan hold.

A unit is a top-level package or module of ``salesgen`` (``entities``, ``schema``, …). Every import
counts, including those guarded by ``TYPE_CHECKING``. Renaming or splitting a package (``sinks`` →
``formats``, ``config.py`` → ``config/``) needs only an edit of ``LAYERS``.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import salesgen

SRC = Path(salesgen.__file__).parent

# Bottom to top: a unit may import units of its own layer or below, never above.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"vocab", "contract", "streams", "arrowkit", "arrowtext", "version"}),
    frozenset({"config", "presets"}),
    frozenset({"entities", "databases"}),
    frozenset({"engine", "readers", "checks"}),
    frozenset({"formats"}),
    frozenset({"generator", "report"}),
    frozenset({"api"}),
    frozenset({"pytest_plugin"}),
    frozenset({"cli", "__init__", "__main__"}),
)
# Known upward imports awaiting a move already planned, as (importer, imported): delete when it lands.
PENDING: frozenset[tuple[str, str]] = frozenset()


def _module_path(file: Path) -> list[str]:
    parts = list(file.relative_to(SRC).with_suffix("").parts)
    return ["salesgen", *parts]


def _imported_modules(file: Path) -> set[str]:
    """Absolute dotted names of every salesgen module ``file`` imports."""
    module = _module_path(file)
    package = module[:-1]  # the package a relative import starts from (for __init__ too)
    names: set[str] = set()
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                names.add(".".join([*base, *([node.module] if node.module else [])]))
            else:
                names.add(node.module or "")
    return {name for name in names if name.split(".")[0] == "salesgen"}


def _unit(dotted: str) -> str | None:
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else None


def unit_graph() -> dict[str, set[str]]:
    """unit → the other units it imports."""
    graph: dict[str, set[str]] = defaultdict(set)
    for file in SRC.rglob("*.py"):
        unit = _module_path(file)[1]
        for name in _imported_modules(file):
            target = _unit(name)
            if target is not None and target != unit:
                graph[unit].add(target)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the list of units along it, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def _layer(unit: str) -> int:
    return next((rank for rank, layer in enumerate(LAYERS) if unit in layer), len(LAYERS))


def test_the_graph_sees_the_known_edges() -> None:
    graph = unit_graph()
    assert "contract" in graph["entities"] and "entities" in graph["engine"]


def test_no_import_cycle_between_packages() -> None:
    assert _cycle(unit_graph()) is None, f"import cycle: {' -> '.join(_cycle(unit_graph()) or [])}"


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_layers_import_only_downwards() -> None:
    upward = sorted(
        (unit, target)
        for unit, targets in unit_graph().items()
        for target in targets
        if _layer(target) > _layer(unit) and (unit, target) not in PENDING
    )
    assert not upward, f"imports from a lower layer to a higher one: {upward}"


def test_every_unit_has_exactly_one_layer() -> None:
    units = {path.stem for path in SRC.glob("*.py")} | {
        path.name for path in SRC.iterdir() if path.is_dir() and (path / "__init__.py").exists()
    }
    placed = [unit for layer in LAYERS for unit in layer]
    assert sorted(placed) == sorted(units), f"place every unit in one layer: {sorted(units ^ set(placed))}"
