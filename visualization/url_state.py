"""The dashboard's state as a link: what the query string of its address holds.

    ?page=explore&lang=zh&scenario=teams&seed=7&week=30&grant=20000&teams.team_size=5

A link names the page, the language, the scenario it starts from (a preset
with `scenario=`, a lesson's village with `lesson=`, otherwise the baseline
preset renamed with `name=`), the seed, the week, and only the settings that
differ from that starting scenario: model parameters by name, interventions
switched on or off (`teams=on`), intervention settings (`teams.team_size=5`),
the years, and the scheduled shocks (`shock=cold_wave:105:0.5:8`, or
`shock=none`). Numbers are written so that they read back exactly (Python's
shortest repr), so a link opened elsewhere rebuilds the same village bit for
bit and steps it to the same week. A village file (scenario.village) cannot
travel in a link: the receiver gets the model parameters only.

Reading a link checks every value the way a scenario file is checked (range,
type, cross-field rules) and returns the problems, in the project's own
messages, next to the state it could restore: a wrong value is left out and
said, never a traceback.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

from ..problems import Phrase, Problem, ProblemError
from ..scenarios import PRESETS, Scenario, load_scenario
from ..scenarios.messages import suggest
from ..scenarios.schema import YEARS
from ..sim.interventions import INTERVENTIONS
from ..sim.params import PARAMETER_INDEX
from ..sim.parameter import Param
from ..sim.shocks import SHOCK_SETTINGS, SHOCKS, make_shock
from ..sim.streams import MAX_SEED
from .i18n import LANGS
from .lessons import LESSON_INDEX

DEFAULT_PAGE = "explore"
DEFAULT_LANG = "en"
BASE_PRESET = "baseline"
RESERVED = ("page", "lang", "scenario", "lesson", "name", "seed", "years", "week", "shock")
SHOCK_ORDER = ("kind", "week", "severity", "duration")
SHOCK_PARAM = {p.name: p for p in SHOCK_SETTINGS}


@dataclass
class LinkState:
    """What a link restores (every field checked)."""

    scenario: Scenario
    page: str = DEFAULT_PAGE
    lang: str = DEFAULT_LANG
    lesson: str | None = None
    seed: int = 0
    week: int = 0
    edited: bool = False  # the link changes settings of its starting scenario
    problems: list[Problem] = field(default_factory=list)


# ---------------------------------------------------------------- writing
def number_text(value: Any) -> str:
    """A number as a link writes it: whole numbers plainly, others exactly (repr)."""
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def base_key(name: str, lesson: str | None) -> tuple[str | None, str | None]:
    """(preset, lesson) a session named `name` starts from: the lesson's village when
    the session still runs it, a preset of that name, else neither (the baseline)."""
    entry = LESSON_INDEX.get(lesson or "")
    if entry is not None and name == entry.scenario().name:
        return None, lesson
    if name in PRESETS:
        return name, None
    return None, None


def base_scenario(preset: str | None, lesson: str | None) -> Scenario:
    if preset is not None:
        return load_scenario(preset)
    if lesson is not None:
        return LESSON_INDEX[lesson].scenario()
    return load_scenario(BASE_PRESET)


def base_seed(preset: str | None, lesson: str | None) -> int:
    return LESSON_INDEX[lesson].seed if preset is None and lesson is not None else 0


def encode(scenario: Scenario, *, seed: int, week: int = 0, page: str = DEFAULT_PAGE,
           lang: str = DEFAULT_LANG, lesson: str | None = None,
           base: Scenario | None = None) -> str:
    """The query string (without '?') of a dashboard showing `scenario` at `week`.

    `base`: the starting scenario, when the caller has it already (it is the one
    base_scenario(*base_key(scenario.name, lesson)) returns).
    """
    preset, from_lesson = base_key(scenario.name, lesson)
    if base is None:
        base = base_scenario(preset, from_lesson)
    items: list[tuple[str, str]] = []
    if page != DEFAULT_PAGE:
        items.append(("page", page))
    if lang != DEFAULT_LANG:
        items.append(("lang", lang))
    if lesson is not None:
        items.append(("lesson", lesson))
    if preset is not None:
        items.append(("scenario", preset))
    elif from_lesson is None and scenario.name != BASE_PRESET:
        items.append(("name", scenario.name))
    items.append(("seed", str(seed)))
    if week:
        items.append(("week", str(week)))
    items.extend(setting_items(scenario, base))
    return urlencode(items, safe=":,")


def setting_items(scenario: Scenario, base: Scenario) -> list[tuple[str, str]]:
    """The settings of `scenario` that differ from `base`, as (key, text) pairs."""
    items = []
    if scenario.years != base.years:
        items.append(("years", number_text(scenario.years)))
    params, before = scenario.params.as_dict(), base.params.as_dict()
    items.extend((name, number_text(value)) for name, value in params.items()
                 if value != before.get(name))
    now, was = dict(scenario.interventions), dict(base.interventions)
    for kind, cls in INTERVENTIONS.items():
        if (kind in now) != (kind in was):
            items.append((kind, "on" if kind in now else "off"))
        if kind in now:
            reference = was.get(kind, {p.name: p.default for p in cls.settings()})
            items.extend((f"{kind}.{name}", number_text(value))
                         for name, value in now[kind].items() if value != reference.get(name))
    if _shock_rows(scenario.shocks) != _shock_rows(base.shocks):
        items.extend(("shock", ":".join(number_text(s[k]) for k in SHOCK_ORDER))
                     for s in scenario.shocks)
        if not scenario.shocks:
            items.append(("shock", "none"))
    return items


def _shock_rows(shocks) -> list[tuple]:
    return [tuple(s[k] for k in SHOCK_ORDER) for s in shocks]


# ---------------------------------------------------------------- reading
def decode(search: str | None, pages: tuple[str, ...]) -> LinkState:
    """The state a query string asks for, with the problems of what it could not take.

    `pages`: the dashboard's page keys. Never raises on what a link holds.
    """
    problems: list[Problem] = []
    fields: dict[str, str] = {}
    shocks_text: list[str] = []
    for key, value in parse_qsl((search or "").lstrip("?"), keep_blank_values=True):
        if key == "shock":
            shocks_text.append(value)
        else:
            fields[key] = value

    def choice(key: str, allowed, default):
        value = fields.pop(key, None)
        if value is None:
            return default
        if value in allowed:
            return value
        problems.append(Problem("not_allowed", key, value, {
            "hint": suggest(value, tuple(allowed)), "names": ", ".join(allowed)}))
        return default

    page = choice("page", pages, DEFAULT_PAGE)
    lang = choice("lang", tuple(LANGS), DEFAULT_LANG)
    lesson = choice("lesson", tuple(LESSON_INDEX), None)
    preset = fields.pop("scenario", None)
    if preset is not None and preset not in PRESETS:
        problems.append(Problem("unknown_preset", "scenario", preset,
                                {"names": ", ".join(PRESETS)}))
        preset = None
    name = fields.pop("name", None)
    from_lesson = lesson if preset is None and name is None else None
    base = base_scenario(preset, from_lesson)
    seed = _seed(fields.pop("seed", None), base_seed(preset, from_lesson), problems)
    week_text = fields.pop("week", None)
    scenario, changed = _settings(base, fields, shocks_text, problems)
    if name is not None:
        renamed = dataclasses.replace(scenario, name=name)
        if renamed.problems():  # a name a scenario file would refuse
            problems.extend(p.with_(where="name") for p in renamed.problems()
                            if p.where.startswith("name"))
        else:
            scenario = renamed
    week = 0
    if week_text is not None:
        weeks = scenario.years * 52
        value, problem = Param("week", 0, "weeks", 0, weeks, "", "", "link").convert(week_text)
        if problem is None:
            week = value
        else:
            problems.append(problem)
    return LinkState(scenario=scenario, page=page, lang=lang, lesson=lesson, seed=seed,
                     week=week, edited=changed, problems=problems)


def _seed(text: str | None, default: int, problems: list[Problem]) -> int:
    if text is None:
        return default
    try:
        seed = int(text.strip())
    except ValueError:
        problems.append(Problem("seed_not_whole", "seed", text, {"high": MAX_SEED},
                                shown=repr(text)))
        return default
    if not 0 <= seed <= MAX_SEED:
        problems.append(Problem("seed_out_of_range", "seed", seed, {"high": MAX_SEED}))
        return default
    return seed


def _settings(base: Scenario, fields: dict[str, str], shocks_text: list[str],
              problems: list[Problem]) -> tuple[Scenario, bool]:
    """`base` with the settings a link changes; refused values are left as in `base`."""
    found: list[Problem] = []
    years = base.years
    params: dict[str, Any] = {}
    interventions = {kind: dict(settings) for kind, settings in base.interventions}
    settings: dict[str, dict[str, Any]] = {}
    for key, text in fields.items():
        kind, _, name = key.partition(".")
        try:
            if key == "years":
                years = YEARS.check(text)
            elif key in PARAMETER_INDEX:
                params[key] = PARAMETER_INDEX[key].check(text)
            elif key in INTERVENTIONS and text in ("on", "off"):
                if text == "off":
                    interventions.pop(key, None)
                elif key not in interventions:
                    interventions[key] = {p.name: p.default
                                          for p in INTERVENTIONS[key].settings()}
            elif key in INTERVENTIONS:
                found.append(Problem("not_allowed", key, text, {"hint": "",
                                                                "names": "on, off"}))
            elif kind in INTERVENTIONS and name:
                known = {p.name: p for p in INTERVENTIONS[kind].settings()}
                if name not in known:
                    found.append(Problem("unknown_setting", key,
                                         facts={"names": ", ".join(sorted(known))}))
                else:
                    settings.setdefault(kind, {})[name] = known[name].check(text)
            else:
                allowed = RESERVED + tuple(PARAMETER_INDEX) + tuple(INTERVENTIONS)
                found.append(Problem("unknown_key", key, facts={
                    "hint": suggest(key, allowed),
                    "listed": Phrase("one_of_count", count=len(allowed))}))
        except ProblemError as err:
            found.extend(p.with_(where=key) for p in err.problems)
    for kind, values in settings.items():
        if kind in interventions:
            interventions[kind].update(values)
        else:
            found.append(Problem("intervention_not_in_scenario", "", f"{kind}.{next(iter(values))}", {
                                     "scenario": base.name, "kind": kind,
                                     "present": ", ".join(interventions) or "-"}))
    shocks = _shocks(shocks_text, found) if shocks_text else [dict(s) for s in base.shocks]
    scenario = dataclasses.replace(
        base, years=years, params=base.params.replace(**params),
        interventions=[(kind, interventions[kind]) for kind in INTERVENTIONS
                       if kind in interventions],
        shocks=shocks)
    cross = scenario.problems()
    problems.extend(found + cross)
    if cross:  # values each fine alone but not together: keep the starting scenario
        return base, False
    return scenario, bool(fields or shocks_text)


def _shocks(texts: list[str], problems: list[Problem]) -> list[dict]:
    shocks = []
    for text in texts:
        if text == "none":
            continue
        parts = text.split(":")
        if len(parts) != len(SHOCK_ORDER):
            problems.append(Problem("not_allowed", "shock", text, {
                "hint": "", "names": "KIND:WEEK:SEVERITY:DURATION, none"}))
            continue
        kind, *numbers = parts
        if kind not in SHOCKS:
            problems.append(Problem("unknown_shock", "shock", kind,
                                    {"names": ", ".join(SHOCKS)}))
            continue
        values, bad = {}, False
        for key, raw in zip(SHOCK_ORDER[1:], numbers):
            value, problem = SHOCK_PARAM[key].convert(raw)
            if problem is not None:
                problems.append(problem.with_(where=f"shock.{key}"))
                bad = True
            values[key] = value
        if not bad:
            shocks.append(make_shock(kind, **values).values())
    return shocks
