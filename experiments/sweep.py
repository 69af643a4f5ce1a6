"""Batch sweeps: every design point of a spec, times its replicates, in parallel,
into a resumable Parquet store.

    from villageaid.experiments import load_spec, run_sweep, load_results
    runs = run_sweep(load_spec("sweep.toml"), out="out/sweep", workers=2)

Replicate i of every design point runs with seed `spec.seed + i`: the model's
named, week-aligned random streams make these common random numbers, so two
points differ in replicate i only through their parameter values. A run's
result depends on nothing but its scenario, values and seed, so the table is
the same bit for bit whether the runs go serially, to local worker processes
or to a Dask cluster (executor.Executor), and in whatever order they finish.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import os
import time
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa

from ..problems import Phrase, Problem
from ..scenarios.scenario import Scenario
from ..sim.params import ParameterError
from .designs import Design, make_design
from .executor import Executor, ProgressBar
from .replicates import run_replicate
from .spec import SweepError, SweepSpec, load_spec, spec_from_data
from .store import META, RUNS, TIMESERIES, ResultStore, runs_schema, runs_table, timeseries_table

DEFAULT_BATCH = 64          # runs per Parquet part
DEFAULT_FLUSH_SECONDS = 10.0  # ... or whatever has finished, at least this often


@dataclass(frozen=True)
class Task:
    run_id: str
    point: int
    replicate: int
    seed: int
    values: tuple


@dataclass(frozen=True)
class Job:
    """What every run of a sweep shares; sent along with each task."""

    scenario: Scenario
    names: tuple[str, ...]
    years: int
    timeseries_every: int


@dataclass
class RunOutput:
    run_id: str
    point: int
    replicate: int
    seed: int
    values: tuple
    metrics: dict
    curves: dict | None = None


def run_id(point: int, names: Iterable[str], values: Iterable, replicate: int,
           seed: int) -> str:
    """A run's key: a hash of its design point (index and values), replicate and seed."""
    text = json.dumps({"point": point, "values": dict(zip(names, values)),
                       "replicate": replicate, "seed": seed}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def make_tasks(spec: SweepSpec, design: Design) -> list[Task]:
    """One task per design point and replicate, point by point."""
    return [Task(run_id(k, design.names, values, i, spec.seed + i), k, i, spec.seed + i,
                 tuple(values))
            for k, values in enumerate(design.points) for i in range(spec.replicates)]


def scenario_at(base: Scenario, names: Iterable[str], values: Iterable) -> Scenario:
    """The base scenario with the point's values: model parameters by name,
    intervention settings as TYPE.SETTING."""
    model, settings = {}, {}
    for name, value in zip(names, values):
        if "." in name:
            kind, key = name.split(".", 1)
            settings.setdefault(kind, {})[key] = value
        else:
            model[name] = value
    scenario = base.with_params(**model) if model else base
    interventions = [(kind, {**s, **settings.get(kind, {})}) for kind, s in base.interventions]
    return dataclasses.replace(scenario, interventions=interventions)


def execute(job: Job, task: Task) -> RunOutput:
    """One run (in a worker): run_replicate on the point's scenario, metrics and curves."""
    scenario = scenario_at(job.scenario, job.names, task.values)
    result = run_replicate(scenario, task.replicate, task.seed, job.years)
    curves = None
    if job.timeseries_every:
        kept = result.curves[result.curves["week"] % job.timeseries_every == 0]
        curves = {c: kept[c].to_numpy() for c in kept.columns}
    return RunOutput(task.run_id, task.point, task.replicate, task.seed, task.values,
                     result.metrics, curves)


def check_points(spec: SweepSpec, design: Design) -> None:
    """Every design point must make a valid village (e.g. shares of elders adding
    up to at most 1); report the first point that does not, before any run."""
    for k, values in enumerate(design.points):
        try:
            scenario_at(spec.scenario, design.names, values).build_interventions()
        except ParameterError as err:
            shown = ", ".join(f"{n} = {v!r}" for n, v in zip(design.names, values))
            raise SweepError([Problem("invalid_design_point", "parameters", facts={
                "point": k, "values": shown, "detail": tuple(err.problems)})],
                spec.source) from None


# ----------------------------------------------------------------------- driver
class _Collector:
    """Gathers finished runs and writes them in batches (or keeps them in memory)."""

    def __init__(self, store: ResultStore | None, parameters, batch: int, flush_seconds: float):
        self.store, self.parameters = store, parameters
        self.batch, self.flush_seconds = batch, flush_seconds
        self.buffer: list[RunOutput] = []
        self.tables: list[pa.Table] = []
        self.written = 0
        self.last = time.monotonic()

    def add(self, output: RunOutput | None = None) -> None:
        """Keep a finished run (None: none finished lately); write when the batch is
        full or flush_seconds have passed since the last write."""
        if output is not None:
            self.buffer.append(output)
        if (len(self.buffer) >= self.batch
                or time.monotonic() - self.last >= self.flush_seconds):
            self.flush()

    def flush(self) -> None:
        self.last = time.monotonic()
        if not self.buffer:
            return
        runs = runs_table(self.buffer, self.parameters)
        if self.store is not None:
            self.store.write_batch(runs, timeseries_table(self.buffer))
        else:
            self.tables.append(runs)
        self.written += len(self.buffer)
        self.buffer = []

    def frame(self) -> pd.DataFrame:
        if self.store is not None:
            return self.store.load_runs()
        if not self.tables:
            return runs_schema(self.parameters, []).empty_table().to_pandas()
        table = pa.concat_tables(self.tables)
        frame = table.to_pandas()
        return frame.sort_values(["point", "replicate"], kind="stable").reset_index(drop=True)


def as_spec(spec) -> SweepSpec:
    if isinstance(spec, SweepSpec):
        return spec
    if isinstance(spec, dict):
        return spec_from_data(spec)
    return load_spec(spec)


def _meta(spec: SweepSpec, design: Design) -> dict:
    return {
        "name": spec.name,
        "description": spec.description,
        "source": spec.source,
        "fingerprint": spec.fingerprint(),
        "parameters": [{"name": p.name, "kind": p.kind.__name__, "low": p.param.low,
                        "high": p.param.high, "unit": p.param.unit} for p in spec.parameters],
        "design": design.as_dict(),
        "replicates": spec.replicates,
        "seed": spec.seed,
        "total_runs": spec.total_runs,
    }


def open_store(spec: SweepSpec, out: str | os.PathLike, resume: bool) -> tuple[ResultStore, Design]:
    """The folder's store and design: a new one, or (resume) the one a spec began."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise SweepError([Problem("sweep_out_is_file")], str(out))
    if ResultStore.exists(out):
        store = ResultStore.open(out)
        if not resume:
            done = len(store.run_ids())
            raise SweepError([Problem("sweep_exists", facts={
                "done": done, "total": store.meta.get("total_runs", "?")})], str(out))
        if store.meta.get("fingerprint") != json.loads(json.dumps(spec.fingerprint())):
            stored = store.meta.get("fingerprint") or {}
            changed = [k for k, v in json.loads(json.dumps(spec.fingerprint())).items()
                       if stored.get(k) != v]
            raise SweepError([Problem("different_spec", facts={
                "changed": ", ".join(changed) or Phrase("spec_format")})], str(out))
        store.lock()
        store.tidy()
        return store, Design.from_dict(store.meta["design"])
    if resume:  # resuming nothing would silently run the whole sweep somewhere new
        code = "no_sweep_to_resume" if out.exists() else "no_folder_to_resume"
        raise SweepError([Problem(code)], str(out))
    if out.exists() and not _fresh(out):
        raise SweepError([Problem("folder_not_empty")], str(out))
    design = make_design(spec)
    check_points(spec, design)
    store = ResultStore.create(out, _meta(spec, design))
    store.lock()
    return store, design


def _fresh(out: Path) -> bool:
    """Empty, or holding only what a sweep killed before its first write leaves."""
    leftovers = {".lock", f".{META}.tmp", RUNS, TIMESERIES}
    return all(p.name in leftovers and not (p.is_dir() and any(p.iterdir()))
               for p in out.iterdir())


def run_sweep(spec, out: str | os.PathLike | None = None, *, workers: int | None = None,
              scheduler=None, resume: bool = False, progress: bool = False,
              batch: int = DEFAULT_BATCH, flush_seconds: float = DEFAULT_FLUSH_SECONDS,
              on_start=None, worker_wait: float | None = None) -> pd.DataFrame:
    """Run a sweep; return one row per run (see store.runs_schema), sorted by point
    and replicate.

    Args:
        spec: a SweepSpec, a spec file path, or a spec as a dict (parsed TOML).
        out: folder for the Parquet store (written as runs finish); None keeps the
            runs in memory only (and drops any time series).
        workers: local worker processes (default: one per core, at most 8); 1 runs
            in this process.
        scheduler: a Dask scheduler address ("tcp://host:8786") or a
            distributed.Client; the runs then go to that cluster.
        resume: finish the sweep already in `out`, running only missing runs.
        progress: show a progress bar (runs done, rate, time left).
        batch, flush_seconds: runs per Parquet part, and the longest wait
            between writes.
        on_start: called with (spec, total, done, workers_text) before running.
        worker_wait: with a scheduler, the seconds to wait while no worker is
            connected (default dask_backend.WORKER_WAIT_SECONDS).

    The runs go through executor.Executor (here, local workers or Dask).

    Raises WorkersLost when the workers are gone before every run finished
    (a local worker process killed, no Dask worker for worker_wait seconds); the
    runs that finished are in the store, and resume=True finishes the sweep.
    """
    spec = as_spec(spec)
    # a Dask scheduler is reached before anything is written
    executor = Executor(workers, scheduler=scheduler, worker_wait=worker_wait)
    store = None
    try:
        if out is not None:
            store, design = open_store(spec, out, resume)
        else:
            design = make_design(spec)
            check_points(spec, design)
        tasks = make_tasks(spec, design)
        done = store.run_ids() if store is not None else set()
        todo = [t for t in tasks if t.run_id not in done]
        parameters = [(p.name, p.kind.__name__) for p in spec.parameters]
        job = Job(spec.scenario, design.names, spec.years, spec.timeseries_every)
        collector = _Collector(store, parameters, max(1, batch), flush_seconds)
        if on_start is not None:
            on_start(spec, len(tasks), len(tasks) - len(todo), executor.where(len(todo)))
        bar = ProgressBar(len(tasks), spec.name, len(tasks) - len(todo)) if progress else None
        try:
            results = executor.run(execute, todo, shared=job, progress=bar, idle=collector.add)
            with closing(results):
                for _, output in results:
                    collector.add(output)
        finally:
            collector.flush()  # keep what finished, however the loop ends
            if bar is not None:
                bar.close()
        return collector.frame()
    finally:
        if store is not None:
            store.unlock()
        executor.close()


def rate_per_minute(runs: int, seconds: float) -> float:
    return runs / seconds * 60.0 if seconds > 0 else math.inf
