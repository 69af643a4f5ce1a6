"""The Explore page's live charts: the village network, the curves and the timeline.

Every step of the model redraws these, so they are built for speed with
matplotlib's blitting: each chart draws its static parts (axes, ticks,
titles, legends, the ties as they were, shaded shock weeks) once into a
background, and a frame only restores that background, draws the artists
that change (dots, curves, the "now" line) on top and encodes a PNG. The
background is redrawn only when something static changes (the y range
grows, residents leave, a shock is added). `benchmarks/bench_dashboard.py`
times one step plus this redraw on the default village.

The PNG bytes of a frame are also what the Exports download.
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
from matplotlib.collections import LineCollection, PolyCollection  # noqa: E402
from matplotlib.colors import Normalize, to_rgba  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from ..agents.resident import ElderState  # noqa: E402
from ..sim.committee import WEEKS_PER_YEAR  # noqa: E402
from ..sim.population import CHANNELS  # noqa: E402
from ..sim.ties import ACQUAINTANCE, HOUSEHOLD, KIN, NEIGHBOUR  # noqa: E402
from .figures import CHANNEL_COLOURS, SMOOTH_WEEKS  # noqa: E402
from .canvas import Blit, nice_ceiling  # noqa: E402
from .i18n import CHANNEL_TEXT, STATE_TEXT, intervention_title, pick, shock_title, tr  # noqa: E402
from .layout import village_key, village_layout  # noqa: E402

STATE_COLOURS = {
    ElderState.ENGAGED: "#3182bd",
    ElderState.HELPER: "#31a354",
    ElderState.LONELY: "#fd8d3c",
    ElderState.WITHDRAWN: "#636363",
}
STATE_CODES = list(STATE_COLOURS)
BURNOUT_CMAP = "YlOrRd"
UNMET_COLOUR = "#de2d26"
SHOCK_COLOUR = "#de2d26"
OTHER_COLOUR = "#cfcfcf"
USED_TIE_COLOUR = "#2ca25f"
TIE_ALPHA = {HOUSEHOLD: 0.35, KIN: 0.35, NEIGHBOUR: 0.22, ACQUAINTANCE: 0.10}
NEEDS_HEADROOM = 1.35  # room above the stacked needs for the legend
MAX_NODES = 2500  # larger villages are drawn as a seeded sample of residents

# --------------------------------------------------------------------- network
class NetworkChart(Blit):
    """Residents at their fixed village positions; elders by state, volunteers by burnout."""

    def __init__(self, model, lang: str):
        super().__init__((6.0, 6.0), lang)
        pop = model.population
        self.pos = village_layout(model)
        n = pop.size
        if n > MAX_NODES:
            rng = np.random.default_rng([int(model.seed), 0x5A3])
            self.shown = np.zeros(n, bool)
            self.shown[rng.choice(n, MAX_NODES, replace=False)] = True
        else:
            self.shown = np.ones(n, bool)
        self.n_total = n
        self.n_elders = model.n_elders
        self.norm = Normalize(0.0, 1.0)
        with self.rc():
            self.ax = self.fig.add_axes([0.0, 0.1, 1.0, 0.9])
            self.ax.set_axis_off()
            self.ax.set_aspect("equal")
            lo, hi = self.pos.min(axis=0), self.pos.max(axis=0)
            pad = 0.04 * max(hi - lo)
            self.ax.set_xlim(lo[0] - pad, hi[0] + pad)
            self.ax.set_ylim(lo[1] - pad, hi[1] + pad)
            self.ties = self.ax.add_collection(LineCollection([], linewidths=0.35))
            self.new_ties = self.animate(self.ax.add_collection(
                LineCollection([], linewidths=0.35, colors=[(0.4, 0.4, 0.4, 0.25)])))
            self.used = self.animate(self.ax.add_collection(
                LineCollection([], linewidths=0.7, colors=[to_rgba(USED_TIE_COLOUR, 0.55)])))
            size = 16 if n <= 1200 else 7
            self.others = self.animate(self.ax.scatter([], [], s=size * 0.45, c=OTHER_COLOUR,
                                                       marker="o", linewidths=0))
            self.volunteers = self.animate(self.ax.scatter(
                [], [], s=size * 1.1, marker="s", edgecolors="#555555", linewidths=0.3))
            self.volunteers.set_cmap(BURNOUT_CMAP)
            self.volunteers.set_norm(self.norm)
            self.elders = self.animate(self.ax.scatter([], [], s=size * 1.4, marker="o",
                                                       linewidths=0.9))
            self.note = self.ax.text(0.01, 0.99, "", transform=self.ax.transAxes,
                                     va="top", fontsize=8, color="#333333")
            self.title = self.fig.text(0.5, 0.995, tr("chart_network", lang), ha="center",
                                       va="top", fontsize=11)
            handles = [Line2D([], [], marker="o", ls="", color=STATE_COLOURS[s],
                              label=pick(STATE_TEXT[s.value], lang)) for s in STATE_CODES]
            handles += [Line2D([], [], marker="s", ls="", color="#fd8d3c", mec="#555555",
                               label=tr("working_volunteer", lang)),
                        Line2D([], [], marker="o", ls="", color=OTHER_COLOUR,
                               label=tr("other_residents", lang)),
                        Line2D([], [], color=USED_TIE_COLOUR, lw=1.2,
                               label=tr("ind_ties_used", lang))]
            self.fig.legend(handles=handles, loc="lower left", ncol=2, frameon=False,
                            fontsize=7.5, bbox_to_anchor=(0.0, 0.0))
            cax = self.fig.add_axes([0.72, 0.045, 0.25, 0.018])
            cbar = self.fig.colorbar(
                matplotlib.cm.ScalarMappable(norm=self.norm, cmap=BURNOUT_CMAP), cax=cax,
                orientation="horizontal")
            cbar.set_ticks([0, 0.7, 1.0])
            cbar.ax.tick_params(labelsize=7)
            cax.set_title(tr("volunteer_burnout", lang), fontsize=7.5)
        self._bg_keys = None
        self._bg_present = None

    def restart(self) -> None:
        """A new model of the same village: redraw the ties from scratch next frame."""
        self._bg_present = None

    def _rebuild_ties(self, model) -> None:
        t, pop = model.ties, model.population
        keep = self.shown[t.a] & self.shown[t.b] & pop.present[t.a] & pop.present[t.b]
        a, b, kind = t.a[keep], t.b[keep], t.kind[keep]
        self.ties.set_segments(np.stack([self.pos[a], self.pos[b]], axis=1))
        alpha = np.array([TIE_ALPHA[k] for k in range(4)])[kind]
        colours = np.zeros((len(a), 4))
        colours[:, :3] = 0.45
        colours[:, 3] = alpha
        self.ties.set_color(colours)
        self._bg_keys = np.sort(t.a * t.n + t.b)
        self._bg_present = pop.present.copy()
        self.invalidate()

    def update(self, model) -> None:
        pop, t = model.population, model.ties
        if self._bg_present is None or not np.array_equal(self._bg_present, pop.present):
            self._rebuild_ties(model)
        # ties formed since the background was drawn, drawn on top until the next rebuild
        keys = t.a * t.n + t.b
        new = ~np.isin(keys, self._bg_keys, assume_unique=True)
        new &= self.shown[t.a] & self.shown[t.b] & pop.present[t.a] & pop.present[t.b]
        if new.sum() > 0.05 * max(len(self._bg_keys), 1):
            self._rebuild_ties(model)
            new[:] = False
        self.new_ties.set_segments(np.stack([self.pos[t.a[new]], self.pos[t.b[new]]], axis=1))
        used = (t.last_used > model.week - 4) & (t.kind != HOUSEHOLD)
        used &= self.shown[t.a] & self.shown[t.b]
        self.used.set_segments(np.stack([self.pos[t.a[used]], self.pos[t.b[used]]], axis=1))

        E = model.n_elders
        here = self.shown & pop.present
        elders = np.flatnonzero(here[:E])
        # the elders' states come from the Mesa agents (agents/resident.py)
        residents = model.residents
        colours = np.array([to_rgba(STATE_COLOURS[residents[i].state]) for i in elders]
                           ).reshape(-1, 4)
        volunteering = model.volunteering
        edge = np.tile(to_rgba("white", 0.0), (len(elders), 1))
        helping = volunteering[elders]
        if helping.any():
            edge[helping] = matplotlib.colormaps[BURNOUT_CMAP](self.norm(pop.burnout[elders[helping]]))
        self.elders.set_offsets(self.pos[elders])
        self.elders.set_facecolor(colours)
        self.elders.set_edgecolor(edge)
        young = np.arange(E, pop.size)
        vol = young[here[E:] & volunteering[E:]]
        self.volunteers.set_offsets(self.pos[vol].reshape(-1, 2))
        self.volunteers.set_array(pop.burnout[vol])
        other = young[here[E:] & ~volunteering[E:]]
        self.others.set_offsets(self.pos[other].reshape(-1, 2))
        if self.n_total > MAX_NODES:
            self.note.set_text(tr("shown_of", self.lang, shown=int(self.shown.sum()),
                                  total=self.n_total))


# ---------------------------------------------------------------------- curves
@dataclass
class Marks:
    """What the curves and the timeline mark: intervention starts and shock weeks."""

    interventions: list[tuple[str, int]]  # (kind, start_week)
    shocks: list[tuple[str, int, int]]  # (kind, first week, duration)
    weeks: int  # length of the run


class CurvesChart(Blit):
    """Four panels: needs by channel, participation, agency and loneliness, burnout."""

    def __init__(self, marks: Marks, lang: str):
        super().__init__((9.0, 5.6), lang)
        self.marks = marks
        self.x_max = marks.weeks / WEEKS_PER_YEAR
        self.needs_top = 0.0
        self.helpers_top = 0.0
        with self.rc():
            axes = self.fig.subplots(2, 2, sharex=True)
            self.ax_needs, self.ax_part, self.ax_eff, self.ax_burn = axes.flat
            self.ax_help = self.ax_burn.twinx()
            for ax, key in zip(axes.flat, ("panel_needs", "panel_participation",
                                           "panel_efficacy", "panel_burnout")):
                ax.set_title(tr(key, lang))
                ax.set_xlim(0, self.x_max)
                ax.grid(alpha=0.25, lw=0.5)
            for ax in axes[1]:
                ax.set_xlabel(tr("axis_years", lang))
            self.ax_needs.set_ylabel(tr("axis_needs", lang))
            self.ax_part.set_ylabel(tr("axis_share", lang))
            self.ax_part.set_ylim(0, 1)
            self.ax_eff.set_ylim(0, 1)
            self.ax_eff.set_ylabel(tr("axis_0_1", lang))
            self.ax_burn.set_ylim(0, 1)
            self.ax_burn.set_ylabel(tr("axis_burnout", lang))
            self.ax_help.set_ylabel(tr("axis_helpers", lang))
            layers = list(CHANNELS) + ["unmet"]
            colours = [CHANNEL_COLOURS[c] for c in CHANNELS] + [UNMET_COLOUR]
            self.stack = [self.animate(self.ax_needs.add_collection(
                PolyCollection([], facecolors=col, alpha=0.85, linewidths=0)))
                for col in colours]
            self.ax_needs.legend(
                handles=[Patch(color=col, label=(tr("unmet", lang) if name == "unmet"
                                                 else pick(CHANNEL_TEXT[name], lang)))
                         for name, col in zip(layers, colours)],
                loc="upper right", ncol=3, frameon=False, columnspacing=0.8)

            def line(ax, colour, label, **kw):
                return self.animate(ax.plot([], [], color=colour, label=label, lw=1.4, **kw)[0])

            self.lines = {
                "participation": line(self.ax_part, "#3182bd", tr("taking_part", lang)),
                "willing": line(self.ax_part, "#9ecae1", tr("willing", lang), ls="--"),
                "share_withdrawn": line(self.ax_part, "#636363", tr("withdrawn_line", lang)),
                "mean_efficacy": line(self.ax_eff, "#31a354", tr("efficacy", lang)),
                "mean_loneliness": line(self.ax_eff, "#fd8d3c", tr("loneliness", lang)),
                "mean_burnout": line(self.ax_burn, "#e6550d", tr("burnout", lang)),
                "helpers_active": self.animate(self.ax_help.plot(
                    [], [], color="#31a354", lw=1.0, alpha=0.8, label=tr("helpers", lang))[0]),
            }
            self.ax_part.legend(loc="center right", frameon=False)
            self.ax_eff.legend(loc="center right", frameon=False)
            self.ax_burn.axhline(0.7, color="#e6550d", ls=":", lw=0.8)
            self.ax_burn.legend(handles=[self.lines["mean_burnout"], self.lines["helpers_active"],
                                         Line2D([], [], color="#e6550d", ls=":",
                                                label=tr("quit_level", lang) + " 0.7")],
                                loc="upper left", frameon=False)
            self._mark_schedule()
            self.fig.tight_layout(pad=0.6, h_pad=0.8, w_pad=1.0)
        self._set_needs_top(50.0 * NEEDS_HEADROOM)
        self._set_helpers_top(10.0)

    def _mark_schedule(self) -> None:
        for ax in (self.ax_needs, self.ax_part, self.ax_eff, self.ax_burn):
            for _, week, duration in self.marks.shocks:
                ax.axvspan((week - 1) / WEEKS_PER_YEAR, (week - 1 + duration) / WEEKS_PER_YEAR,
                           color=SHOCK_COLOUR, alpha=0.10, lw=0)
            for _, start in self.marks.interventions:
                if start > 0:
                    ax.axvline(start / WEEKS_PER_YEAR, color="#555555", ls=":", lw=0.8)

    def restart(self) -> None:
        self._set_needs_top(50.0 * NEEDS_HEADROOM)
        self._set_helpers_top(10.0)

    def _set_needs_top(self, top: float) -> None:
        self.needs_top = nice_ceiling(top)
        self.ax_needs.set_ylim(0, self.needs_top)
        self.invalidate()

    def _set_helpers_top(self, top: float) -> None:
        self.helpers_top = nice_ceiling(top)
        self.ax_help.set_ylim(0, self.helpers_top)
        self.invalidate()

    def update(self, model) -> None:
        cols = weekly_columns(model, CURVE_COLUMNS)
        n = len(cols["week"])
        for artist in self.animated:
            artist.set_visible(n > 0)
        if n == 0:
            return
        x = cols["week"] / WEEKS_PER_YEAR
        bottom = np.zeros(n)
        layers = [rolling_mean(cols[f"met_by_{c}"]) for c in CHANNELS]
        layers.append(rolling_mean(cols["unmet"]))
        top_total = float(np.sum(layers, axis=0).max())
        if top_total > self.needs_top / NEEDS_HEADROOM:
            self._set_needs_top(top_total * NEEDS_HEADROOM)
        for poly, layer in zip(self.stack, layers):
            top = bottom + layer
            poly.set_verts([np.column_stack([np.r_[x, x[::-1]], np.r_[top, bottom[::-1]]])])
            bottom = top
        for column, line in self.lines.items():
            y = cols[column] if column == "helpers_active" else rolling_mean(cols[column])
            line.set_data(x, y)
        helpers_max = float(cols["helpers_active"].max())
        if helpers_max > self.helpers_top:
            self._set_helpers_top(helpers_max * 1.2)


CURVE_COLUMNS = ("week", *(f"met_by_{c}" for c in CHANNELS), "unmet", "participation",
                 "willing", "share_withdrawn", "mean_efficacy", "mean_loneliness",
                 "mean_burnout", "helpers_active")


def weekly_columns(model, columns) -> dict[str, np.ndarray]:
    """Columns of the model's time series so far, read from its arrays (no DataFrame:
    `TimeSeries.to_frame()` costs more than the model's step)."""
    ts = model.timeseries
    index = {name: k for k, name in enumerate(ts.names)}
    return {c: ts.data[: ts.rows, index[c]] for c in columns}


