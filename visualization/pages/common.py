"""What the three pages share: the per-user app state and the parameter control.

AppState is created once per browser session (in app.Page, with use_memo)
and holds reactive values, so each user has their own village, language and
comparison. The page re-renders only what reads a value that changed:
`frame` after every step (the charts), `settings` after every change of
settings (the sidebar).
"""

from __future__ import annotations

import base64
import math
import threading
from contextlib import nullcontext
from collections.abc import Callable
from typing import Any

import solara
from solara.alias import rv

from ...problems import ProblemError
from ...scenarios import Scenario
from ...sim.params import Param
from ..i18n import fmt_number, param_label, param_tooltip, pick, scenario_title, tr, unit
from ..lessons import LESSON_INDEX
from ..problems import error_lines, problems
from .. import classroom
from ..session import ExploreSession, SettingError, read_upload
from ..url_state import base_key, base_scenario, decode, encode

MAX_UPLOAD_BYTES = 200_000

CSS = """
.va-param { margin-bottom: 2px; }
.va-param-label { font-size: 13px; cursor: help; border-bottom: 1px dotted #999; }
.va-refused { color: #b00020; font-size: 12px; line-height: 1.25; }
.va-expl { font-size: 13px; color: #444; line-height: 1.4; max-width: 60em; }
.va-kpi { border: 1px solid #ddd; border-radius: 6px; padding: 4px 10px; min-width: 120px; }
.va-kpi-value { font-size: 20px; font-weight: 600; }
.va-kpi-label { font-size: 12px; color: #555; }
.va-section { font-weight: 600; margin-top: 10px; font-size: 14px; }
.va-level { font-size: 11px; border-radius: 8px; padding: 0 6px; background: #e0e0e0; }
.va-table table { border-collapse: collapse; font-size: 13px; }
.va-table th, .va-table td { border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: left; }
.va-notice-error { color: #b00020; }
.va-week { font-size: 16px; font-weight: 600; }
.va-app > .va-hidden, .va-app .va-hidden.d-flex { display: none !important; }
.va-chart img { max-width: 100%; height: auto; }
"""


