"""Speed and memory of villageaid, measured against Mesa references in the same run.

What is measured (every scenario runs 520 steps = 10 years of weeks):

* villageaid, default village: ``VillageModel(seed=s)`` (1,000 residents), then
  ``model.run(520)``. One warm-up run comes first: it compiles the numba kernel
  (into a fresh, private numba cache, so the compile is always cold) and its
  time is reported separately. Then the best of N repeats (N = 3, 1 with
  ``--quick``), construction and run timed separately.
* Reference 1: Mesa's own VirusOnNetwork example, ``num_nodes=1000``,
  ``model.step()`` 520 times (construction, which computes a spring layout,
  is timed but not compared). Best of N.
* Reference 2: a bare Mesa model whose step is ``model.agents.shuffle_do("step")``
  over 1,000 agents whose step adds one to a counter. Best of N.
* villageaid township: ``VillageModel(seed=0, villages=20, years=10)``
  (20,000 residents), run 520 weeks. Best of N.

Speed is reported as agent-steps per second (agents x steps / run seconds) and,
since wall-clock figures depend on the machine, always also as a ratio to the
references timed in the same run. Peak memory (peak RSS, ``ru_maxrss``) is
measured for each scenario in a fresh subprocess (this script with
``--child SCENARIO``), so that scenarios do not pollute each other (VmHWM on
Linux, see `_maxrss_mib`; ``ru_maxrss`` elsewhere); it is compared with the
peak RSS of the VirusOnNetwork reference.

Targets are printed with the figures and never asserted: the script exits 0
whatever the machine's speed.

Usage:
    python benchmarks/bench_model.py [--quick] [--json PATH]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field

STEPS = 520  # weeks, or steps of the references
REFERENCE_AGENTS = 1000
TOWNSHIP_VILLAGES = 20

TARGET_RATE = 1_000_000  # villageaid agent-steps/s, default village
TARGET_RATIO = 7.0  # villageaid / VirusOnNetwork agent-steps/s
TARGET_TOWNSHIP_S = 15.0  # township construction + 520 weeks
TARGET_TOWNSHIP_GIB = 1.0  # township peak RSS

SCENARIOS = ("village", "virus", "bare", "township")
LABELS = {
    "village": "villageaid default village",
    "virus": "Mesa VirusOnNetwork (ref)",
    "bare": "bare Mesa shuffle_do (ref)",
    "township": f"villageaid township ({TOWNSHIP_VILLAGES} vil.)",
}


# --------------------------------------------------------------- scenarios
# Each builder takes a seed and returns (model, agent count, run function).

def build_village(seed: int):
    from villageaid.sim.model import VillageModel

    model = VillageModel(seed=seed)
    return model, _residents(model), lambda: model.run(STEPS)


def build_township(seed: int):
    from villageaid.sim.model import VillageModel

    model = VillageModel(seed=seed, villages=TOWNSHIP_VILLAGES, years=STEPS // 52)
    return model, _residents(model), lambda: model.run(STEPS)


def _residents(model) -> int:
    """Agents of a village model: the residents living in the village at the start
    (villagers living away, who may come home, are not stepped as residents)."""
    return int(model.population.present.sum())


def build_virus(seed: int):
    from mesa.examples.basic.virus_on_network.model import VirusOnNetwork

    model = VirusOnNetwork(num_nodes=REFERENCE_AGENTS, rng=seed)
    return model, REFERENCE_AGENTS, lambda: _step_n(model, STEPS)


def build_bare(seed: int):
    import mesa

    class Counter(mesa.Agent):
        def __init__(self, model):
            super().__init__(model)
            self.count = 0

        def step(self):
            self.count += 1

    class Bare(mesa.Model):
        def __init__(self, n, rng):
            super().__init__(rng=rng)
            Counter.create_agents(self, n)

        def step(self):
            self.agents.shuffle_do("step")

    model = Bare(REFERENCE_AGENTS, seed)
    return model, REFERENCE_AGENTS, lambda: _step_n(model, STEPS)


BUILDERS = {"village": build_village, "virus": build_virus, "bare": build_bare,
            "township": build_township}


def _step_n(model, n: int) -> None:
    for _ in range(n):
        model.step()


# ---------------------------------------------------------------- timing
@dataclass
class Timing:
    """Construction and run times of one scenario: the best of its repeats."""

    agents: int
    build_s: float
    run_s: float
    repeats: int
    all_run_s: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Agent-steps per second of the fastest run."""
        return self.agents * STEPS / self.run_s


