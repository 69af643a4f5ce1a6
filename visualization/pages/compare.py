"""Compare: two scenarios over seeded replicates, curves with bands, paired differences."""

from __future__ import annotations

import dataclasses

import solara
from solara.alias import rv

from ...scenarios import PRESETS, load_scenario
from ..compare_view import (Cancelled, comparison_png, curves_png, difference_table,
                            differences_png, distinct_names, run_comparison, summary_table)
from ..advise_view import comparison_brief_pdf
from ..classroom import COMPARISONS, SLOTS
from ..i18n import tr
from ..problems import error_text
from .common import AppState, Explanation, scenario_label

MAX_REPLICATES = 50
MAX_YEARS = 20
RESIDENTS = (20, 5000)


def scenario_options(app: AppState, lang: str) -> dict[str, tuple[str, object]]:
    """Key -> (label, function returning the Scenario): presets, uploads and lessons,
    and the current Explore settings. Keys do not depend on the language."""
    options: dict[str, tuple[str, object]] = {
        name: (scenario_label(name, lang), lambda name=name: load_scenario(name))
        for name in PRESETS}
    for label, sc in app.extra.items():
        options[label] = (scenario_label(label, lang), lambda sc=sc: sc)
    options["explore"] = (tr("explore_settings", lang), lambda: dataclasses.replace(
        app.session.scenario(), name="explore"))
    return options


@solara.component
def KeySelect(label: str, value: str, options: dict, on_value, classes: list[str]):
    """A select showing labels and returning keys."""
    return rv.Select(label=label, v_model=value, on_v_model=on_value,
                     items=[{"text": text, "value": key} for key, (text, _) in options.items()],
                     class_=" ".join(classes), style_="min-width: 220px")


@solara.component
def ComparePage(app: AppState, lang: str):
    app.extra_version.value  # noqa: B018  (new uploads appear in the lists)
    options = scenario_options(app, lang)
    error = solara.use_reactive(None)

    def work():
        app.cmp_cancel.clear()
        app.cmp_error.set(None)
        app.comparison.set(None)
        a = options[app.cmp_a.value][1]()
        b = options[app.cmp_b.value][1]()
        a, b = distinct_names(a, b)
        years = app.cmp_years.value
        residents = app.cmp_residents.value
        a, b = (dataclasses.replace(sc, years=years,
                                    params=sc.params.replace(residents=residents))
                for sc in (a, b))
        app.cmp_progress.set((0, 2 * app.cmp_replicates.value, a.name, 0))
        try:
            # classroom mode: one of the server's run slots for the whole comparison
            with COMPARISONS.hold(app.cmp_waiting.set), SLOTS.hold(app.cmp_waiting.set):
                result = run_comparison(
                    [a, b], app.cmp_replicates.value, seed=app.cmp_seed.value, years=years,
                    progress=lambda d, t, s, r: app.cmp_progress.set((d, t, s, r)),
                    cancelled=app.cmp_cancel.is_set)
        # the Run button comes back before the message shows, so a message on the
        # page means the page is ready for the next comparison
        except Cancelled:
            app.cmp_progress.set(None)
            app.cmp_error.set(tr("cancelled", app.lang.value))
            return
        except Exception as err:  # shown on the page; the app keeps working
            app.cmp_progress.set(None)
            app.cmp_error.set(tr("compare_failed", app.lang.value,
                                 error=error_text(err, app.lang.value)))
            return
        app.comparison.set({"result": result, "years": years, "seed": app.cmp_seed.value,
                            "replicates": app.cmp_replicates.value})
        app.cmp_progress.set(None)

    task = solara.lab.use_task(work, dependencies=None)

    def start():
        if app.cmp_a.value == app.cmp_b.value:
            error.set(tr("compare_same", lang))
            return
        error.set(None)
        task()

    def bounded(reactive, low, high):
        def set_value(v):
            if v is None:
                return
            reactive.set(int(min(max(v, low), high)))
        return set_value

    running = app.cmp_progress.value is not None
    with solara.Column(gap="8px", classes=["va-compare"]):
        Explanation(tr("compare_intro", lang))
        with solara.Row(gap="12px", style={"flex-wrap": "wrap", "align-items": "center"}):
            KeySelect(tr("scenario_a", lang), app.cmp_a.value, options, app.cmp_a.set,
                      ["va-cmp-a"])
            KeySelect(tr("scenario_b", lang), app.cmp_b.value, options, app.cmp_b.set,
                      ["va-cmp-b"])
            solara.InputInt(f"{tr('replicates', lang)} (2–{MAX_REPLICATES})",
                            value=app.cmp_replicates.value,
                            on_value=bounded(app.cmp_replicates, 2, MAX_REPLICATES),
                            classes=["va-cmp-replicates"], style={"max-width": "150px"})
            solara.InputInt(f"{tr('years', lang)} (1–{MAX_YEARS})", value=app.cmp_years.value,
                            on_value=bounded(app.cmp_years, 1, MAX_YEARS),
                            classes=["va-cmp-years"], style={"max-width": "150px"})
            solara.InputInt(f"{tr('residents_override', lang)} ({RESIDENTS[0]}–{RESIDENTS[1]})",
                            value=app.cmp_residents.value,
                            on_value=bounded(app.cmp_residents, *RESIDENTS),
                            classes=["va-cmp-residents"], style={"max-width": "190px"})
            solara.InputInt(tr("seed", lang), value=app.cmp_seed.value,
                            on_value=bounded(app.cmp_seed, 0, 2**32 - 1),
                            classes=["va-cmp-seed"], style={"max-width": "120px"})
        with solara.Row(gap="8px", style={"align-items": "center"}):
            solara.Button(tr("compare_run", lang), icon_name="mdi-play", color="primary",
                          on_click=start, disabled=running, classes=["va-cmp-run"])
            if running:
                solara.Button(tr("cancel", lang), icon_name="mdi-stop",
                              on_click=app.cmp_cancel.set, classes=["va-cmp-cancel"])
        if error.value:
            solara.Text(error.value, classes=["va-refused"])
        Progress(app, lang)
        if app.cmp_error.value:
            solara.Text(app.cmp_error.value, classes=["va-refused"])
        Results(app, lang)


