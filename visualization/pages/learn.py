"""Learn: the six guided lessons of the teacher's kit (visualization/lessons.py).

Each card shows the lesson's objectives, its 90-minute class plan, what to
watch, why it happens, the discussion questions and what to try next, the
command that runs the same village, and the one-click set-up and comparison.
The lesson files in docs/teaching/ hold the same texts plus worksheets,
expected results and debrief notes.
"""

from __future__ import annotations

from html import escape

import solara

from ..i18n import pick, tr
from ..lessons import LESSONS, LEVEL_TEXT, Lesson
from .common import AppState, Explanation

# The Learn page's own headings (the card's other strings are in i18n.UI).
TEXT = {
    "objectives": ("Learning objectives", "学习目标"),
    "plan": ("A 90-minute class", "90 分钟课堂安排"),
    "questions": ("Discussion questions", "讨论问题"),
    "command": ("The same village from the command line", "在命令行中运行同一个村庄"),
    "minutes": ("{m} min", "{m} 分钟"),
    "kit": ("Worksheets, expected results and debrief notes: docs/teaching/ (teacher's kit).",
            "练习单、预期结果和教师总结要点见 docs/teaching/（教师手册）。"),
    "number": ("Lesson {n}: ", "第 {n} 课："),
}


def _t(key: str, lang: str, **values) -> str:
    return pick(TEXT[key], lang).format(**values)


@solara.component
def LearnPage(app: AppState, lang: str):
    with solara.Column(gap="10px", classes=["va-learn"]):
        Explanation(tr("learn_intro", lang) + " " + _t("kit", lang))
        for lesson in LESSONS:
            LessonCard(app, lesson, lang).key(lesson.key)


@solara.component
def LessonCard(app: AppState, lesson: Lesson, lang: str):
    def set_up():
        app.load(lesson.scenario(), seed=lesson.seed)
        app.lesson.set(lesson.key)
        app.notice.set(None)
        app.page.set("explore")

    def compare():
        a, b = lesson.scenario(), lesson.scenario(lesson.compare_with)
        label_a, label_b = f"{a.name}", f"{b.name}"
        app.add_extra(label_a, a)
        app.add_extra(label_b, b)
        app.cmp_a.set(label_a)
        app.cmp_b.set(label_b)
        app.cmp_years.set(lesson.years)
        app.page.set("compare")

    level = pick(LEVEL_TEXT[lesson.level], lang)
    title = _t("number", lang, n=lesson.number) + pick(lesson.title, lang)
    with solara.Card(title, subtitle=tr("lesson_level", lang, level=level),
                     classes=["va-lesson", f"va-lesson-{lesson.key}"]):
        Explanation(pick(lesson.setup, lang))
        # each column is one HTML block: the page stays light to re-render
        with solara.ColumnsResponsive(default=12, large=[4, 4, 4]):
            solara.HTML(tag="div", classes=["va-expl", "va-lesson_objectives"],
                        unsafe_innerHTML=_block(_t("objectives", lang), lesson.objectives,
                                                lang, "• "))
            solara.HTML(tag="div", classes=["va-expl", "va-lesson_plan"],
                        unsafe_innerHTML=_plan(lesson, lang))
            solara.HTML(tag="div", classes=["va-expl", "va-lesson_questions"],
                        unsafe_innerHTML=_block(_t("questions", lang), lesson.questions,
                                                lang, None))
        with solara.ColumnsResponsive(default=12, large=[4, 4, 4]):
            for key, items in (("lesson_watch", lesson.watch), ("lesson_why", lesson.why),
                               ("lesson_try", lesson.try_next)):
                solara.HTML(tag="div", classes=["va-expl", f"va-{key}"],
                            unsafe_innerHTML=_block(tr(key, lang), items, lang,
                                                    "" if key == "lesson_why" else "• "))
        solara.HTML(tag="div", classes=["va-expl", "va-lesson_command"],
                    unsafe_innerHTML=f"<div class='va-section'>{escape(_t('command', lang))}"
                                     f"</div><code>{escape(lesson.cli_run())}</code>")
        with solara.Row(gap="8px"):
            solara.Button(tr("lesson_setup", lang), icon_name="mdi-school", color="primary",
                          on_click=set_up, classes=[f"va-lesson-setup-{lesson.key}"])
            solara.Button(tr("lesson_compare", lang), icon_name="mdi-compare",
                          on_click=compare, classes=[f"va-lesson-compare-{lesson.key}"])


def _block(heading: str, items, lang: str, mark: str | None) -> str:
    """A heading and one paragraph per item: `mark` before each, or numbered (None)."""
    body = "".join(
        f"<p style='margin: 0 0 4px 0'>{mark if mark is not None else f'{i}. '}"
        f"{escape(pick(item, lang))}</p>" for i, item in enumerate(items, 1))
    return f"<div class='va-section'>{escape(heading)}</div>{body}"


def _plan(lesson: Lesson, lang: str) -> str:
    rows = "".join(f"<tr><td style='white-space: nowrap; vertical-align: top; padding-right: "
                   f"8px'>{escape(_t('minutes', lang, m=m))}</td>"
                   f"<td>{escape(pick(step, lang))}</td></tr>" for m, step in lesson.plan)
    return (f"<div class='va-section'>{escape(_t('plan', lang))}</div>"
            f"<table style='border-collapse: collapse'>{rows}</table>")
