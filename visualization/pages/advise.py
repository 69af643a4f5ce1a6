"""Advise: the policymaker's question on one page. Given a yearly budget, a small
`villageaid advise` study (visualization/advise_view.py) searches portfolios of
interventions in the background, with progress and cancel, then shows the Pareto
set, the recommendation with its uncertainty, how the options fare over futures and
where the recommendation fails, in the brief's own words (visualization/brief_text.py),
and offers the brief as a PDF."""

from __future__ import annotations

import threading

import solara

from ...experiments.advise_spec import AdviseSpec
from ...experiments.brief_advise import gather_advise
from ...experiments.executor import Cancelled
from ..advise_view import DEFAULTS, LIMITS, brief_pdf, run_study
from ..brief import html_block
from ..brief_text import compose_advise
from ..i18n import pick
from ..problems import error_text
from .common import Explanation

TEXT = {
    "intro": ("Which mix of interventions should the committee fund with this budget? The "
              "search tries portfolios (each intervention on or off, with one key setting), "
              "runs each on the same seeds, and keeps those no other beats on every goal: "
              "needs met, elders withdrawn and helpers' burnout. Then it tests them in futures "
              "with grant cuts, out-migration and cold waves. A small search takes a minute or "
              "two; `villageaid advise` runs larger ones.",
              "村委会用这笔预算应该资助哪些干预的组合？搜索会尝试不同的组合（每项干预开或关，"
              "并调一个关键设置），用相同的随机种子运行，保留在需求满足率、退缩老人比例和帮助者倦怠"
              "三个目标上没有被其他组合全面超越的组合；然后在经费削减、人口外流和寒潮等未来情景中"
              "检验它们。小规模搜索需要一两分钟；更大的搜索请用 `villageaid advise`。"),
    "budget": ("Budget (CNY a year)", "预算（元/年）"),
    "years": ("Years", "年数"),
    "trials": ("Portfolios to try", "尝试的组合数"),
    "replicates": ("Replicates", "重复次数"),
    "residents": ("Residents", "居民人数"),
    "futures": ("Futures", "未来情景数"),
    "seed": ("Seed", "随机种子"),
    "run": ("Advise", "生成建议"),
    "cancel": ("Cancel", "取消"),
    "search": ("Searching: portfolio {done} of {total}", "正在搜索：第 {done} / {total} 个组合"),
    "futures_run": ("Testing the best portfolios in {n} futures", "正在 {n} 种未来情景中检验最优组合"),
    "cancelled": ("Cancelled; nothing was kept.", "已取消，没有保留结果。"),
    "failed": ("The search stopped: {error}", "搜索中止：{error}"),
    "none": ("Set the budget and press Advise.", "设置预算后点击“生成建议”。"),
    "brief": ("Download the brief (PDF)", "下载政策简报（PDF）"),
    "out_of_range": ("{field} must be between {low} and {high}",
                     "{field}必须在 {low} 到 {high} 之间"),
}


def say(key: str, lang: str, **values) -> str:
    text = pick(TEXT[key], lang)
    return text.format(**values) if values else text


class AdviseState:
    """One user's Advise page: settings, progress, the finished study's folder."""

    def __init__(self):
        self.values = {k: solara.reactive(v) for k, v in DEFAULTS.items()}
        self.progress = solara.reactive(None)  # (stage, done, total)
        self.error = solara.reactive(None)
        self.folder = solara.reactive(None)
        self.cancel = threading.Event()

    def spec(self) -> AdviseSpec:
        v = {k: r.value for k, r in self.values.items()}
        return AdviseSpec(budget=float(v["budget"]), years=int(v["years"]),
                          trials=int(v["trials"]), replicates=int(v["replicates"]),
                          seed=int(v["seed"]), residents=int(v["residents"]),
                          futures=int(v["futures"]))


