"""The executor (experiments/executor.py): the same results here, on local workers and
on Dask; results as they finish with their index; progress, cancel, Ctrl-C and lost
workers."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from villageaid.experiments.executor import (
    POOL_BROKEN, Cancelled, Executor, WorkersLost,
)

TASKS = [(k, 0.02 * (k % 3)) for k in range(7)]


def work(shared, task):
    """A task whose result depends only on its inputs, taking a little time."""
    k, pause = task
    time.sleep(pause)
    return {"k": k, "value": shared["scale"] * k ** 2 + 0.1 / (k + 1)}


def pause_then_index(task):
    k, pause = task
    time.sleep(pause)
    return k


def mark(path):
    """Leave a file when the run starts, then take a while."""
    open(path, "w").close()
    time.sleep(0.15)
    return path


def die(task):
    if task == 1:
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(0.3)
    return task


def ignores_ctrl_c(_task):
    return signal.getsignal(signal.SIGINT) == signal.SIG_IGN


SHARED = {"scale": 3.0}

DASK_SCRIPT = """\
import json, sys
from distributed import Client, LocalCluster
from villageaid.experiments.executor import Executor

def work(shared, task):
    import time
    k, pause = task
    time.sleep(pause)
    return {"k": k, "value": shared["scale"] * k ** 2 + 0.1 / (k + 1)}

if __name__ == "__main__":
    tasks = [tuple(t) for t in json.loads(sys.argv[1])]
    with LocalCluster(n_workers=1, processes=False, threads_per_worker=2,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        ex = Executor(scheduler=client)
        seen = []
        results = ex.map(work, tasks, shared={"scale": 3.0},
                         progress=lambda done, total, k: seen.append([done, total, k]))
        print(json.dumps({"where": ex.where(len(tasks)), "results": results,
                          "seen": seen}))
"""


def test_serial_local_and_dask_give_the_same_results_in_task_order(tmp_path):
    serial = Executor(1).map(work, TASKS, shared=SHARED)
    assert [r["k"] for r in serial] == list(range(len(TASKS)))
    assert Executor(2).map(work, TASKS, shared=SHARED) == serial
    assert Executor(2, keep=True).map(work, TASKS, shared=SHARED) == serial

    script = tmp_path / "dask_run.py"
    script.write_text(DASK_SCRIPT)
    done = subprocess.run([sys.executable, str(script), json.dumps(TASKS)],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.splitlines()[-1])
    assert out["where"].startswith("Dask cluster ")
    assert out["results"] == serial  # JSON keeps floats exactly (repr round trip)
    assert [s[0] for s in out["seen"]] == list(range(1, len(TASKS) + 1))


def test_results_come_as_they_finish_with_their_index():
    tasks = [(0, 1.0), (1, 0.05), (2, 0.05), (3, 0.05)]
    order = [k for k, result in Executor(2).run(pause_then_index, tasks)]
    assert sorted(order) == [0, 1, 2, 3]
    assert order[-1] == 0, order  # the slow first task ends last
    assert all(k == result for k, result in Executor(2).run(pause_then_index, tasks))


@pytest.mark.parametrize("workers", [1, 2])
def test_progress_counts_every_run(workers):
    seen = []
    Executor(workers).map(pause_then_index, TASKS,
                          progress=lambda done, total, k: seen.append((done, total, k)))
    assert [s[0] for s in seen] == list(range(1, len(TASKS) + 1))
    assert {s[1] for s in seen} == {len(TASKS)}
    assert sorted(s[2] for s in seen) == list(range(len(TASKS)))


@pytest.mark.parametrize("workers", [1, 2])
def test_cancel_drops_the_runs_not_started(tmp_path, workers):
    paths = [str(tmp_path / f"run{k}") for k in range(20)]
    with pytest.raises(Cancelled):
        Executor(workers).map(mark, paths, cancelled=lambda: True)
    assert not list(tmp_path.iterdir()), "nothing starts when cancelled at once"

    finished = []
    with pytest.raises(Cancelled):
        Executor(workers).map(mark, paths, progress=lambda *x: finished.append(x),
                              cancelled=lambda: len(finished) >= 1)
    started = len(list(tmp_path.iterdir()))
    assert started == 1 if workers == 1 else 1 <= started <= 8, started


def test_ctrl_c_in_the_parent_drops_the_runs_not_started_and_workers_ignore_it(tmp_path):
    assert all(Executor(2).map(ignores_ctrl_c, range(4)))
    paths = [str(tmp_path / f"run{k}") for k in range(20)]

    def interrupt(*_):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Executor(2).map(mark, paths, progress=interrupt)
    assert 1 <= len(list(tmp_path.iterdir())) <= 8


@pytest.mark.parametrize("keep", [False, True])
def test_a_killed_local_worker_raises_one_line(keep):
    with pytest.raises(WorkersLost) as exc:
        Executor(2, keep=keep).map(die, range(6))
    assert str(exc.value) == POOL_BROKEN and "\n" not in str(exc.value)
    if keep:  # the kept pool is replaced, so the next comparison runs
        assert Executor(2, keep=True).map(abs, [-1, -2, 3]) == [1, 2, 3]
