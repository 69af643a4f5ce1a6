"""The result store of a sweep: a folder of Parquet files, written as runs finish.

    DIR/sweep.json                  the spec's fingerprint, the design points, the schema
    DIR/runs/part-XXXX.parquet      one row per run: ids, parameter values, metrics
    DIR/timeseries/part-XXXX.parquet   the main curves every K weeks (when kept)

Runs are written in batches. Each batch is written to a hidden temporary file
and renamed into place, which is atomic: a part file is either complete or
absent, whenever the process is killed. A batch's time-series part is renamed
first and its runs part last, so the runs part is the commit: a time-series
part without its runs twin is left over from a kill and is removed on resume,
as are temporary files. On resume the run ids present are read, and only the
missing runs are run again; each run id is a hash of the design point, its
values, the replicate and the seed, so a run is never stored twice.
"""

from __future__ import annotations

import json
import math
import os
import uuid
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .. import __version__
from ..problems import Problem
from .spec import SweepError

FORMAT = "villageaid-sweep/1"
META = "sweep.json"
RUNS = "runs"
TIMESERIES = "timeseries"
LOCK = ".lock"
ID_COLUMNS = (("run_id", pa.string()), ("point", pa.int64()), ("replicate", pa.int64()),
              ("seed", pa.int64()))


def arrow_type(kind: str) -> pa.DataType:
    return pa.int64() if kind == "int" else pa.float64()


def runs_schema(parameters: list[tuple[str, str]], metrics: list[str]) -> pa.Schema:
    """run_id, point, replicate, seed; each varied parameter (int64 or float64, by its
    kind); each metric (float64, NaN where a metric is undefined for a run)."""
    return pa.schema([*ID_COLUMNS, *((name, arrow_type(kind)) for name, kind in parameters),
                      *((m, pa.float64()) for m in metrics)])


def timeseries_schema(columns: list[str]) -> pa.Schema:
    return pa.schema([*ID_COLUMNS[:3], ("week", pa.int64()),
                      *((c, pa.float64()) for c in columns)])


def runs_table(outputs: list, parameters: list[tuple[str, str]]) -> pa.Table:
    """A batch of run outputs (sweep.RunOutput) as an Arrow table with runs_schema."""
    metrics = list(outputs[0].metrics)
    columns: dict[str, list] = {name: [] for name, _ in ID_COLUMNS}
    for name, _ in parameters:
        columns[name] = []
    for m in metrics:
        columns[m] = []
    for out in outputs:
        if list(out.metrics) != metrics:
            raise RuntimeError(f"run {out.run_id} reports metrics {list(out.metrics)}, "
                               f"others {metrics}")
        columns["run_id"].append(out.run_id)
        columns["point"].append(out.point)
        columns["replicate"].append(out.replicate)
        columns["seed"].append(out.seed)
        for (name, _), value in zip(parameters, out.values):
            columns[name].append(value)
        for m in metrics:
            v = out.metrics[m]
            columns[m].append(math.nan if v is None else float(v))
    schema = runs_schema(parameters, metrics)
    return pa.table({name: pa.array(columns[name], type=schema.field(name).type)
                     for name in schema.names}, schema=schema)


def timeseries_table(outputs: list) -> pa.Table | None:
    kept = [o for o in outputs if o.curves is not None]
    if not kept:
        return None
    columns = [c for c in kept[0].curves if c != "week"]
    schema = timeseries_schema(columns)
    parts: dict[str, list] = {name: [] for name in schema.names}
    for o in kept:
        n = len(o.curves["week"])
        parts["run_id"].append(np.full(n, o.run_id, dtype=object))
        parts["point"].append(np.full(n, o.point, dtype=np.int64))
        parts["replicate"].append(np.full(n, o.replicate, dtype=np.int64))
        parts["week"].append(np.asarray(o.curves["week"], dtype=np.int64))
        for c in columns:
            parts[c].append(np.asarray(o.curves[c], dtype=np.float64))
    return pa.table({name: pa.array(np.concatenate(parts[name]), type=schema.field(name).type)
                     for name in schema.names}, schema=schema)


def _write_atomically(table: pa.Table, final: Path) -> None:
    tmp = final.with_name(f".{final.name}.tmp")
    pq.write_table(table, tmp)
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, final)