@solara.component
def AdvisePage(lang: str):
    state = solara.use_memo(AdviseState, [])

    def work():
        state.cancel.clear()
        state.error.set(None)
        state.folder.set(None)
        try:
            _, folder = run_study(state.spec(), lambda s, d, t: state.progress.set((s, d, t)),
                                  state.cancel.is_set, lang=lang)
        except Cancelled:
            state.error.set(say("cancelled", lang))
        except Exception as err:  # shown on the page; the app keeps working
            state.error.set(say("failed", lang, error=error_text(err, lang)))
        else:
            state.folder.set(folder)
        finally:
            state.progress.set(None)

    task = solara.lab.use_task(work, dependencies=None)
    running = state.progress.value is not None
    with solara.Column(gap="8px", classes=["va-advise"]):
        Explanation(say("intro", lang))
        with solara.Row(gap="12px", style={"flex-wrap": "wrap", "align-items": "center"}):
            for key in ("budget", "years", "trials", "replicates", "residents", "futures",
                        "seed"):
                Bounded(state, key, lang)
        with solara.Row(gap="8px", style={"align-items": "center"}):
            solara.Button(say("run", lang), icon_name="mdi-play", color="primary",
                          on_click=lambda: (state.progress.set(("search", 0, 1)), task()),
                          disabled=running, classes=["va-adv-run"])
            if running:
                solara.Button(say("cancel", lang), icon_name="mdi-stop",
                              on_click=state.cancel.set, classes=["va-adv-cancel"])
        AdviseProgress(state, lang)
        if state.error.value:
            solara.Text(state.error.value, classes=["va-refused"])
        if state.folder.value is not None:
            AdviseResults(state.folder.value, lang)
        elif not running and not state.error.value:
            solara.Text(say("none", lang), classes=["va-expl"])


@solara.component
def Bounded(state: AdviseState, key: str, lang: str):
    """A whole-number field kept inside the page's bounds (seed: 0 to 2^32 - 1)."""
    low, high = LIMITS.get(key, (0, 2**32 - 1))
    error = solara.use_reactive(None)

    def set_value(v):
        if v is None:
            return
        if not low <= v <= high:
            error.set(say("out_of_range", lang, field=say(key, lang), low=low, high=high))
            return
        error.set(None)
        state.values[key].set(int(v))

    with solara.Column(gap="0px"):
        solara.InputInt(f"{say(key, lang)} ({low:,}–{high:,})", value=state.values[key].value,
                        on_value=set_value, classes=[f"va-adv-{key}"],
                        style={"max-width": "190px"})
        if error.value:
            solara.Text(error.value, classes=["va-refused"])


@solara.component
def AdviseProgress(state: AdviseState, lang: str):
    p = state.progress.value
    if p is None:
        return
    stage, done, total = p
    with solara.Column(gap="2px", classes=["va-adv-progress"]):
        if stage == "search":
            solara.ProgressLinear(value=100 * done / max(total, 1))
            solara.Text(say("search", lang, done=min(done + 1, total), total=total))
        else:
            solara.ProgressLinear(value=True)
            solara.Text(say("futures_run", lang, n=state.values["futures"].value))


@solara.component
def AdviseResults(folder, lang: str):
    # the brief's own blocks, as the brief's HTML renders them (figures embedded)
    body = solara.use_memo(
        lambda: "\n".join(html_block(b)
                          for b in compose_advise(gather_advise(folder), lang)[1:]),
        [str(folder), lang])  # [1:]: the page has its own title
    solara.Style(".va-adv-brief img{max-width:100%} .va-adv-brief figcaption{color:#555}")
    with solara.Column(gap="6px", classes=["va-adv-results"]):
        solara.FileDownload(lambda: brief_pdf(folder, lang), filename=f"advise_brief_{lang}.pdf",
                            label=say("brief", lang), mime_type="application/pdf")
        solara.HTML(tag="div", classes=["va-table", "va-adv-brief"], unsafe_innerHTML=body)