@solara.component
def Progress(app: AppState, lang: str):
    p = app.cmp_progress.value
    if p is None:
        return
    done, total, scenario, replicate = p
    with solara.Column(gap="2px", classes=["va-cmp-progress"]):
        solara.ProgressLinear(value=100 * done / max(total, 1))
        if app.cmp_waiting.value:
            solara.Text(tr("waiting_slot", lang, limit=SLOTS.limit, waiting=SLOTS.waiting),
                        classes=["va-waiting"])
        if done == 0:
            solara.Text(tr("progress_start", lang, total=total))
        elif done < total:
            solara.Text(tr("progress", lang, done=done, total=total, scenario=scenario,
                           replicate=replicate + 1))
        else:
            solara.Text(tr("progress_summary", lang))


@solara.component
def Results(app: AppState, lang: str):
    holder = app.comparison.value
    if holder is None:
        if app.cmp_progress.value is None and not app.cmp_error.value:
            solara.Text(tr("compare_none", lang), classes=["va-expl"])
    else:
        ComparisonResults(holder, lang)


@solara.component
def ComparisonResults(holder: dict, lang: str):
    c = holder["result"]
    curves = solara.use_memo(lambda: curves_png(c, lang), [id(c), lang])
    diffs = solara.use_memo(lambda: differences_png(c, lang), [id(c), lang])
    a, b = c.scenarios
    n = holder["replicates"]
    with solara.Column(gap="8px", classes=["va-cmp-results"]):
        solara.Text(tr("compare_done", lang, n=n, a=scenario_label(a, lang),
                       b=scenario_label(b, lang), s0=holder["seed"],
                       s1=holder["seed"] + n - 1, years=holder["years"]),
                    classes=["va-cmp-done"])
        with solara.ColumnsResponsive(default=12, large=[7, 5]):
            with solara.Column(gap="4px", classes=["va-chart"]):
                solara.Text(tr("compare_curves", lang), classes=["va-section"])
                solara.Image(curves, format="png", width="100%", classes=["va-cmp-curves-img"])
                Explanation(tr("compare_curves_expl", lang))
            with solara.Column(gap="4px", classes=["va-chart"]):
                solara.Text(tr("compare_diff", lang), classes=["va-section"])
                solara.Image(diffs, format="png", width="100%", classes=["va-cmp-diff-img"])
                Explanation(tr("compare_diff_chart_expl", lang))
        solara.Text(tr("compare_diff", lang), classes=["va-section"])
        Explanation(tr("compare_diff_expl", lang))
        solara.HTML(tag="div", classes=["va-table", "va-cmp-diff-table"],
                    unsafe_innerHTML=difference_table(c, lang).to_html(index=False, border=0))
        solara.Text(tr("compare_table", lang), classes=["va-section"])
        solara.HTML(tag="div", classes=["va-table", "va-cmp-summary-table"],
                    unsafe_innerHTML=summary_table(c, lang).rename(columns={
                        f"{ab}: {name}": f"{ab}: {scenario_label(name, lang)}"
                        for ab, name in zip("AB", c.scenarios)}).to_html(index=False, border=0))
        with solara.Row(gap="6px", style={"flex-wrap": "wrap", "align-items": "center"}):
            solara.Text(tr("exports", lang), classes=["va-section"])
            stem = f"compare_{a}_{b}"
            solara.FileDownload(lambda: comparison_png(c, lang), filename=f"{stem}.png",
                                label=tr("compare_png", lang), mime_type="image/png")
            # the policy brief `villageaid brief` writes from the same comparison
            solara.FileDownload(lambda: comparison_brief_pdf(c, lang),
                                filename=f"{stem}_brief_{lang}.pdf",
                                label=tr("compare_brief", lang), mime_type="application/pdf")
            for key, frame, suffix in (("compare_summary_csv", c.summary, "summary"),
                                       ("compare_diff_csv", c.differences, "differences"),
                                       ("compare_curves_csv", c.curves, "curves"),
                                       ("compare_reps_csv", c.replicates, "replicates")):
                solara.FileDownload(lambda frame=frame: frame.to_csv(index=False).encode(),
                                    filename=f"{stem}_{suffix}.csv", label=tr(key, lang),
                                    mime_type="text/csv")
