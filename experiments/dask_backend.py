"""Running a sweep's runs on a Dask distributed cluster.

Start a scheduler on one machine and workers on the others (docs/guide_sweeps.md):

    dask scheduler --port 8786                                 # machine A
    dask worker tcp://A:8786 --nworkers 8 --nthreads 1         # every machine

then `villageaid sweep SPEC --out DIR --scheduler tcp://A:8786`. Every
worker needs villageaid installed (the same version). Each task is one run,
the same function the local workers call, so the results are the same bit for
bit; the machine running `villageaid sweep` keeps the result store and writes
runs as they come back, so a sweep stopped for any reason resumes as usual.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from itertools import islice

from ..sim.params import ParameterError

ADDRESS = re.compile(r"^(tcp|tls)://[^\s/:]+:\d{1,5}$")
CONNECT_TIMEOUT = "10s"


def connect(scheduler):
    """A distributed.Client for `scheduler` (an address or a Client), and whether
    this module opened it (and so must close it)."""
    from distributed import Client

    if isinstance(scheduler, Client):
        return scheduler, False
    address = str(scheduler)
    if not ADDRESS.match(address):
        raise ParameterError(f"--scheduler: {address!r} is not a scheduler address; expected "
                             "tcp://HOST:PORT (e.g. tcp://10.0.0.5:8786)")
    quiet = logging.getLogger("distributed")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # a failed connection is reported in one line below
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as err:
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise ParameterError(f"--scheduler: cannot reach {address} ({reason}); expected a "
                             "running Dask scheduler (`dask scheduler`) at that address") from None
    finally:
        quiet.setLevel(level)
    return client, True


def describe_cluster(client) -> str:
    workers = client.scheduler_info().get("workers", {})
    threads = sum(w.get("nthreads", 1) for w in workers.values())
    return (f"Dask cluster {client.scheduler.address} ({len(workers)} worker"
            f"{'s' if len(workers) != 1 else ''}, {threads} thread{'s' if threads != 1 else ''})")


def run_on_dask(client, job, tasks, in_flight: int | None = None) -> Iterator:
    """Submit the runs a few at a time per worker thread; yield results as they finish
    (None: a second passed without one, so the caller can write what it holds)."""
    from distributed import wait

    from .sweep import HEARTBEAT_SECONDS, execute

    if not tasks:
        return
    if in_flight is None:
        threads = sum(w.get("nthreads", 1)
                      for w in client.scheduler_info().get("workers", {}).values())
        in_flight = max(8, 4 * threads)
    [shared] = client.scatter([job], broadcast=True)
    pending = iter(tasks)
    running = {client.submit(execute, shared, task, pure=False)
               for task in islice(pending, in_flight)}
    try:
        while running:
            try:
                with client.as_current():  # `wait` looks the client up
                    done, _ = wait(running, timeout=HEARTBEAT_SECONDS,
                                   return_when="FIRST_COMPLETED")
            except TimeoutError:
                yield None
                continue
            for future in done:
                running.discard(future)
                try:
                    result = future.result()
                except ModuleNotFoundError as err:
                    raise ParameterError(
                        f"--scheduler: a worker cannot import {err.name!r}; expected villageaid "
                        "(the same version) installed on every worker") from None
                future.release()
                task = next(pending, None)
                if task is not None:
                    running.add(client.submit(execute, shared, task, pure=False))
                yield result
    finally:
        if running:
            client.cancel(list(running))