class ResultStore:
    """One sweep's folder. `create` starts one, `open` reads an existing one."""

    def __init__(self, root: str | os.PathLike, meta: dict):
        self.root = Path(root)
        self.meta = meta
        self._lock_handle = None

    # ------------------------------------------------------------------ opening
    @staticmethod
    def exists(root: str | os.PathLike) -> bool:
        return (Path(root) / META).is_file()

    @classmethod
    def create(cls, root: str | os.PathLike, meta: dict) -> ResultStore:
        root = Path(root)
        (root / RUNS).mkdir(parents=True, exist_ok=True)
        meta = {"format": FORMAT, "villageaid_version": __version__, **meta}
        tmp = root / f".{META}.tmp"
        tmp.write_text(json.dumps(meta, indent=1) + "\n")
        os.replace(tmp, root / META)
        return cls(root, meta)

    @classmethod
    def open(cls, root: str | os.PathLike) -> ResultStore:
        root = Path(root)
        path = root / META
        if not root.exists():
            raise SweepError([Problem("no_sweep_folder")], str(root))
        if not path.is_file():
            raise SweepError([Problem("not_a_sweep_folder", facts={"file": META})], str(root))
        try:
            meta = json.loads(path.read_text())
        except (OSError, ValueError) as err:
            raise SweepError([Problem("sweep_file_unreadable", META, facts={
                "reason": str(err)})], str(root)) from None
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            raise SweepError([Problem("not_a_sweep_file", META, facts={"format": FORMAT})],
                             str(root))
        return cls(root, meta)

    def lock(self) -> None:
        """Hold the folder for this process; another sweep on it stops with a message.
        The lock goes with the process, however it ends."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            return
        handle = open(self.root / LOCK, "a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise SweepError([Problem("sweep_locked")], str(self.root)) from None
        self._lock_handle = handle

    def unlock(self) -> None:
        if self._lock_handle is not None:
            self._lock_handle.close()
            self._lock_handle = None

    # ------------------------------------------------------------------- parts
    def _parts(self, folder: str) -> list[Path]:
        return sorted((self.root / folder).glob("part-*.parquet"))

    def tidy(self) -> None:
        """Remove what a killed sweep leaves: temporary files, and time-series parts
        whose runs part was never written."""
        for folder in (RUNS, TIMESERIES):
            for tmp in (self.root / folder).glob(".part-*.tmp"):
                tmp.unlink(missing_ok=True)
        committed = {p.name for p in self._parts(RUNS)}
        for part in self._parts(TIMESERIES):
            if part.name not in committed:
                part.unlink(missing_ok=True)

    def run_ids(self) -> set[str]:
        """The run ids already stored."""
        ids: set[str] = set()
        for part in self._parts(RUNS):
            ids.update(self._read(part, columns=["run_id"]).column("run_id").to_pylist())
        return ids

    def _read(self, part: Path, columns=None) -> pa.Table:
        try:
            # one thread: a sweep forks its workers after reading what is stored
            return pq.read_table(part, columns=columns, use_threads=False)
        except (OSError, pa.ArrowException) as err:
            raise SweepError([Problem("part_unreadable", str(part.relative_to(self.root)),
                                      facts={"reason": str(err)})], str(self.root)) from None

    def write_batch(self, runs: pa.Table, timeseries: pa.Table | None = None) -> Path:
        name = f"part-{uuid.uuid4().hex}.parquet"
        if timeseries is not None:
            (self.root / TIMESERIES).mkdir(exist_ok=True)
            _write_atomically(timeseries, self.root / TIMESERIES / name)
        final = self.root / RUNS / name
        _write_atomically(runs, final)
        return final

    # ----------------------------------------------------------------- reading
    def load_runs(self) -> pd.DataFrame:
        parts = [self._read(p) for p in self._parts(RUNS)]
        if not parts:
            schema = runs_schema([(p["name"], p["kind"]) for p in self.meta["parameters"]], [])
            return schema.empty_table().to_pandas()
        table = pa.concat_tables(parts, promote_options="default")
        return _tidy_frame(table.to_pandas(), ["point", "replicate"])

    def load_timeseries(self) -> pd.DataFrame:
        committed = {p.name for p in self._parts(RUNS)}
        parts = [self._read(p) for p in self._parts(TIMESERIES) if p.name in committed]
        if not parts:
            return timeseries_schema([]).empty_table().to_pandas()
        table = pa.concat_tables(parts, promote_options="default")
        return _tidy_frame(table.to_pandas(), ["point", "replicate", "week"],
                           unique=["run_id", "week"])


def _tidy_frame(frame: pd.DataFrame, order: list[str], unique=("run_id",)) -> pd.DataFrame:
    frame = frame.drop_duplicates(subset=list(unique), keep="first")
    return frame.sort_values(order, kind="stable").reset_index(drop=True)


def load_results(root: str | os.PathLike) -> pd.DataFrame:
    """Every run of a sweep folder, one row each, sorted by design point and replicate:
    run_id, point, replicate, seed, the varied parameters, then the metrics."""
    return ResultStore.open(root).load_runs()


def load_timeseries(root: str | os.PathLike) -> pd.DataFrame:
    """The curves a sweep kept (outputs.timeseries_every > 0): one row per run and week."""
    return ResultStore.open(root).load_timeseries()
