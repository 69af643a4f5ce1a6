"""Where runs happen: the one place that starts worker processes.

An Executor runs tasks, `fn(task)` (or `fn(shared, task)`, with what every task
shares), in one of three places:

* here, one after another: one worker, or a single task;
* on local worker processes: started for the call (forked where the platform
  has fork, so they start in milliseconds with the model imported and scripts
  need no `if __name__ == "__main__"` guard) and ended with it; or, with
  `keep=True`, a pool kept for the life of the process and reused (the
  dashboard's), whose workers come from a forkserver (forking a server that runs
  threads is not safe) and end with the process, even when it is killed;
* on a Dask cluster (`scheduler=`, see dask_backend).

`run` yields `(index, result)` as runs finish, `index` being the task's place
in the list, so a caller that wants task order puts each result back in place
(`map` does). A result depends only on its task, so it is the same bit for bit
wherever it ran. Callbacks:

* progress(done, total, index) after each run;
* cancelled() between runs and while waiting: when it says yes, the runs not
  started are dropped and Cancelled is raised;
* idle() when no run finished for a while (about TICK_SECONDS locally, a
  second on Dask), so a caller can write what it holds.

Ctrl-C, which the terminal sends to the whole process group, is left to the
parent: workers ignore it, and the parent drops the runs not started, waits for
the running ones and raises KeyboardInterrupt. A worker process that dies
(killed, out of memory) or a Dask cluster whose workers are gone raises
WorkersLost with a one-line message.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import closing
from typing import Any

from ..problems import Problem

IN_FLIGHT_PER_WORKER = 4  # tasks queued ahead per worker
TICK_SECONDS = 0.2        # how often cancelled() and idle() are asked while runs go on
# imported once by the forkserver, so that each kept worker starts with the model loaded
PRELOAD = ["villageaid.experiments.replicates"]

POOL_BROKEN_PROBLEM = Problem("pool_broken")
POOL_BROKEN = str(POOL_BROKEN_PROBLEM)  # its English line

Progress = Callable[[int, int, int], None]


class WorkersLost(RuntimeError):
    """The workers running the runs are gone (a worker process killed, every Dask worker
    left): the runs stopped before all finished. `problem` says what happened (a
    Problem record); `str()` is its English line and `lines(lang)` words it in another
    language."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.problems = [problem]
        super().__init__(str(problem))

    def lines(self, lang: str = "en", glossary=None) -> list[str]:
        return [self.problem.render(lang, glossary)]

    def __reduce__(self):
        return (WorkersLost, (self.problem,))


class Cancelled(Exception):
    """cancelled() said yes: the runs not started were dropped; no result."""


def default_workers() -> int:
    """One worker per core, at most 8."""
    return max(1, min(os.cpu_count() or 1, 8))


class Executor:
    """Runs tasks here (workers=1), on local worker processes, or on a Dask cluster.

    Args:
        workers: local worker processes (default: one per core, at most 8); 1 runs
            the tasks in this process. Not used with a scheduler.
        scheduler: a Dask scheduler address ("tcp://host:8786") or a
            distributed.Client; connected at once (a bad address raises here).
        keep: run on the process's long-lived worker pool instead of workers
            started for each call.
        worker_wait: with a scheduler, how long to wait while no worker is
            connected (default dask_backend.WORKER_WAIT_SECONDS).
    """

    def __init__(self, workers: int | None = None, *, scheduler=None, keep: bool = False,
                 worker_wait: float | None = None):
        self.workers = default_workers() if workers is None else max(1, int(workers))
        self.keep = keep
        self.worker_wait = worker_wait
        self.client, self._owned = None, False
        if scheduler is not None:
            from .dask_backend import connect

            self.client, self._owned = connect(scheduler)

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Close the Dask client this executor opened (a kept pool stays for later)."""
        if self._owned:
            self.client.close()
            self._owned = False

    def where(self, tasks: int) -> str:
        """Where `tasks` tasks would run, in words ("2 local workers")."""
        if self.client is not None:
            from .dask_backend import describe_cluster

            return describe_cluster(self.client)
        return f"{self.workers} local workers" if self._local(tasks) else "1 process"

    def _local(self, tasks: int) -> bool:
        return self.client is None and self.workers > 1 and tasks > 1

    def run(self, fn: Callable, tasks: Iterable, *, shared: Any = None,
            progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
            idle: Callable[[], None] | None = None) -> Iterator[tuple[int, Any]]:
        """Run `fn(task)` for every task (`fn(shared, task)` when `shared` is given);
        yield `(index, result)` as each finishes. `fn` must be a module-level function
        (workers import it by name)."""
        tasks = list(tasks)
        args = () if shared is None else (shared,)
        stop = cancelled or (lambda: False)
        if stop():
            raise Cancelled()
        if self.client is not None:
            from .dask_backend import run_on_dask

            source = run_on_dask(self.client, fn, tasks, args, worker_wait=self.worker_wait)
        elif self._local(len(tasks)):
            source = (_on_kept_pool if self.keep else _on_new_pool)(fn, args, tasks,
                                                                 self.workers)
        else:
            source = ((k, fn(*args, task)) for k, task in enumerate(tasks))
        done = 0
        with closing(source):  # however the caller stops, runs not started are dropped
            for item in source:
                if item is None:
                    if idle is not None:
                        idle()
                else:
                    done += 1
                    if progress is not None:
                        progress(done, len(tasks), item[0])
                    yield item
                if done < len(tasks) and stop():
                    raise Cancelled()

    def map(self, fn: Callable, tasks: Iterable, **callbacks) -> list:
        """`run`'s results in task order."""
        tasks = list(tasks)
        results: list = [None] * len(tasks)
        for k, result in self.run(fn, tasks, **callbacks):
            results[k] = result
        return results


