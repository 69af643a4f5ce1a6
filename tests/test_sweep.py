"""Sweeps: the store's schema, identical results serial / parallel / Dask, and resume
after a SIGKILL."""

import dataclasses
import os
import signal
import subprocess
import sys
import textwrap
import time

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from pandas.testing import assert_frame_equal

from villageaid.cli import main
from villageaid.experiments import load_results, load_spec, run_sweep
from villageaid.experiments.replicates import CURVE_COLUMNS
from villageaid.experiments.store import load_timeseries

SPEC = """\
name = "small"
scenario = "teams"
years = 1
design = "lhs"
samples = 10
replicates = 2
seed = 7

[village]
residents = 150

[outputs]
timeseries_every = 13

[[parameters]]
name = "helper_share_elder"
low = 0.2
high = 0.7

[[parameters]]
name = "teams.team_size"
low = 4
high = 12
"""
TOTAL = 20
METRICS = ["coverage", "unmet_per_week", "participation", "withdrawn_final", "efficacy_final",
           "loneliness_final", "burnout", "dropout_per_year", "helpers_final", "spent",
           "cost_per_need_met"]


@pytest.fixture(scope="module")
def spec_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("spec") / "small.toml"
    path.write_text(SPEC)
    return path


@pytest.fixture(scope="module")
def reference(spec_path):
    """The uninterrupted sweep, run serially in this process, in memory."""
    return run_sweep(load_spec(spec_path), workers=1)


@pytest.fixture(scope="module")
def parallel_store(spec_path, tmp_path_factory):
    out = tmp_path_factory.mktemp("parallel") / "sweep"
    frame = run_sweep(spec_path, out=out, workers=2, batch=6)
    return out, frame


def _parts(out, folder="runs"):
    return sorted((out / folder).glob("part-*.parquet"))


def test_store_schema(parallel_store):
    out, frame = parallel_store
    schema = pq.read_schema(_parts(out)[0])
    expected = [("run_id", pa.string()), ("point", pa.int64()), ("replicate", pa.int64()),
                ("seed", pa.int64()), ("helper_share_elder", pa.float64()),
                ("teams.team_size", pa.int64()), *((m, pa.float64()) for m in METRICS)]
    assert [(f.name, f.type) for f in schema] == expected
    assert list(frame.columns) == [name for name, _ in expected]
    assert [str(t) for t in frame.dtypes[1:]] == ["int64"] * 3 + ["float64", "int64"] + [
        "float64"] * len(METRICS)
    ts_schema = pq.read_schema(_parts(out, "timeseries")[0])
    assert [(f.name, f.type) for f in ts_schema] == [
        ("run_id", pa.string()), ("point", pa.int64()), ("replicate", pa.int64()),
        ("week", pa.int64()), *((c, pa.float64()) for c in CURVE_COLUMNS)]
    # batches of 6 runs: the store is several files, read back as one table
    assert len(_parts(out)) == 4 and len(_parts(out, "timeseries")) == 4


def test_rows_seeds_and_run_ids(reference):
    assert len(reference) == TOTAL and reference["run_id"].is_unique
    assert reference[["point", "replicate"]].values.tolist() == [
        [k, i] for k in range(10) for i in range(2)]
    # replicate i of every point has seed 7 + i: common random numbers across points
    assert (reference["seed"] == 7 + reference["replicate"]).all()
    assert reference.groupby("point")["helper_share_elder"].nunique().eq(1).all()
    assert reference["teams.team_size"].between(4, 12).all()
    assert reference["coverage"].between(0, 1).all()
    # the two replicates of a point differ (different seeds), the runs are real
    first = reference[reference.point == 0]
    assert first["coverage"].iloc[0] != first["coverage"].iloc[1]


def test_parallel_equals_serial(parallel_store, reference):
    out, frame = parallel_store
    assert_frame_equal(frame, reference, check_exact=True)
    assert_frame_equal(load_results(out), reference, check_exact=True)


def test_timeseries_every_k_weeks(parallel_store, reference):
    out, _ = parallel_store
    ts = load_timeseries(out)
    assert len(ts) == TOTAL * 4
    assert sorted(set(ts["week"])) == [13, 26, 39, 52]
    assert set(ts["run_id"]) == set(reference["run_id"])


DASK_SCRIPT = textwrap.dedent("""\
    import sys
    from distributed import LocalCluster
    from villageaid.cli import main

    if __name__ == "__main__":
        with LocalCluster(processes=True, n_workers=2, threads_per_worker=1,
                          dashboard_address=None) as cluster:
            code = main(["sweep", sys.argv[1], "--out", sys.argv[2],
                         "--scheduler", cluster.scheduler_address, "--no-progress"])
        sys.exit(code)
""")


