"""Imports run one way: a stage of the pipeline imports earlier stages, never a later one
(docs/architecture.md). Read from the source, so a new module or import is checked."""

import ast
import re
from functools import cache
from pathlib import Path

import feeds

PACKAGE = Path(feeds.__file__).resolve().parent

# In pipeline order; a module belongs to the first stage whose pattern matches its name.
STAGES = (
    ("foundation", r"feeds(\.(model|errors|textclean|slug|uri|language|chrome|"
                   r"atomic|lock|pool|progress|config))?"),
    ("grammar", r"feeds\.grammar(\..+)?"),
    ("sources", r"feeds\.sources(\..+)?"),
    ("parse", r"feeds\.parse(\..+)?"),
    ("merge", r"feeds\.merge"),
    ("dates", r"feeds\.dates(\..+)?"),
    ("publish", r"feeds\.publish(\..+)?"),
    ("validate", r"feeds\.validate(\..+)?"),
    ("build", r"feeds\.build(\..+)?"),
    ("serve", r"feeds\.serve"),
    ("cli", r"feeds\.(cli(\..+)?|__main__)"),
)

# Known imports against the flow, each with the reason it is still there. Fixing one
# means deleting its line here; adding one means a reason in docs/architecture.md.
KNOWN: set[tuple[str, str]] = set()  # none: the date scanners of markup are parse-stage
# modules, and the one date grammar comes before every stage that reads text


def _stage(module: str) -> int:
    for n, (_, pattern) in enumerate(STAGES):
        if re.fullmatch(pattern, module):
            return n
    raise AssertionError(f"{module}: in no stage; add it to docs/architecture.md and STAGES")


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = ("feeds", *path.relative_to(PACKAGE).with_suffix("").parts)
        out[".".join(p for p in parts if p != "__init__")] = path
    return out


@cache
def _module_names() -> set[str]:
    return set(_modules())


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "feeds":  # from feeds import a, b: the modules a and b
                found |= {f"feeds.{a.name}" for a in node.names if a.name != "__version__"}
            elif node.module.startswith("feeds."):
                # from feeds.pkg import mod imports the module feeds.pkg.mod
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    found.add(sub if sub in _module_names() else node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("feeds.")}
    return found


def _against_the_flow() -> set[tuple[str, str]]:
    modules = _modules()
    return {(mod, dep) for mod, path in modules.items() if mod != "feeds"
            for dep in _imports(path) if dep in modules and _stage(dep) > _stage(mod)}


def test_every_module_is_in_a_stage():
    for module in _modules():
        _stage(module)


def test_no_module_imports_a_later_stage():
    assert _against_the_flow() - KNOWN == set()


def test_the_known_exceptions_are_still_needed():
    assert KNOWN - _against_the_flow() == set(), "fixed: delete it from KNOWN"


def test_the_checker_sees_an_import_against_the_flow(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("from feeds import build\nfrom feeds.dates import resolve, DateContext\n"
                     "from feeds.build.plan import slugs\n")
    assert _imports(probe) == {"feeds.build", "feeds.dates.resolve", "feeds.dates",
                               "feeds.build.plan"}
    assert _stage("feeds.build") > _stage("feeds.dates") > _stage("feeds.parse.textparse")


def test_the_public_api_is_importable():
    for name in feeds.__all__:
        assert getattr(feeds, name) is not None, name


def _cycles() -> list[list[str]]:
    """Import circles among the package's modules (imports inside functions count too)."""
    modules = _modules()
    graph = {m: sorted(d for d in _imports(p) if d in modules and d != m)
             for m, p in modules.items()}
    found, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for dep in graph[node]:
            if state.get(dep) == "open":
                found.append(path[path.index(dep):] + [dep] if dep in path else [node, dep])
            elif dep not in state:
                visit(dep, [*path, dep])
        state[node] = "done"

    for module in graph:
        if module not in state:
            visit(module, [module])
    return found


def test_no_import_circle():
    assert _cycles() == []
