"""The wheel holds what the program needs: built, installed into a clean venv, run.

The editable install the tests run from reads files straight from the checkout,
so a data file the wheel lacks (a preset scenario, the dashboard's template)
would pass every other test. Here the wheel is built and installed into a fresh
virtual environment that sees the project's installed dependencies but not the
checkout, and `villageaid run --years 1` must work from it.
"""

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w",
         str(out), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    # the packaging is quiet: no deprecated or missing-package warnings
    assert "BuildBackendWarning" not in build.stderr + build.stdout, build.stderr[-2000:]
    (path,) = out.glob("villageaid-*.whl")
    return path


def test_the_wheel_holds_the_presets_and_the_dashboard_template(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for preset in ("baseline", "teams", "all_levels"):
        assert f"villageaid/scenarios/presets/{preset}.toml" in names
    assert any(n.startswith("villageaid/visualization/pages/") and n.endswith(".vue")
               for n in names)
    assert not any(n.startswith("villageaid/tests/") for n in names)


def test_the_wheel_runs_from_a_clean_venv(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    site = Path(subprocess.check_output(
        [str(env_dir / "bin" / "python"), "-c",
         "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True).strip())
    # The dependencies come from the test environment, but not its editable
    # villageaid: a plain path entry does not run the .pth files inside it.
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(env_dir / "bin" / "python"), "install",
         "--no-deps", "--no-index", "--quiet", str(wheel)],
        capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stderr[-2000:]
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    run = subprocess.run(
        [str(env_dir / "bin" / "villageaid"), "run", "--scenario", "teams", "--years",
         "1", "--set", "residents=200", "--out", str(work / "out")],
        cwd=work, capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 0, run.stdout[-1500:] + run.stderr[-1500:]
    where = subprocess.check_output(
        [str(env_dir / "bin" / "python"), "-c", "import villageaid; print(villageaid.__file__)"],
        cwd=work, text=True, env=env).strip()
    assert where.startswith(str(site)), where  # the wheel's copy, not the checkout
    assert (work / "out" / "summary.json").exists()
