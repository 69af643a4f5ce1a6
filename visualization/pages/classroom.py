"""Classroom mode on Explore: the note while waiting for a run slot, and the card that
submits the current result to the class board (visualization/classroom.py)."""

from __future__ import annotations

import ipyvuetify
import solara
from solara.alias import rv

from .. import classroom
from ..i18n import tr
from .common import AppState, scenario_label


@solara.component
def ClassroomBar(app: AppState, lang: str):
    """Nothing outside classroom mode."""
    if classroom.CLASSROOM is None:
        return
    # put in place by AppState.waiting while this student's run waits for a slot
    note = app.live_widget("waiting", lambda: ipyvuetify.Html(tag="span", children=[""],
                                                              class_="va-waiting"))
    with solara.Column(gap="4px", classes=["va-classroom"]):
        rv.Html(tag="div", children=[note])
        BoardCard(app, lang)


@solara.component
def BoardCard(app: AppState, lang: str):
    student = solara.use_reactive("")
    note = solara.use_reactive("")
    message = solara.use_reactive(None)
    open_, set_open = solara.use_state(False)

    def submit():
        entry = app.submit(student.value, note.value)
        if entry is None:
            message.set(("error", tr("board_full", lang)))
            return
        message.set(("ok", tr("board_done", lang, week=entry["week"],
                              scenario=scenario_label(entry["scenario"], lang))))
        note.set("")

    with solara.Column(gap="2px"):
        solara.Button(tr("board_title", lang) + (" ▲" if open_ else " ▼"), text=True,
                      on_click=lambda: set_open(not open_), classes=["va-board-open"])
        if open_:
            solara.Text(tr("board_intro", lang), classes=["va-expl"])
            with solara.Row(gap="8px", style={"flex-wrap": "wrap", "align-items": "center"}):
                solara.InputText(tr("board_name", lang), value=student, continuous_update=True,
                                 classes=["va-board-name"],
                                 style={"max-width": "200px"})
                solara.InputText(tr("board_note", lang), value=note, continuous_update=True,
                                 classes=["va-board-note"],
                                 style={"min-width": "320px"})
                solara.Button(tr("board_submit", lang), icon_name="mdi-send", color="primary",
                              on_click=submit, classes=["va-board-submit"])
        if message.value:
            kind, text = message.value
            solara.Text(text, classes=["va-refused" if kind == "error" else "va-expl",
                                       "va-board-message"])
