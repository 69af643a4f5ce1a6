"""Explore's equity panel: who gets help, by group of elders, in the run so far."""

from __future__ import annotations

import math
from html import escape

import solara

from ...sim.equity import CLAN, ORDERED
from ..i18n import equity_label, tr
from .common import AppState, Explanation


@solara.component
def EquityPanel(app: AppState, lang: str):
    app.frame.value  # noqa: B018  (follows the run week by week)
    table = app.session.equity()
    with solara.Column(gap="4px", classes=["va-equity"]):
        solara.Text(tr("equity", lang), classes=["va-section"])
        if int(table["needs_arisen"].sum()) == 0:
            solara.Text(tr("equity_wait", lang), classes=["va-expl"])
            return
        solara.HTML(tag="div", unsafe_innerHTML=equity_html(table, lang),
                    classes=["va-table"])
        Explanation(tr("equity_expl", lang))


def _share(x) -> str:
    return "–" if x != x else f"{x:.0%}"


def _ratio(x) -> str:
    return "–" if x != x else ("∞" if math.isinf(x) else f"{x:.2f}")


def equity_html(table, lang: str) -> str:
    """The equity table as HTML: every group, except that of the clans only the worst
    and the best are shown; each grouping closes with its ratio (and concentration
    index, for the ordered ones)."""
    head = [tr(k, lang) for k in ("eq_group", "eq_elders", "eq_met", "eq_unmet",
                                  "eq_withdrawn", "eq_lonely")]
    lines = ["<table><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr>"]
    for grouping, rows in table.groupby("grouping", sort=False):
        first = rows.iloc[0]
        shown = rows
        title = equity_label(grouping, lang)
        if grouping == CLAN:
            shown = rows[rows["group"].isin([first["worst_group"], first["best_group"]])]
            title += " " + tr("eq_clans_shown", lang, n=len(rows))
        lines.append(f"<tr><th colspan='6'>{escape(title)}</th></tr>")
        for r in shown.itertuples(index=False):
            cells = [equity_label(r.group, lang), str(r.elders), _share(r.share_met),
                     _share(r.share_unmet), _share(r.share_withdrawn),
                     f"{r.mean_loneliness:.2f}"]
            lines.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
        note = tr("eq_ratio", lang, ratio=_ratio(first["unmet_ratio"]))
        if grouping in ORDERED:
            ci = first["concentration_index"]
            note += "; " + tr("eq_ci", lang, ci="–" if ci != ci else f"{ci:+.2f}")
        lines.append(f"<tr><td colspan='6'><i>{escape(note)}</i></td></tr>")
    lines.append("</table>")
    return "".join(lines)
