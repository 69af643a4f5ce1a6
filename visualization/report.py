"""The console report of a comparison, in English or Chinese (`villageaid compare --lang`).

Scenario means with their 95% intervals; then each scenario's paired difference
from the first, where a difference whose interval includes 0 reads "cannot tell"
and is listed with the number of replicates that would resolve it; then what the
resilience figures are measured against, and how the intervals are built.
"""

from __future__ import annotations

import math
import textwrap

from ..experiments.compare import METRICS, Comparison
from ..sim.outcomes import short_label
from .i18n import metric_label, metric_unit, report_text

# The metrics printed (those with a short heading in sim/outcomes.py; the CSV
# tables hold them all); at most BLOCK of them side by side so the table fits a
# terminal.
REPORT_METRICS = tuple(name for name in METRICS if METRICS[name].short)
BLOCK = 4
WIDTH = 100  # columns of the notes


def format_report(comparison: Comparison, lang: str = "en") -> str:
    """Means with intervals, paired differences ("cannot tell" where unresolved), notes."""
    metrics = [m for m in REPORT_METRICS if m in set(comparison.summary["metric"])]
    n = int(comparison.replicates.replicate.max()) + 1
    lines = [report_text("header", lang, scenarios=len(comparison.scenarios), n=n), "",
             report_text("means", lang)]
    lines += _grid(comparison.summary, comparison.scenarios, metrics, lang,
                   lambda r: _interval(r["mean"], r["low"], r["high"]))
    if len(comparison.scenarios) > 1:
        first = comparison.scenarios[0]
        d = comparison.differences
        lines += ["", report_text("differences", lang, first=first)]
        lines += _grid(d, comparison.scenarios[1:], metrics, lang,
                       lambda r: (_interval(r["diff"], r["paired_low"], r["paired_high"], True)
                                  if r["resolved"] else report_text("cannot_tell", lang)))
        lines += [""] + _unresolved(d[d.metric.isin(metrics)], first, n, lang)
        gain = comparison.pairing_gain()
        ratio = gain["width_ratio"].dropna()
        if len(ratio):
            lines += [""] + _wrap(report_text("pairing", lang, ratio=ratio.median(),
                                              bound=gain["pairing_bound"].median()), lang)
    notes = [report_text("shock_note", lang)] if any(
        m.startswith("resilience_") for m in metrics) else []
    notes += [report_text("intervals", lang), report_text("columns", lang) + ": " + "; ".join(
        f"{short_label(m, lang)} = {metric_label(m, lang)} ({metric_unit(m, lang)})"
        for m in metrics)]
    for note in notes:
        lines += [""] + _wrap(note, lang)
    return "\n".join(lines)


def _wrap(text: str, lang: str, indent: str = "") -> list[str]:
    # Chinese characters take two terminal columns
    width = WIDTH * 3 // 5 if lang == "zh" else WIDTH
    return textwrap.wrap(text, width, subsequent_indent=indent or "", break_on_hyphens=False)


def _unresolved(differences, first: str, n: int, lang: str) -> list[str]:
    rows = differences[~differences["resolved"].astype(bool) & differences["diff"].notna()]
    if rows.empty:
        return _wrap(report_text("all_resolved", lang, n=n), lang)
    lines = _wrap(report_text("unresolved", lang, n=n), lang)
    for _, r in rows.iterrows():
        values = {"scenario": r["scenario"], "first": first,
                  "metric": metric_label(r["metric"], lang),
                  "diff": _number(r["diff"], True, _digits(r["diff"])),
                  "low": _number(r["paired_low"], True, _digits(r["diff"])),
                  "high": _number(r["paired_high"], True, _digits(r["diff"]))}
        needed = r["replicates_needed"]
        if math.isfinite(needed):
            item = report_text("unresolved_item", lang, needed=int(needed), **values)
        else:
            item = report_text("unresolved_never", lang, **values)
        lines += _wrap("  " + item, lang, indent="    ")
    return lines


def _grid(frame, scenarios, metrics, lang, cell) -> list[str]:
    cells = {}
    for sc in scenarios:
        for m in metrics:
            r = frame[(frame.scenario == sc) & (frame.metric == m)]
            cells[sc, m] = cell(r.iloc[0]) if len(r) else ""
    width = max(_width(sc) for sc in scenarios) + 2
    out = []
    for start in range(0, len(metrics), BLOCK):
        block = metrics[start:start + BLOCK]
        labels = [short_label(m, lang) for m in block]
        cols = [2 + max(_width(lab), *(_width(cells[sc, m]) for sc in scenarios))
                for lab, m in zip(labels, block)]
        if start:
            out.append("")
        out.append(" " * width + "".join(_rjust(lab, w) for lab, w in zip(labels, cols)))
        for sc in scenarios:
            out.append(_ljust(sc, width) + "".join(_rjust(cells[sc, m], w)
                                                   for m, w in zip(block, cols)))
    return out


def _width(text: str) -> int:
    """Columns a string takes in a terminal: Chinese characters take two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _rjust(text: str, width: int) -> str:
    return " " * max(0, width - _width(text)) + text


def _ljust(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _digits(x: float) -> int:
    return 0 if abs(x) >= 100 else 1 if abs(x) >= 10 else 3


def _number(x, signed: bool = False, digits: int | None = None) -> str:
    if x != x:
        return "n/a"
    digits = _digits(x) if digits is None else digits
    return f"{x:{'+' if signed else ''}.{digits}f}"


def _interval(value, low, high, signed: bool = False) -> str:
    """'value [low, high]', all three with the value's number of decimals."""
    if value != value:
        return "n/a"
    k = _digits(value)
    if low != low:
        return _number(value, signed, k)
    return f"{_number(value, signed, k)} [{_number(low, signed, k)}, {_number(high, signed, k)}]"


__all__ = ["format_report", "METRICS"]
