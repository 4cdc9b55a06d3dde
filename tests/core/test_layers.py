"""import-linter's layers contract catches an import that runs the wrong way."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _copy_of_the_portal(target: Path) -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    for package in config["tool"]["importlinter"]["root_packages"]:
        shutil.copytree(ROOT / package, target / package, ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")


def _lint(where: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=where,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(where)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_backward_import_breaks_the_layers_contract(tmp_path):
    _copy_of_the_portal(tmp_path)
    clean = _lint(tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    # accounts sits below agreements: it must not know them.
    with (tmp_path / "accounts" / "roles.py").open("a") as module:
        module.write("\nfrom agreements import models as _agreements  # noqa\n")
    broken = _lint(tmp_path)
    assert broken.returncode != 0
    assert "accounts is not allowed to import agreements" in broken.stdout
    assert "accounts.roles -> agreements.models" in broken.stdout
