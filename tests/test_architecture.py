"""The architecture holds: layers only import downwards, nothing imports in a loop, every error
states its category.

The layers contract itself is ``[tool.importlinter]`` in pyproject.toml, checked by
``lint-imports`` in ``make lint``. These tests show that it is kept, that it does fail when a
module imports a layer above its own (on a copy of the tree in a temporary folder; the real tree
is never touched), and check the two rules a layers contract cannot express.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
CONFIG = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
PACKAGES: list[str] = CONFIG["root_packages"]


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` against the packages under ``tree`` (first on the path, so a copy there
    wins over the installed project)."""
    if not LINT_IMPORTS.exists():
        pytest.skip("import-linter is not installed (make setup installs the dev extras)")
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _copy_tree(target: Path) -> Path:
    """The project's packages and pyproject.toml, copied under ``target``."""
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            target / package,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.json", "*.jsonl", "*.md"),
        )
    shutil.copy(PYPROJECT, target / "pyproject.toml")
    return target


def test_the_layers_contract_is_kept() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 broken" not in result.stdout and "KEPT" in result.stdout


@pytest.mark.parametrize(
    ("module", "upward_import"),
    [
        ("nlp/_violation.py", "from api.main import create_app\n"),
        ("graph/_violation.py", "def later():\n    from cli.demo import stop_api_background\n"),
        ("analysis/_violation.py", "import evaluation.gold\n"),
    ],
)
def test_the_layers_contract_fails_on_an_upward_import(
    tmp_path: Path, module: str, upward_import: str
) -> None:
    tree = _copy_tree(tmp_path)
    (tree / module).write_text(upward_import, encoding="utf-8")
    result = _lint_imports(tree)
    assert result.returncode != 0, result.stdout
    assert "BROKEN" in result.stdout
    importer = module.removesuffix(".py").replace("/", ".")
    assert importer in result.stdout, result.stdout


def _direct_imports() -> dict[str, set[str]]:
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    return {
        module: set(graph.find_modules_directly_imported_by(module)) for module in graph.modules
    }


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_cycle_finder_finds_a_loop() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_imports_in_a_loop() -> None:
    """Lazy imports inside functions count too: that is how nlp's document -> policy_refs ->
    document loop hid before the restructure."""
    assert _cycles(_direct_imports()) == []


def test_pipeline_components_never_import_each_other() -> None:
    from nlp.pipeline import COMPONENTS

    components = {f"nlp.{component.run.__module__.split('.')[-1]}" for component in COMPONENTS}
    edges = _direct_imports()
    for module in sorted(components):
        others = (edges[module] & components) - {module}
        assert not others, f"{module} imports the component(s) {sorted(others)}"


def _all_modules() -> list[str]:
    names = []
    for package in PACKAGES:
        names.append(package)
        path = [str(ROOT / package)]
        for info in pkgutil.walk_packages(path, prefix=f"{package}."):
            if not info.name.endswith(".__main__"):  # running it would start the CLI
                names.append(info.name)
    return names


def test_every_error_states_its_category() -> None:
    from stdkg.errors import ErrorCategory, StdkgError

    for name in _all_modules():
        importlib.import_module(name)
    missing = []
    seen = []
    pending = list(StdkgError.__subclasses__())
    while pending:
        cls = pending.pop()
        seen.append(cls)
        pending.extend(cls.__subclasses__())
        if not cls.__module__.startswith(tuple(PACKAGES)):
            continue  # classes tests define on the fly
        if "category" not in vars(cls) or not isinstance(cls.category, ErrorCategory):
            missing.append(f"{cls.__module__}.{cls.__qualname__}")
    assert len(seen) > 20
    assert missing == []


def test_the_api_maps_every_category_to_a_status() -> None:
    from api.errors import STATUS_BY_CATEGORY
    from stdkg.errors import ErrorCategory

    assert set(STATUS_BY_CATEGORY) == set(ErrorCategory)