# ------------------------------------------------------------------ local workers
def _on_pool(pool: ProcessPoolExecutor, submit: Callable, tasks: list, workers: int
             ) -> Iterator[tuple[int, Any] | None]:
    """Feed `pool` a few tasks ahead per worker; yield (index, result) as they finish,
    None after a quiet tick."""
    pending = iter(enumerate(tasks))
    running: dict = {}

    def top_up() -> None:
        while len(running) < workers * IN_FLIGHT_PER_WORKER:
            item = next(pending, None)
            if item is None:
                return
            running[submit(item[1])] = item[0]

    try:
        top_up()
        while running:
            done, _ = wait(running, timeout=TICK_SECONDS, return_when=FIRST_COMPLETED)
            if not done:
                yield None
            for future in sorted(done, key=running.get):
                k = running.pop(future)
                yield k, future.result()
            top_up()
    except BrokenProcessPool:
        raise WorkersLost(POOL_BROKEN_PROBLEM) from None
    finally:
        for future in running:  # runs not started; running ones finish
            future.cancel()


_ARGS: tuple = ()


def _start_worker(fn: Callable, args: tuple) -> None:
    """In each worker of a pool started for one call: keep what every task shares
    (so a task carries only its own data), and leave Ctrl-C to the parent."""
    global _ARGS
    _ARGS = (fn, *args)
    leave_interrupts_to_parent()


def _call_here(task):
    fn, *args = _ARGS
    return fn(*args, task)


def _on_new_pool(fn, args, tasks, workers):
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_fork_context(),
                               initializer=_start_worker, initargs=(fn, args))
    try:
        yield from _on_pool(pool, lambda task: pool.submit(_call_here, task), tasks, workers)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _on_kept_pool(fn, args, tasks, workers):
    pool = long_lived_pool(workers)
    try:
        yield from _on_pool(pool, lambda task: pool.submit(fn, *args, task), tasks, workers)
    except WorkersLost:
        _forget(pool)  # the next call starts a new one
        raise


def _fork_context():
    """Fork where the platform has it; elsewhere, spawn."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


_KEPT: ProcessPoolExecutor | None = None
_KEPT_WORKERS = 0
_KEPT_LOCK = threading.Lock()


def long_lived_pool(workers: int) -> ProcessPoolExecutor:
    """The process's kept worker pool, started on first use and reused (a new one when
    the number of workers changes); its workers end when this process ends."""
    global _KEPT, _KEPT_WORKERS
    with _KEPT_LOCK:
        if _KEPT is None or _KEPT_WORKERS != workers:
            if _KEPT is not None:
                _KEPT.shutdown(wait=False, cancel_futures=True)
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context(
                "forkserver" if "forkserver" in methods else "spawn")
            if context.get_start_method() == "forkserver":
                context.set_forkserver_preload(PRELOAD)
            _KEPT = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                        initializer=_start_kept_worker)
            _KEPT_WORKERS = workers
        return _KEPT


def _forget(pool: ProcessPoolExecutor) -> None:
    global _KEPT
    with _KEPT_LOCK:
        if _KEPT is pool:
            _KEPT = None
    pool.shutdown(wait=False, cancel_futures=True)


def _start_kept_worker() -> None:
    leave_interrupts_to_parent()
    exit_with_parent()


def leave_interrupts_to_parent() -> None:
    """In a worker: ignore Ctrl-C, which the terminal sends to the whole process group;
    the parent stops the runs and reports it once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def exit_with_parent() -> None:
    """In a long-lived worker: end it when the process that started it ends, even when
    that one is killed. A pool worker waits on its task queue, whose pipe it holds
    both ends of, so without this it would wait forever once its parent is gone (and
    keep a forkserver alive)."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch():
        parent.join()
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


# ------------------------------------------------------------------ progress bar
class ProgressBar:
    """A progress callback that draws a bar on stderr: runs done, rate, time left."""

    def __init__(self, total: int, desc: str, initial: int = 0):
        from tqdm import tqdm

        tqdm.monitor_interval = 0  # no monitor thread: forking copies threads
        self._bar = tqdm(total=total, initial=initial, unit="run", desc=desc,
                         dynamic_ncols=True, smoothing=0.05, file=sys.stderr)

    def __call__(self, done: int, total: int, index: int) -> None:
        self._bar.update(1)

    def close(self) -> None:
        self._bar.close()
