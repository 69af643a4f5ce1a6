"""Learn: guided lessons for micro, meso and macro practice (visualization/lessons.py)."""

from __future__ import annotations

from html import escape

import solara

from ..i18n import LEVEL_KEY, pick, tr
from ..lessons import LESSONS, Lesson
from .common import AppState, Explanation


@solara.component
def LearnPage(app: AppState, lang: str):
    with solara.Column(gap="10px", classes=["va-learn"]):
        Explanation(tr("learn_intro", lang))
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

    level = tr(LEVEL_KEY[lesson.level], lang)
    with solara.Card(pick(lesson.title, lang), subtitle=tr("lesson_level", lang, level=level),
                     classes=["va-lesson", f"va-lesson-{lesson.key}"]):
        Explanation(pick(lesson.setup, lang))
        # each column is one HTML block: the page stays light to re-render
        with solara.ColumnsResponsive(default=12, large=[4, 4, 4]):
            for key, items, bullet in (("lesson_watch", lesson.watch, True),
                                       ("lesson_why", lesson.why, False),
                                       ("lesson_try", lesson.try_next, True)):
                solara.HTML(tag="div", classes=["va-expl", f"va-{key}"],
                            unsafe_innerHTML=_block(tr(key, lang), items, lang, bullet))
        with solara.Row(gap="8px"):
            solara.Button(tr("lesson_setup", lang), icon_name="mdi-school", color="primary",
                          on_click=set_up, classes=[f"va-lesson-setup-{lesson.key}"])
            solara.Button(tr("lesson_compare", lang), icon_name="mdi-compare",
                          on_click=compare, classes=[f"va-lesson-compare-{lesson.key}"])


def _block(heading: str, items, lang: str, bullet: bool) -> str:
    mark = "• " if bullet else ""
    body = "".join(f"<p style='margin: 0 0 4px 0'>{mark}{escape(pick(item, lang))}</p>"
                   for item in items)
    return f"<div class='va-section'>{escape(heading)}</div>{body}"
