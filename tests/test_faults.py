"""Faults that end cleanly: a broken village file, a lost worker, bad options,
a closed pipe. Each ends in a short report that names the cause and what to do,
a non-zero exit and no traceback, and keeps what finished."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from villageaid.cli import main
from villageaid.scenarios.village_files import RosterError, read_roster

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))

from test_roster import TIE_HEADER, resident_rows, write_village  # noqa: E402


# ------------------------------------------------------------------ broken CSV
def _broken_quote_village(folder: Path) -> Path:
    rows = resident_rows()
    rows[2] = rows[2].replace(",", ',"', 1)  # row 4 (header is row 1): a quote never closed
    rows[7] += ",surplus,cells"               # row 9: two cells more than the header
    return write_village(folder, rows)


def test_an_unclosed_quote_is_named_and_the_rows_after_it_are_still_read(tmp_path):
    with pytest.raises(RosterError) as exc:
        read_roster(_broken_quote_village(tmp_path / "v"))
    lines = exc.value.lines()
    assert any("row 4" in line and "quote" in line and "never closed" in line
               for line in lines), lines
    assert any("row 9" in line and "13 cells" in line and "11 columns" in line
               for line in lines), lines
    assert not any("field limit" in line for line in lines)


def test_a_large_file_with_an_unclosed_quote_is_not_a_field_limit_error(tmp_path):
    # more than csv's 131,072-character field limit after the quote
    rows = resident_rows(24) + [f"R{i:05d},30,male,H{i},no,,,0.1,no,no,0" for i in
                                range(100, 4000)]
    rows[2] = rows[2].replace(",", ',"', 1)
    with pytest.raises(RosterError) as exc:
        read_roster(write_village(tmp_path / "v", rows, ties=False))
    lines = exc.value.lines()
    assert "row 4" in lines[0] and "never closed" in lines[0], lines
    assert len(lines) <= 5, lines


def test_a_quote_closed_on_a_later_row_names_both_rows(tmp_path):
    rows = resident_rows()
    rows[2] = rows[2].replace(",", ',"', 1)
    rows[5] = rows[5].replace(",", '",', 1)
    with pytest.raises(RosterError) as exc:
        read_roster(write_village(tmp_path / "v", rows))
    assert any("row 4" in line and "closes only in row 7" in line
               for line in exc.value.lines()), exc.value.lines()


def test_follow_on_problems_are_counted_not_listed(tmp_path):
    ties = [f"R{i % 24:02d},X{i:04d},kin," for i in range(2085)]
    with pytest.raises(RosterError) as exc:
        read_roster(write_village(tmp_path / "v", ties=ties))
    lines = exc.value.lines()
    assert len(lines) <= 20, lines
    assert any("... and 2,080 more ties that name unknown ids" in line for line in lines), lines
    assert sum("is not an id" in line for line in lines) == 5


def test_a_long_report_is_cut_with_a_count(tmp_path):
    # many kinds of problem (one per column, each in many rows)
    rows = [f"R{i:02d},x,y,H{i},z,z,q,q,z,z,q" for i in range(30)]
    with pytest.raises(RosterError) as exc:
        read_roster(write_village(tmp_path / "v", rows, ties=[TIE_HEADER.replace("id", "x")]))
    lines = exc.value.lines()
    assert len(lines) <= 20
    assert lines[-1].startswith("... and ") and "more problems" in lines[-1], lines


def test_cli_village_check_of_a_broken_csv_is_short(tmp_path, capsys):
    folder = tmp_path / "v"
    assert main(["village", "export", str(folder), "--seed", "1"]) == 0
    path = folder / "residents.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    lines[4] = lines[4].replace(",", ',"', 1)
    lines[9] += ",surplus,cells"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["village", "check", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.splitlines()) <= 25, err
    assert "row 5: a quote opened in this row is never closed" in err
    assert "row 10: 20 cells, but the header names 18 columns" in err


# ------------------------------------------------------------------ lost workers
SMALL_SWEEP = """\
name = "faults"
scenario = "baseline"
design = "lhs"
samples = {samples}
replicates = 1
seed = 1
years = {years}
[village]
residents = {residents}
[[parameters]]
name = "grant"
low = 40000.0
high = 90000.0
"""

# Dask runs in a child process, so this one never forks with Dask's threads running.
DASK_SCRIPT = """\
import os, signal, sys, threading, time
from pathlib import Path
from distributed import Client, LocalCluster
from villageaid.cli import main
from villageaid.experiments import dask_backend

def after_first_run(out, then):
    def watch():
        while not list(Path(out, "runs").glob("part-*.parquet")):
            time.sleep(0.05)
        then()
    threading.Thread(target=watch, daemon=True).start()

