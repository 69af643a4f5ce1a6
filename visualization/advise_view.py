"""What the dashboard's Advise page runs: a small `villageaid advise` study in the
background, with progress and cancel, into a folder the brief is written from.

The study is the command's own (experiments/advise.py: the same NSGA-II trials,
the same futures, the same files), run in this process so the page can report
progress before each trial and stop between trials when asked.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from ..experiments.advise import run_advise
from ..experiments.advise_spec import AdviseSpec
from .advise_figure import plot_advice
from .robustness_report import plot_robustness

# The page's bounds: a search that finishes in a minute or two on a laptop.
LIMITS = {"budget": (1_000, 1_000_000), "years": (1, 5), "trials": (4, 40),
          "replicates": (1, 4), "residents": (100, 1000), "futures": (0, 24)}
DEFAULTS = {"budget": 75_000, "years": 2, "trials": 12, "replicates": 2, "residents": 400,
            "futures": 8, "seed": 0}


def run_study(spec: AdviseSpec, progress: Callable[[str, int, int], None],
              cancelled: Callable[[], bool], folder: Path | None = None, lang: str = "en"):
    """Run the study into a new folder; return (Advice, folder). `progress(stage, done,
    total)` before each trial ("search") and once for the futures ("futures");
    Cancelled between trials when `cancelled()` says so. The figures are drawn in
    `lang`."""
    folder = Path(folder or tempfile.mkdtemp(prefix="villageaid-advise-")) / "advise"
    advice = run_advise(spec, folder, workers=1, on_stage=progress, cancelled=cancelled)
    plot_advice(advice, folder / "pareto.png", lang)
    plot_robustness(advice, folder / "robustness.png", lang)
    return advice, folder


def brief_pdf(folder: Path, lang: str) -> bytes:
    """The folder's policy brief as PDF bytes (written into the folder first)."""
    from .brief import write_brief

    return Path(write_brief(Path(folder), lang)["pdf"]).read_bytes()


def comparison_brief_pdf(comparison, lang: str) -> bytes:
    """A comparison's policy brief as PDF bytes: the comparison saved as `villageaid
    compare` saves it, in a scratch folder, and written up by `villageaid brief`."""
    from .compare_figure import plot_comparison

    with tempfile.TemporaryDirectory(prefix="villageaid-brief-") as tmp:
        folder = Path(tmp) / "compare"
        comparison.save(folder)
        plot_comparison(comparison, folder / "comparison.png", lang)
        return brief_pdf(folder, lang)