def time_once(scenario: str, seed: int) -> tuple[int, float, float]:
    """Build and run one model; returns (agents, build seconds, run seconds)."""
    gc.collect()
    t0 = time.perf_counter()
    _, agents, run = BUILDERS[scenario](seed)
    t1 = time.perf_counter()
    run()
    t2 = time.perf_counter()
    return agents, t1 - t0, t2 - t1


def time_best(scenario: str, repeats: int, first_seed: int = 1) -> Timing:
    """Best construction and best run time over `repeats` seeds."""
    runs = [time_once(scenario, first_seed + i) for i in range(repeats)]
    return Timing(agents=runs[0][0], build_s=min(r[1] for r in runs),
                  run_s=min(r[2] for r in runs), repeats=repeats,
                  all_run_s=[r[2] for r in runs])


# ---------------------------------------------------------------- memory
def _maxrss_mib() -> float:
    """Peak resident set size of this process so far, in MiB.

    On Linux this is VmHWM from /proc/self/status, the peak of this process's
    own memory map. ``ru_maxrss`` is not used there: across fork/exec the
    kernel carries the parent's peak over into the child's ``ru_maxrss``, so a
    subprocess started by a large parent would report the parent's peak.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 1024  # bytes / KiB


def child(scenario: str) -> None:
    """Run one scenario (build + 520 steps) and print its figures as one JSON line."""
    import mesa  # noqa: F401  (the import baseline includes Mesa ...)
    import numpy  # noqa: F401  (... and numpy, which every scenario loads)

    imports_mib = _maxrss_mib()
    agents, build_s, run_s = time_once(scenario, seed=0)
    print(json.dumps({"scenario": scenario, "agents": agents,
                      "build_s_incl_first_import": build_s,
                      "run_s": run_s, "imports_peak_mib": imports_mib,
                      "peak_rss_mib": _maxrss_mib()}))


def peak_memory(scenario: str) -> dict:
    """Run `scenario` in a fresh interpreter and return what `child` printed."""
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--child", scenario],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------- benchmark
def environment() -> dict:
    import mesa
    import numba
    import numpy

    return {"python": platform.python_version(), "mesa": mesa.__version__,
            "numpy": numpy.__version__, "numba": numba.__version__,
            "machine": platform.machine(), "system": platform.system(),
            "cpus": os.cpu_count(), "date": time.strftime("%Y-%m-%d %H:%M:%S")}


def warm_up() -> dict:
    """The first villageaid run in this process: it compiles the numba kernel."""
    agents, build_s, run_s = time_once("village", seed=0)
    return {"agents": agents, "build_s": build_s, "run_s": run_s}


def benchmark(repeats: int, progress=print) -> dict:
    """All measurements; returns a JSON-ready dict."""
    results = {"steps": STEPS, "repeats": repeats, "environment": environment()}
    progress("warm-up (numba compile) ...")
    results["warm_up"] = warm_up()
    timings = {}
    for scenario in SCENARIOS:
        progress(f"timing {LABELS[scenario]} x{repeats} ...")
        timings[scenario] = time_best(scenario, repeats)
    results["timing"] = {k: asdict(t) | {"agent_steps_per_s": t.rate}
                         for k, t in timings.items()}
    memory = {}
    for scenario in SCENARIOS:
        progress(f"peak memory of {LABELS[scenario]} (subprocess) ...")
        memory[scenario] = peak_memory(scenario)
    results["memory"] = memory
    results["warm_up"]["overhead_s"] = (results["warm_up"]["run_s"]
                                       - timings["village"].run_s)
    results["ratios"] = ratios(timings, memory)
    results["targets"] = targets(timings, memory)
    return results


def ratios(timings: dict[str, Timing], memory: dict) -> dict:
    virus, bare = timings["virus"].rate, timings["bare"].rate
    return {
        "village_vs_virus": timings["village"].rate / virus,
        "village_vs_bare": timings["village"].rate / bare,
        "township_vs_virus": timings["township"].rate / virus,
        "township_vs_bare": timings["township"].rate / bare,
        "village_peak_rss_vs_virus": memory["village"]["peak_rss_mib"]
        / memory["virus"]["peak_rss_mib"],
        "township_peak_rss_vs_virus": memory["township"]["peak_rss_mib"]
        / memory["virus"]["peak_rss_mib"],
    }


def targets(timings: dict[str, Timing], memory: dict) -> dict:
    """Each target: the measured value, the limit, and whether it is met."""
    village, township = timings["village"], timings["township"]
    measured = {
        "village_agent_steps_per_s": (village.rate, ">=", TARGET_RATE),
        "village_vs_virus": (village.rate / timings["virus"].rate, ">=", TARGET_RATIO),
        "township_wall_s": (township.build_s + township.run_s, "<=", TARGET_TOWNSHIP_S),
        "township_peak_rss_gib": (memory["township"]["peak_rss_mib"] / 1024, "<=",
                                  TARGET_TOWNSHIP_GIB),
    }
    return {name: {"value": v, "op": op, "target": t,
                   "met": v >= t if op == ">=" else v <= t}
            for name, (v, op, t) in measured.items()}


# ---------------------------------------------------------------- report
def report(r: dict) -> str:
    env, t, m, x = r["environment"], r["timing"], r["memory"], r["ratios"]
    virus_rate = t["virus"]["agent_steps_per_s"]
    lines = [
        f"villageaid benchmark: {r['steps']} steps, best of {r['repeats']} "
        f"(Python {env['python']}, Mesa {env['mesa']}, numpy {env['numpy']}, "
        f"numba {env['numba']}, {env['cpus']} CPUs)",
        "",
        f"{'scenario':<30}{'agents':>8}{'build s':>9}{'run s':>8}"
        f"{'agent-steps/s':>15}{'x Virus':>9}{'peak RSS':>10}",
    ]
    for s in SCENARIOS:
        lines.append(
            f"{LABELS[s]:<30}{t[s]['agents']:>8,}{t[s]['build_s']:>9.3f}{t[s]['run_s']:>8.3f}"
            f"{t[s]['agent_steps_per_s']:>15,.0f}{t[s]['agent_steps_per_s'] / virus_rate:>8.2f}x"
            f"{m[s]['peak_rss_mib']:>6.0f} MiB")
    w = r["warm_up"]
    lines += [
        "",
        f"warm-up (first run, cold numba compile): build {w['build_s']:.3f} s, "
        f"run {w['run_s']:.3f} s = {w['overhead_s']:.3f} s more than the best run",
        "peak RSS includes the import baseline (Python + Mesa + numpy): "
        + ", ".join(f"{s} {m[s]['imports_peak_mib']:.0f} MiB" for s in SCENARIOS),
        "",
        "ratios (same run):",
        f"  villageaid / VirusOnNetwork      {x['village_vs_virus']:7.2f}x agent-steps/s",
        f"  villageaid / bare shuffle_do     {x['village_vs_bare']:7.2f}x agent-steps/s",
        f"  township   / VirusOnNetwork      {x['township_vs_virus']:7.2f}x agent-steps/s",
        f"  village peak RSS / Virus peak    {x['village_peak_rss_vs_virus']:7.2f}x",
        f"  township peak RSS / Virus peak   {x['township_peak_rss_vs_virus']:7.2f}x",
        "",
        "targets (reported, not asserted):",
    ]
    names = {"village_agent_steps_per_s": ("villageaid agent-steps/s", "{:,.0f}"),
             "village_vs_virus": ("villageaid / VirusOnNetwork", "{:.2f}x"),
             "township_wall_s": ("township build + 520 weeks", "{:.2f} s"),
             "township_peak_rss_gib": ("township peak RSS", "{:.3f} GiB")}
    for key, goal in r["targets"].items():
        label, fmt = names[key]
        lines.append(f"  {label:<30}{fmt.format(goal['value']):>14}   target {goal['op']} "
                     f"{fmt.format(goal['target']):<12}{'met' if goal['met'] else 'NOT MET'}")
    return "\n".join(lines)


# ------------------------------------------------------------------ main
def private_numba_cache() -> tempfile.TemporaryDirectory:
    """Compile numba kernels into a fresh temporary cache (inherited by children).

    This makes the warm-up a true cold compile on every run, keeps the
    benchmark from writing into the source tree, and lets the memory
    subprocesses load the kernel the warm-up compiled instead of compiling it.
    Numba reads the variable when first imported, which happens after this.
    """
    cache = tempfile.TemporaryDirectory(prefix="villageaid-bench-numba-")
    os.environ["NUMBA_CACHE_DIR"] = cache.name
    return cache


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="one repeat per scenario instead of three (smoke check)")
    parser.add_argument("--json", metavar="PATH", help="also write all figures as JSON")
    parser.add_argument("--child", choices=SCENARIOS, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.child:
        child(args.child)
        return 0
    with private_numba_cache():
        results = benchmark(repeats=1 if args.quick else 3,
                            progress=lambda msg: print(msg, file=sys.stderr, flush=True))
    print(report(results))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
