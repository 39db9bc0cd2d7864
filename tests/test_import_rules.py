"""Stages import downward only: extract ← normalize ← load ← cli (checked from source).

The files are parsed with :mod:`ast`, never imported, so a violation is found even in
a module no test happens to import.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "extract": ("jixiao.normalize", "jixiao.load", "jixiao.cli", "jixiao.web"),
    "normalize": ("jixiao.load", "jixiao.cli", "jixiao.web"),
    "load": ("jixiao.cli", "jixiao.web"),
}


def imported_modules(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, absolute module) for every import in ``path``; relative ones resolved.

    ``root`` is the repository root: ``root/<stage>/a/b.py`` is module
    ``jixiao.<stage>.a.b``. ``from m import x`` yields both ``m`` and ``m.x``.
    """
    relative = path.relative_to(root)
    package = ["jixiao", relative.parts[0], *relative.parts[1:-1]]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            out.append((node.lineno, module))
            out.extend((node.lineno, f"{module}.{alias.name}") for alias in node.names)
    return sorted(out)


def violations(root: Path, stage: str) -> list[str]:
    found: list[str] = []
    for path in sorted((root / stage).rglob("*.py")):
        for lineno, module in imported_modules(path, root):
            for banned in FORBIDDEN[stage]:
                if module == banned or module.startswith(banned + "."):
                    found.append(f"{path.relative_to(root)}:{lineno} imports {module}")
    return found


def test_stage_folders_exist() -> None:
    for stage in FORBIDDEN:
        assert any((ROOT / stage).rglob("*.py")), stage


def test_extract_imports_neither_normalize_nor_load() -> None:
    assert violations(ROOT, "extract") == []


def test_normalize_does_not_import_load() -> None:
    assert violations(ROOT, "normalize") == []


def test_load_does_not_import_the_cli() -> None:
    assert violations(ROOT, "load") == []


def test_the_checker_catches_violations(tmp_path: Path) -> None:
    pdf = tmp_path / "extract" / "pdf"
    pdf.mkdir(parents=True)
    (pdf / "bad.py").write_text(
        "import os\n"
        "from jixiao.normalize import canonical\n"
        "def f():\n"
        "    import jixiao.load.db\n"
        "from ...normalize.fields import x\n"
        "from .. import model\n"
    )
    assert violations(tmp_path, "extract") == [
        "extract/pdf/bad.py:2 imports jixiao.normalize",
        "extract/pdf/bad.py:2 imports jixiao.normalize.canonical",
        "extract/pdf/bad.py:4 imports jixiao.load.db",
        "extract/pdf/bad.py:5 imports jixiao.normalize.fields",
        "extract/pdf/bad.py:5 imports jixiao.normalize.fields.x",
    ]