if __name__ == "__main__":
    spec, out, case = sys.argv[1:]
    dask_backend.WORKER_WAIT_SECONDS = 3.0
    processes = case == "kill"
    with LocalCluster(n_workers=0 if case == "none" else 1, processes=processes,
                      threads_per_worker=1, dashboard_address=None, protocol="tcp") as cluster:
        client = Client(cluster, set_as_default=False)
        if case == "kill":  # the nanny starts a new worker, which must go on with the sweep
            pids = client.run(os.getpid)
            after_first_run(out, lambda: [os.kill(p, signal.SIGKILL) for p in pids.values()])
        elif case == "leave":  # every worker leaves, none comes back
            after_first_run(out, lambda: cluster.scale(0))
        code = main(["sweep", spec, "--out", out, "--scheduler", cluster.scheduler_address,
                     "--no-progress", "--batch", "1"])
        client.close()
    sys.exit(code)
"""


def _dask_sweep(tmp_path, case, **size):
    spec = tmp_path / "spec.toml"
    spec.write_text(SMALL_SWEEP.format(**{"samples": 4, "years": 1, "residents": 150,
                                          **size}))
    script = tmp_path / "dask_sweep.py"
    script.write_text(DASK_SCRIPT)
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, str(script), str(spec), str(out), case],
                          capture_output=True, text=True, timeout=240)
    return done, out


def _one_error_line(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr[-3000:]
    errors = [line for line in stderr.splitlines() if "error" in line]
    assert len(errors) == 1, stderr[-3000:]
    return errors[0]


def test_a_scheduler_without_workers_ends_in_one_line(tmp_path):
    done, out = _dask_sweep(tmp_path, "none")
    assert done.returncode == 1
    line = _one_error_line(done.stderr)
    assert "no Dask workers joined the scheduler at tcp://" in line and ": None" not in line
    assert "start workers with `dask worker tcp://" in line
    assert "0 of 4 runs are saved" in line and "--resume finishes the sweep" in line
    assert (out / "sweep.json").exists(), "the store is kept for --resume"


def test_workers_that_join_later_finish_a_sweep_whose_workers_were_killed(tmp_path):
    from villageaid.experiments import load_results

    done, out = _dask_sweep(tmp_path, "kill", samples=6, years=3, residents=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert len(load_results(out)) == 6


def test_a_sweep_whose_workers_all_left_ends_in_one_line_and_keeps_its_runs(tmp_path):
    from villageaid.experiments import load_results

    done, out = _dask_sweep(tmp_path, "leave", samples=12, years=3, residents=300)
    assert done.returncode == 1, done.stderr[-3000:]
    line = _one_error_line(done.stderr)
    assert "every Dask worker left the scheduler" in line and "--resume" in line
    saved = len(load_results(out))
    assert 1 <= saved < 12 and f"{saved} of 12 runs are saved" in line


def test_a_killed_local_worker_ends_in_one_line_and_resume_finishes(tmp_path, capsys):
    import psutil

    from villageaid.experiments import load_results

    spec = tmp_path / "spec.toml"
    spec.write_text(SMALL_SWEEP.format(samples=10, years=3, residents=300))
    out = tmp_path / "out"
    child = subprocess.Popen([sys.executable, "-m", "villageaid", "sweep", str(spec), "--out",
                              str(out), "--workers", "2", "--batch", "1", "--no-progress"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list((out / "runs").glob("part-*.parquet")) if (out / "runs").is_dir() else True:
        assert child.poll() is None and time.monotonic() < deadline
        time.sleep(0.02)
    workers = psutil.Process(child.pid).children()
    assert workers
    os.kill(workers[0].pid, signal.SIGKILL)
    stderr = child.communicate(timeout=120)[1]
    assert child.returncode == 1, stderr[-3000:]
    line = _one_error_line(stderr)
    assert "a worker process ended without finishing its run" in line
    assert "the same command with --resume finishes the sweep" in line
    assert main(["sweep", str(spec), "--out", str(out), "--resume", "--workers", "1",
                 "--no-progress"]) == 0
    assert len(load_results(out)) == 10


# ------------------------------------------------------------ every problem at once
def test_every_bad_set_is_reported_at_once(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", "--set", "elder_share=1.5", "--set", "alone_share=x", "--set",
                 "nosuch=1", "--out", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3, err
    assert all(line.startswith("villageaid run: error: ") for line in err)
    assert any("elder_share: 1.5 is out of range; expected 0 to 1 (fraction)" in line
               for line in err)
    assert any("alone_share: 'x' is not a number; expected 0 to 1 (fraction)" in line
               for line in err)
    assert any("--set nosuch: unknown parameter" in line for line in err)
    assert not out.exists()


def test_an_intervention_setting_in_set_points_to_scenario_files(tmp_path, capsys):
    assert main(["run", "--set", "teams.team_size=5", "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "unknown parameter" not in err and len(err.splitlines()) == 1
    assert "--set teams.team_size: an intervention setting" in err
    assert "scenario file" in err and 'type = "teams" and team_size = 5' in err
    assert "`villageaid scenarios`" in err and "--scenario FILE" in err


def test_resume_of_a_folder_that_does_not_exist_is_refused(tmp_path, capsys):
    spec = tmp_path / "spec.toml"
    spec.write_text(SMALL_SWEEP.format(samples=2, years=1, residents=100))
    out = tmp_path / "never-started"
    assert main(["sweep", str(spec), "--out", str(out), "--resume", "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert f"{out}: does not exist to resume" in err and len(err.splitlines()) == 1
    assert not out.exists(), "nothing is run, nothing is written"
    out.mkdir()
    assert main(["sweep", str(spec), "--out", str(out), "--resume", "--no-progress"]) == 2
    assert "holds no sweep to resume" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["params"], ["scenarios"], ["validate", "baseline"]])
def test_a_closed_pipe_ends_quietly(command):
    """`villageaid params | head -1`: no 'Broken pipe' error, the exit status of SIGPIPE."""
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line, as `head` after its lines
    try:
        done = subprocess.run([sys.executable, "-m", "villageaid", *command], stdout=write,
                              stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(write)
    assert done.returncode == 141, done.stderr
    assert done.stderr == ""


# ------------------------------------------------------------ messages in plain words
def test_range_messages_are_plain_numbers_with_separators_and_unit():
    from villageaid.sim.params import ParameterError, make_params

    with pytest.raises(ParameterError) as exc:
        make_params(grant="lots", residents=2.5, elder_share=1.5)
    lines = str(exc.value).splitlines()
    assert lines == [
        "grant: 'lots' is not a number; expected 0 to 100,000,000 (CNY/year)",
        "residents: 2.5 is not a whole number; expected 20 to 200,000 (persons)",
        "elder_share: 1.5 is out of range; expected 0 to 1 (fraction)"]
    assert not any("float" in line or "[" in line or ".0 " in line for line in lines)


def test_scenario_and_sweep_messages_use_the_same_plain_range(tmp_path):
    from villageaid.experiments import SweepError, load_spec
    from villageaid.scenarios import ScenarioError, parse_scenario

    with pytest.raises(ScenarioError) as exc:
        parse_scenario('name = "x"\n[village]\ngrant = -1.0\n', source="s.toml")
    assert any("grant: -1.0 is out of range; expected 0 to 100,000,000 (CNY/year)" in line
               for line in map(str, exc.value.problems)), exc.value.lines()
    spec = tmp_path / "spec.toml"
    spec.write_text(SMALL_SWEEP.format(samples=2, years=1, residents=100).replace(
        "high = 90000.0", "high = 2e8"))
    with pytest.raises(SweepError) as exc:
        load_spec(spec)
    assert "expected 0 to 100,000,000 (CNY/year)" in str(exc.value)


def test_chinese_range_messages_keep_the_range_and_translate_the_unit():
    from villageaid.sim.params import ParameterError, make_params
    from villageaid.visualization.problems import problem

    for values, words in [({"grant": 2e8}, ["超出范围", "0 至 100,000,000（元/年）"]),
                          ({"residents": "abc"}, ["不是整数", "20 至 200,000"]),
                          ({"elder_share": "x"}, ["不是数字", "0 至 1（比例）"])]:
        with pytest.raises(ParameterError) as exc:
            make_params(**values)
        zh = problem(exc.value.problems[0], "zh")
        assert all(w in zh for w in words), zh


def test_a_killed_worker_of_a_comparison_ends_in_one_line(tmp_path):
    import psutil

    child = subprocess.Popen([sys.executable, "-m", "villageaid", "compare", "baseline", "teams",
                              "--replicates", "4", "--years", "3", "--workers", "2",
                              "--no-progress", "--out", str(tmp_path / "out")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not psutil.Process(child.pid).children():
        assert child.poll() is None and time.monotonic() < deadline
        time.sleep(0.02)
    os.kill(psutil.Process(child.pid).children()[0].pid, signal.SIGKILL)
    stderr = child.communicate(timeout=120)[1]
    assert child.returncode == 1, stderr[-3000:]
    line = _one_error_line(stderr)
    assert "a worker process ended without finishing its run" in line
    assert "nothing was written" in line
