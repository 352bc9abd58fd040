"""ruff over the whole tree and mypy --strict over the core run as part of the suite, so CI enforces them."""

import ast
import subprocess
import sys
import tomllib

from tests.conftest import REPO


def test_ruff_is_clean() -> None:
    out = subprocess.run([sys.executable, "-m", "ruff", "check", "reader", "tests", "benchmarks"],
                         cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_strict_on_the_core_is_clean() -> None:
    out = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_import_contracts_keep_textual_out_of_the_core_and_the_pipeline_one_way() -> None:
    out = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command; "
                          "lint_imports_command()"], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "2 kept, 0 broken" in out.stdout


def test_the_textual_contract_names_every_module_but_the_tui() -> None:
    """A new core module left out of the contract could import Textual unseen: each is named, or its package is.

    The two packages that hold a TUI module (reader, reader.commands) cannot be named whole; their
    __init__ files import nothing.
    """
    contracts = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    named = next(c["source_modules"] for c in contracts if "textual" in c["forbidden_modules"])
    holders = {"reader", "reader.commands"}
    left_out = []
    for path in sorted((REPO / "reader").rglob("*.py")):
        module = ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        if module.startswith("reader.tui") or module == "reader.commands.tui":
            continue
        if module in holders:
            tree = ast.parse(path.read_text())
            assert not any(isinstance(n, ast.Import | ast.ImportFrom) for n in ast.walk(tree)), module
            continue
        if not any(module == n or module.startswith(f"{n}.") for n in named):
            left_out.append(module)
    assert left_out == []