def rolling_mean(x: np.ndarray, window: int = SMOOTH_WEEKS) -> np.ndarray:
    """Trailing mean over `window` weeks (fewer at the start), as pandas' rolling(min_periods=1)."""
    c = np.concatenate([[0.0], np.cumsum(x, dtype=float)])
    k = np.arange(1, len(x) + 1)
    lo = np.maximum(k - window, 0)
    return (c[k] - c[lo]) / (k - lo)


# -------------------------------------------------------------------- timeline
class TimelineChart(Blit):
    """Bars for each intervention (from its start to the end) and each shock; a 'now' line."""

    def __init__(self, marks: Marks, lang: str):
        rows = len(marks.interventions) + len(marks.shocks)
        super().__init__((9.0, 1.05 + 0.28 * max(rows, 1)), lang)
        self.marks = marks
        end = marks.weeks / WEEKS_PER_YEAR
        with self.rc():
            height = self.fig.get_figheight()
            bottom, top = 0.5 / height, 0.42 / height  # inches for the axis and the title
            ax = self.ax = self.fig.add_axes([0.24, bottom, 0.73, 1 - bottom - top])
            labels = []
            y = 0
            for kind, start in marks.interventions:
                ax.barh(y, end - start / WEEKS_PER_YEAR, left=start / WEEKS_PER_YEAR,
                        height=0.6, color="#6baed6")
                labels.append(intervention_title(kind, lang))
                y += 1
            for kind, week, duration in marks.shocks:
                ax.barh(y, max(duration / WEEKS_PER_YEAR, 0.03),
                        left=(week - 1) / WEEKS_PER_YEAR, height=0.6, color=SHOCK_COLOUR)
                labels.append(shock_title(kind, lang))
                y += 1
            ax.set_yticks(range(len(labels)), labels)
            ax.set_ylim(len(labels) - 0.5 if labels else 0.5, -0.5)
            ax.set_xlim(0, end)
            ax.set_xlabel(tr("axis_years", lang))
            ax.grid(axis="x", alpha=0.3, lw=0.5)
            ax.set_title(tr("chart_timeline", lang), fontsize=10, pad=14, loc="left")
            self.now = self.animate(ax.axvline(0, color="black", lw=1.2))
            self.now_label = self.animate(ax.text(0, 1.0, " " + tr("now", lang),
                                                  transform=ax.get_xaxis_transform(),
                                                  va="bottom", ha="left", fontsize=8,
                                                  color="#333333"))

    def update(self, week: int) -> None:
        x = week / WEEKS_PER_YEAR
        self.now.set_xdata([x, x])
        self.now_label.set_x(x)


class LiveCharts:
    """The three live charts of one model run, in one language."""

    def __init__(self, model, marks: Marks, lang: str):
        self.network = NetworkChart(model, lang)
        self.curves = CurvesChart(marks, lang)
        self.timeline = TimelineChart(marks, lang)
        self.marks, self.lang = marks, lang
        self.village = village_key(model)

    @classmethod
    def for_model(cls, model, marks: Marks, lang: str, previous: LiveCharts | None = None
                  ) -> LiveCharts:
        """Charts for `model`; the previous charts are reused (figures kept, data cleared)
        when the village, the schedule and the language are the same, which makes a
        Reset or a budget change cheap."""
        if (previous is not None and previous.lang == lang and previous.marks == marks
                and previous.village == village_key(model)):
            previous.network.restart()
            previous.curves.restart()
            return previous
        return cls(model, marks, lang)

    def update(self, model) -> dict[str, bytes]:
        self.network.update(model)
        self.curves.update(model)
        self.timeline.update(model.week)
        return {"network": self.network.render(), "curves": self.curves.render(),
                "timeline": self.timeline.render()}