class AppState:
    """One user's dashboard: language, page, the Explore session and the comparison."""

    def __init__(self, lang: str = "en", scenario: Scenario | None = None, seed: int = 0):
        self.lang = solara.reactive(lang)
        self.page = solara.reactive("explore")
        self.session = ExploreSession(scenario, seed=seed, lang=lang)
        self.session.on_wait = self.waiting
        self.cmp_waiting = solara.reactive(False)  # the comparison waits for a run slot
        self.frame = solara.reactive(0)  # bumped after each redraw of the live charts
        self.settings = solara.reactive(0)  # bumped after each change of settings
        self.playing = solara.reactive(False)
        # held while a played week is stepped and drawn: Pause takes it, so once the
        # Play button is back no week in flight can still change the page
        self.step_lock = threading.Lock()
        self.speed = solara.reactive(10)  # weeks per second while playing (at most)
        self.notice = solara.reactive(None)  # (kind, [lines]) for the scenario card
        self.lesson = solara.reactive(None)  # key of the lesson shown in Explore
        # scenarios uploaded or set up by a lesson, offered on Compare: label -> Scenario
        self.extra: dict[str, Scenario] = {}
        self.extra_version = solara.reactive(0)
        # compare
        self.cmp_a = solara.reactive("baseline")
        self.cmp_b = solara.reactive("teams")
        self.cmp_replicates = solara.reactive(3)
        self.cmp_years = solara.reactive(10)
        self.cmp_residents = solara.reactive(1000)
        self.cmp_seed = solara.reactive(0)
        self.comparison = solara.reactive(None)
        self.cmp_progress = solara.reactive(None)  # (done, total, scenario, replicate)
        self.cmp_error = solara.reactive(None)
        self.cmp_cancel = threading.Event()
        self.render_context = None  # set by app.Page
        # Widgets made once and updated in place after every step (charts, week,
        # headline figures): pages/explore.py shows them as they are.
        self.live: dict[str, Any] = {}
        self._page_state = None
        self._link = (None, "")  # (what the link was written from, the query string)
        self._bases: dict[tuple, Scenario] = {}

    @classmethod
    def from_link(cls, search: str | None, pages: tuple[str, ...]) -> AppState:
        """The dashboard a link's query string asks for (url_state.py); what the link
        holds that cannot be used is left out and listed on the scenario card."""
        link = decode(search, pages)
        app = cls(lang=link.lang, scenario=link.scenario, seed=link.seed)
        app.page.set(link.page)
        app.lesson.set(link.lesson)
        app.session.edited = link.edited
        if link.week:
            app.session.step(link.week)
        if link.problems:
            app.notice.set(("error", [("link_refused", {}), ProblemError(link.problems)]))
        return app

    def link(self) -> str:
        """The query string of this dashboard's state (url_state.encode)."""
        s = self.session
        key = (self.settings.value, id(s.model), s.seed, self.page.value, self.lang.value,
               self.lesson.value)
        if self._link[0] != key:
            base_of = base_key(s.name, self.lesson.value)
            if base_of not in self._bases:
                self._bases[base_of] = base_scenario(*base_of)
            self._link = (key, encode(s.scenario(), seed=s.seed, page=self.page.value,
                                      lang=self.lang.value, lesson=self.lesson.value,
                                      base=self._bases[base_of]))
        return self._link[1] + (f"&week={s.week}" if s.week else "")

    def sync_link(self) -> None:
        """Put the state's link into the address bar (pages/share.py), in place."""
        widget = self.live.get("share")
        if widget is not None:
            widget.query = self.link()

    # ------------------------------------------------------------ helpers
    def batch(self):
        """One render for several changes: every component reading a changed value
        re-renders in a single pass (Solara would otherwise render once per
        subscribed component outside a server)."""
        return self.render_context if self.render_context is not None else nullcontext()

    def redrawn(self) -> None:
        """After a step: update the live widgets in place; re-render the page if needed.

        Re-rendering walks the whole component tree (about 50 ms with the
        sidebar on two cores), so a plain step only puts the new chart images,
        week and headline figures into their widgets, which the components show
        as they are (they are not rebuilt from props, so a render never puts an
        old value back). The page re-renders when something else it shows
        changes: a new model, the run ends, a shock has passed (the resilience
        table), the language, and once every 13 weeks (the resilience figures).
        """
        self.push_live()
        state = self.page_state()
        if state == self._page_state and self.session.week % 13:
            return
        self._page_state = state
        with self.batch():
            self.frame.set(self.frame.value + 1)

    def live_widget(self, key: str, make):
        """The widget shown for `key`, made on first use (in the page's kernel)."""
        if key not in self.live:
            self.live[key] = make()
        return self.live[key]

    def page_state(self) -> tuple:
        s = self.session
        passed = sum(1 for x in s.shocks if x["week"] + x["duration"] - 1 < s.week)
        return (id(s.model), s.finished, passed, self.lang.value)

    def push_live(self) -> None:
        self.sync_link()
        frame, lang = self.session.frame, self.lang.value
        for key in ("network", "curves", "timeline"):
            widget = self.live.get(key)
            if widget is not None and widget.value is not frame[key]:
                widget.value = frame[key]
        widget = self.live.get("week")
        if widget is not None:
            widget.children = [week_text(self.session, lang)]
        for key, text in kpi_texts(self.session).items():
            widget = self.live.get(key)
            if widget is not None:
                widget.children = [text]

    def waiting(self, waiting: bool) -> None:
        """Classroom mode: say, in place, that this student's run waits for a slot."""
        widget = self.live.get("waiting")
        if widget is not None:
            slots = classroom.SLOTS
            widget.children = [tr("waiting_slot", self.lang.value, limit=slots.limit,
                                  waiting=slots.waiting) if waiting else ""]

    def submit(self, student: str, note: str) -> dict | None:
        """Classroom mode: the current result to the class board (None: the board is full)."""
        s = self.session
        try:
            return classroom.CLASSROOM.board.add(
                student=student, scenario=s.name, seed=s.seed, week=s.week, weeks=s.weeks,
                figures=s.kpis(), note=note, link=self.link())
        except ProblemError:
            return None

    def settings_changed(self) -> None:
        self.push_live()
        self._page_state = self.page_state()
        with self.batch():
            self.settings.set(self.settings.value + 1)
            self.frame.set(self.frame.value + 1)
        self.sync_link()

    def set_lang(self, lang: str) -> None:
        """Switch the language: the page's text at once (one render), then the charts'
        labels (drawing them takes about half a second), swapped in place."""
        with self.batch():
            self.lang.set(lang)
        self.session.set_lang(lang)
        self.push_live()
        self._page_state = self.page_state()

    def load(self, scenario: Scenario, seed: int | None = None) -> None:
        """Load a scenario into Explore (stops playing; the village restarts at week 0)."""
        self.playing.set(False)
        with self.session.lock:
            if seed is not None:
                self.session.seed = int(seed)
            self.session.load(scenario)
        self.settings_changed()

    def add_extra(self, label: str, scenario: Scenario) -> None:
        self.extra[label] = scenario
        self.extra_version.set(self.extra_version.value + 1)

    def upload(self, name: str, data: bytes | None, size: int = 0) -> bool:
        """An uploaded scenario file: load it, or say why not and change nothing."""
        # a notice line is (key, values) to translate when shown, or text as it is
        if data is None or len(data) > MAX_UPLOAD_BYTES:
            self.notice.set(("error", [("upload_error", {"name": name}),
                                       ("upload_too_large", {"kb": MAX_UPLOAD_BYTES // 1000})]))
            return False
        try:
            scenario = read_upload(name, data)
        except ProblemError as err:
            self.notice.set(("error", [("upload_error", {"name": name}), err]))
            return False
        self.load(scenario)
        self.add_extra(f"{scenario.name} ({name})", scenario)
        self.notice.set(("ok", [("loaded", {"name": scenario.name})]))
        return True


def slider_bounds(p: Param, years: int = 10) -> tuple[float, float, float]:
    """(min, max, step) of a parameter's slider: its range, narrowed where the range is
    far wider than sensible values (grant up to 1e8 CNY); the number field beside the
    slider still accepts the whole range."""
    lo, hi = p.low, p.high
    if p.name == "start_week":
        hi = max(years * 52 - 1, 1)
    elif p.name == "residents":
        hi = 3000
    elif p.name == "villages":
        hi = 10
    elif p.default == 0 and hi > 100:
        hi = {"extra_funding": 200_000}.get(p.name, 100)
    elif hi > 20 * max(abs(p.default), 1):
        hi = _nice(10 * max(abs(p.default), 1))
    hi = min(hi, p.high)
    if p.kind is int:
        return lo, hi, 1
    step = 10 ** math.floor(math.log10(max((hi - lo) / 100, 1e-6)))
    return lo, hi, step


def _nice(x: float) -> float:
    power = 10 ** math.floor(math.log10(x))
    for m in (1, 2, 2.5, 5, 10):
        if m * power >= x:
            return m * power
    return 10 * power


@solara.component
def ParamControl(p: Param, value: Any, on_value: Callable[[Any], None], lang: str,
                 scope: str | None = None, years: int = 10):
    """Label with a tooltip (meaning, unit, range, default, source), a slider over the
    sensible range and a number field over the whole range. A refused value shows the
    model's message under the control and is not passed on."""
    error = solara.use_reactive(None)

    def submit(raw):
        try:
            on_value(raw)
        except SettingError as err:
            error.set(tr("refused", lang, detail=problems(err.problems, lang)))
            return
        error.set(None)

    lo, hi, step = slider_bounds(p, years)
    shown = min(max(value, lo), hi)
    with solara.Column(gap="0px", classes=["va-param"]):
        with solara.Tooltip(param_tooltip(p, lang, scope)):
            solara.Text(f"{param_label(p, lang, scope)} ({unit(p.unit, lang)})",
                        classes=["va-param-label"])
        with solara.Row(gap="6px", style={"align-items": "center"}):
            slider = rv.Slider(v_model=shown, min=lo, max=hi, step=step, dense=True,
                               hide_details=True, thumb_label=True,
                               class_=f"va-slider va-slider-{p.name}",
                               style_="min-width: 120px")
            rv.use_event(slider, "change", lambda *args: submit(args[-1]))
            solara.InputText(
                label="", value=fmt_number(value).replace(",", ""), on_value=submit,
                classes=[f"va-num va-num-{(scope + '-') if scope else ''}{p.name}"],
                style={"max-width": "96px"}, dense=True)
        if error.value:
            solara.Text(error.value, classes=["va-refused"])


@solara.component_vue("upload.vue")
def UploadZone(button_label: str, hint: str, max_bytes: int,
               event_file_data: Callable[[dict], None]):
    pass


@solara.component
def Upload(app: AppState, lang: str):
    def on_file(info: dict):
        raw = info.get("data")
        data = None if raw is None else base64.b64decode(raw)
        app.upload(str(info.get("name", "scenario.toml")), data, int(info.get("size", 0)))

    UploadZone(button_label=tr("choose_file", lang), hint=tr("drop_here", lang),
               max_bytes=MAX_UPLOAD_BYTES, event_file_data=on_file)


@solara.component
def Explanation(text: str):
    solara.Text(text, classes=["va-expl"])


@solara.component
def Notice(app: AppState, lang: str):
    notice = app.notice.value
    if not notice:
        return
    kind, lines = notice
    with solara.Column(gap="2px", classes=["va-notice", f"va-notice-{kind}"]):
        for line in lines:
            texts = (error_lines(line, lang) if isinstance(line, ProblemError)
                     else [line] if isinstance(line, str) else [tr(line[0], lang, **line[1])])
            for text in texts:
                solara.Text(text, classes=[f"va-notice-{kind}"])


def scenario_label(name: str, lang: str) -> str:
    """A scenario's name as the page shows it: a preset's plain title ('服务队加激励' for
    teams_incentives), a lesson's village as the lesson's title and its preset's, any
    other (an upload) as it is named."""
    for key, lesson in LESSON_INDEX.items():
        if name.startswith(f"lesson_{key}_"):
            return f"{pick(lesson.title, lang)} · {scenario_title(name[len(key) + 8:], lang)}"
    title = scenario_title(name, lang)
    return title if lang == "zh" or title == name else f"{title} ({name})"


def week_text(session, lang: str) -> str:
    week = session.week
    return tr("week_of", lang, week=week, weeks=session.weeks,
              year=min(week // 52 + 1, session.years))


KPIS = ("kpi_coverage", "kpi_participation", "kpi_withdrawn", "kpi_helpers", "kpi_burnout",
        "kpi_balance")


def kpi_texts(session) -> dict[str, str]:
    k = session.kpis()

    def pct(x):
        return "–" if x is None else f"{100 * x:.0f}%"

    return {
        "kpi_coverage": pct(k["coverage"]),
        "kpi_participation": pct(k["participation"]),
        "kpi_withdrawn": pct(k["withdrawn"]),
        "kpi_helpers": "–" if k["helpers"] is None else str(k["helpers"]),
        "kpi_burnout": "–" if k["burnout"] is None else f"{k['burnout']:.2f}",
        "kpi_balance": "–" if k["balance"] is None else f"{k['balance']:,.0f}",
    }