def test_dask_local_cluster_equals_serial(spec_path, reference, tmp_path):
    """`villageaid sweep --scheduler` on a LocalCluster of two worker processes (in a
    child process, so this one never forks with Dask's threads running)."""
    script = tmp_path / "dask_sweep.py"
    script.write_text(DASK_SCRIPT)
    out = tmp_path / "dask"
    done = subprocess.run([sys.executable, str(script), str(spec_path), str(out)],
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Dask cluster tcp://" in done.stdout and "2 workers" in done.stdout
    assert_frame_equal(load_results(out), reference, check_exact=True)


def test_resume_after_sigkill(spec_path, reference, tmp_path, capsys):
    out = tmp_path / "killed"
    child = subprocess.Popen(
        [sys.executable, "-m", "villageaid", "sweep", str(spec_path), "--out", str(out),
         "--workers", "1", "--batch", "2", "--no-progress"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not (out / "runs").is_dir() or not _parts(out):
        assert child.poll() is None, child.stderr.read().decode()[-2000:]
        assert time.monotonic() < deadline, "no batch was written"
        time.sleep(0.005)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL
    stored = load_results(out)
    assert 0 < len(stored) < TOTAL, "the kill landed mid-sweep"
    assert set(stored["run_id"]) <= set(reference["run_id"])
    # what a kill in the middle of a write leaves: a temporary file, and a time-series
    # part whose runs part was never renamed into place
    (out / "runs" / ".part-deadbeef.parquet.tmp").write_bytes(b"PAR1 half a file")
    orphan = out / "timeseries" / "part-orphan.parquet"
    pq.write_table(pq.read_table(_parts(out, "timeseries")[0]), orphan)

    assert main(["sweep", str(spec_path), "--out", str(out), "--resume", "--workers", "2",
                 "--no-progress"]) == 0
    printed = capsys.readouterr().out
    assert f"{len(stored)} of {TOTAL} runs already in" in printed
    assert f"Running {TOTAL - len(stored)} runs" in printed
    finished = load_results(out)
    assert len(finished) == TOTAL and finished["run_id"].is_unique
    assert_frame_equal(finished, reference, check_exact=True)
    assert not orphan.exists() and not list((out / "runs").glob(".*.tmp"))
    ts = load_timeseries(out)
    assert len(ts) == TOTAL * 4 and not ts.duplicated(["run_id", "week"]).any()

    # resuming a finished sweep runs nothing and writes nothing
    parts = _parts(out)
    assert main(["sweep", str(spec_path), "--out", str(out), "--resume",
                 "--no-progress"]) == 0
    assert "Running 0 runs" in capsys.readouterr().out
    assert _parts(out) == parts


def test_runs_are_written_at_least_every_flush_interval(spec_path, tmp_path):
    """A batch is written when full, or when flush_seconds have passed: with 0 s,
    every run is written as soon as it finishes, however large the batch."""
    out = tmp_path / "eager"
    spec = load_spec(spec_path)
    tiny = spec.__class__(**{**spec.__dict__, "samples": 2, "replicates": 1})
    run_sweep(tiny, out=out, workers=1, batch=1000, flush_seconds=0.0)
    assert len(_parts(out)) == 2 and len(load_results(out)) == 2
    late = tmp_path / "late"
    run_sweep(tiny, out=late, workers=1, batch=1000, flush_seconds=3600.0)
    assert len(_parts(late)) == 1, "the rest is written at the end"


def test_a_sweep_over_a_village_file(tmp_path):
    """A base scenario that names a village file sweeps that village, not a synthetic one."""
    village = os.path.join(os.path.dirname(__file__), "..", "villages", "example_300")
    scenario = tmp_path / "real.toml"
    scenario.write_text(textwrap.dedent(f"""\
        name = "real"
        years = 1
        village = "{os.path.abspath(village)}"
        [[interventions]]
        type = "teams"
        """))
    spec = tmp_path / "sweep.toml"
    spec.write_text(textwrap.dedent(f"""\
        name = "real_sweep"
        scenario = "{scenario}"
        years = 1
        design = "grid"
        replicates = 1
        seed = 3
        [[parameters]]
        name = "teams.team_size"
        levels = [2, 10]
        """))
    frame = run_sweep(load_spec(spec), tmp_path / "out", workers=1, progress=False)
    assert len(frame) == 2
    assert frame["coverage"].nunique() == 2  # the team size matters
    # the same run outside the sweep, on the village file, gives the same figures
    from villageaid.experiments.replicates import run_replicate
    from villageaid.scenarios import load_scenario

    (kind, settings), = load_scenario(scenario).interventions
    base = dataclasses.replace(load_scenario(scenario),
                               interventions=[(kind, {**settings, "team_size": 10})])
    direct = run_replicate(base, 0, 3, 1).metrics
    synthetic = run_replicate(dataclasses.replace(base, village=None, roster=None),
                              0, 3, 1).metrics
    big_team = frame[frame["teams.team_size"] == 10].iloc[0]
    assert big_team["helpers_final"] == direct["helpers_final"]
    assert big_team["coverage"] == direct["coverage"]
    assert direct != synthetic  # the village file, not a synthetic village of its size
