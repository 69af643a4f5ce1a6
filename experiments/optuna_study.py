"""What the project's Optuna studies share (`villageaid calibrate`, `villageaid advise`):
Optuna quiet, trials a killed process left running closed, and the loop that runs
the trials not finished yet through the project's executor with a progress bar."""

from __future__ import annotations

import contextlib

from .executor import Cancelled, Executor, ProgressBar


def quiet_optuna():
    """Optuna, quiet: its per-trial log lines would interleave with the progress bar."""
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    return optuna


def close_interrupted(study) -> None:
    """Trials a killed process left running are marked failed: not finished, so they
    are run again (their slot in the sequence is the next finished trial's)."""
    from optuna.trial import TrialState

    for trial in study.get_trials(deepcopy=False, states=(TrialState.RUNNING,)):
        study.tell(trial.number, state=TrialState.FAIL)


def run_remaining(study, spec, job, run_trial, *, done: int, label: str, workers,
                  progress: bool, on_start=None, executor: Executor | None = None,
                  on_trial=None, cancelled=None) -> None:
    """Run trials done .. spec.trials - 1 with `run_trial(study, spec, job, executor,
    index, bar)`, the replicates of each through `executor` (default: a new one with
    `workers` local processes); `on_start(spec, done, where)` is called before the
    first, `on_trial(index, trials)` before each, and Cancelled is raised between
    trials once `cancelled()` says so."""
    with contextlib.ExitStack() as stack:
        if executor is None:
            executor = stack.enter_context(Executor(workers))
        if on_start is not None:
            on_start(spec, done, executor.where(spec.replicates))
        total = max(spec.trials, done) * spec.replicates
        bar = ProgressBar(total, label, done * spec.replicates) if progress else None
        try:
            for index in range(done, spec.trials):
                if cancelled is not None and cancelled():
                    raise Cancelled()
                if on_trial is not None:
                    on_trial(index, spec.trials)
                run_trial(study, spec, job, executor, index, bar)
        finally:
            if bar is not None:
                bar.close()
