"""Experiments on the model: replicates, scenario comparisons, sweeps and sensitivity.

The sweep API is importable from here (loaded on first use):

    from villageaid.experiments import load_spec, run_sweep, load_results
"""

_LAZY = {
    "run_sweep": "sweep", "load_spec": "spec", "parse_spec": "spec", "SweepSpec": "spec",
    "SweepError": "spec", "load_results": "store", "load_timeseries": "store",
    "analyse": "sensitivity",
}

__all__ = sorted(_LAZY)


def __getattr__(name):
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
