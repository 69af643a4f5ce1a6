"""The executor's Dask half: running tasks on a Dask distributed cluster.

Start a scheduler on one machine and workers on the others (docs/guide_sweeps.md):

    dask scheduler --port 8786                                 # machine A
    dask worker tcp://A:8786 --nworkers 8 --nthreads 1         # every machine

then `villageaid sweep SPEC --out DIR --scheduler tcp://A:8786`. Every
worker needs villageaid installed (the same version). Each task is one run,
the same function the local workers call, so the results are the same bit for
bit; the machine running `villageaid sweep` keeps the result store and writes
runs as they come back, so a sweep stopped for any reason resumes as usual.
Used through executor.Executor(scheduler=...).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from concurrent.futures import CancelledError

from ..problems import Problem
from ..sim.params import ParameterError
from .executor import WorkersLost

ADDRESS = re.compile(r"^(tcp|tls)://[^\s/:]+:\d{1,5}$")
CONNECT_TIMEOUT = "10s"
# How long a sweep waits with no worker connected (none started yet, or all lost)
# before it stops; workers that join within it simply go on with the sweep.
WORKER_WAIT_SECONDS = 30.0
HEARTBEAT_SECONDS = 1.0  # a quiet wait this long yields None (and asks for workers)


def connect(scheduler):
    """A distributed.Client for `scheduler` (an address or a Client), and whether
    this module opened it (and so must close it)."""
    from distributed import Client

    if isinstance(scheduler, Client):
        return scheduler, False
    address = str(scheduler)
    if not ADDRESS.match(address):
        raise ParameterError([Problem("not_a_scheduler_address", "--scheduler", address,
                                      shown=repr(address))])
    quiet = logging.getLogger("distributed")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # a failed connection is reported in one line below
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as err:
        raise ParameterError([Problem("cannot_reach_scheduler", "--scheduler", facts={
            "address": address, "reason": _reason(err)})]) from None
    finally:
        quiet.setLevel(level)
    return client, True


def describe_cluster(client) -> str:
    workers = client.scheduler_info().get("workers", {})
    threads = sum(w.get("nthreads", 1) for w in workers.values())
    return (f"Dask cluster {client.scheduler.address} ({len(workers)} worker"
            f"{'s' if len(workers) != 1 else ''}, {threads} thread{'s' if threads != 1 else ''})")


def _keep(value):
    return value


def run_on_dask(client, fn, tasks, args: tuple = (), in_flight: int | None = None,
                worker_wait: float | None = None) -> Iterator:
    """Submit `fn(*args, task)` a few at a time per worker thread; yield (index, result)
    as runs finish (None: a second passed without one, so the caller can write what
    it holds).

    Raises WorkersLost when no worker is connected for `worker_wait` seconds (none
    joined, or all left; default WORKER_WAIT_SECONDS), when runs keep killing their
    workers, or when the scheduler goes away; the runs already yielded are the
    caller's to keep.
    """
    from distributed import wait

    worker_wait = WORKER_WAIT_SECONDS if worker_wait is None else worker_wait
    if not tasks:
        return
    address = client.scheduler.address
    # What the tasks share as a task, not scattered data: the scheduler keeps how to
    # make it, so when every worker holding it is gone, workers that join later make
    # it again and go on (scattered data would be lost, and the runs with it).
    shared = [client.submit(_keep, a, pure=False) for a in args]
    pending = iter(enumerate(tasks))
    running: dict = {}

    cap = in_flight or max(8, 4 * _threads(client, address))

    def top_up() -> None:
        while len(running) < cap and (item := next(pending, None)) is not None:
            running[client.submit(fn, *shared, item[1], pure=False)] = item[0]

    top_up()
    alone_since = None  # since when the scheduler has had no worker
    had_workers = False
    try:
        while running:
            try:
                with client.as_current():  # `wait` looks the client up
                    done, _ = wait(list(running), timeout=HEARTBEAT_SECONDS,
                                   return_when="FIRST_COMPLETED")
            except TimeoutError:
                done = set()
            except CancelledError:
                raise WorkersLost(_cancelled(address)) from None
            if done:
                alone_since = None
                had_workers = True
            else:  # a quiet second: are there workers at all? (workers may have joined)
                threads = _threads(client, address)
                had_workers |= threads > 0
                alone_since = None if threads else alone_since or time.monotonic()
                if alone_since is not None and time.monotonic() - alone_since >= worker_wait:
                    code = "dask_workers_left" if had_workers else "no_dask_workers"
                    raise WorkersLost(Problem(code, facts={"address": address,
                                                           "seconds": worker_wait}))
                if in_flight is None:  # keep workers that joined since busy too
                    cap = max(cap, 4 * threads)
                top_up()
                yield None
                continue
            for future in sorted(done, key=running.get):
                k = running.pop(future)
                yield k, _result(future, address)
                future.release()
            top_up()
    finally:
        if running:
            client.cancel(list(running))
        for future in shared:
            future.release()


def _threads(client, address: str) -> int:
    """Worker threads connected to the scheduler now."""
    try:
        return sum(client.nthreads().values())
    except OSError as err:
        raise WorkersLost(_scheduler_lost(address, err)) from None


def _result(future, address: str):
    """A finished run's output; a lost run raises WorkersLost in plain words."""
    from distributed import KilledWorker

    try:
        return future.result()
    except ModuleNotFoundError as err:
        raise ParameterError([Problem("worker_cannot_import", "--scheduler", facts={
            "module": repr(err.name)})]) from None
    except KilledWorker:
        raise WorkersLost(Problem("dask_worker_killed")) from None
    except CancelledError:
        raise WorkersLost(_cancelled(address)) from None
    except OSError as err:
        raise WorkersLost(_scheduler_lost(address, err)) from None


def _cancelled(address: str) -> Problem:
    return Problem("dask_runs_cancelled", facts={"address": address})


def _scheduler_lost(address: str, err: BaseException) -> Problem:
    return Problem("dask_scheduler_lost", facts={"address": address, "reason": _reason(err)})


def _reason(err: BaseException) -> str:
    return str(err).splitlines()[0] if str(err) else type(err).__name__
