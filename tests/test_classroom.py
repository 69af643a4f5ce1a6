"""Classroom mode: the access-code gate (ASGI, called directly), the cap on runs at once,
the class board, one village per student, and the dashboard command's options.

benchmarks/load_classroom.py drives 30 sessions against the served app."""

from __future__ import annotations

import asyncio
import json
import threading
import time

import ipyvuetify as v
import pytest
import solara

from villageaid.cli import main as cli_main
from villageaid.problems import ProblemError
from villageaid.visualization import classroom
from villageaid.visualization.classroom import Classroom, RunSlots, check_code
from villageaid.visualization.classroom_board import Board, board_html
from villageaid.visualization.classroom_server import AccessGate


async def inner(scope, receive, send):
    """Stands for Solara's app: answers 200 to HTTP, accepts a websocket."""
    if scope["type"] == "websocket":
        await send({"type": "websocket.accept"})
        return
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"the dashboard"})


GATE = AccessGate(inner, Classroom(code="abc123", teacher_code="teach99"))


def call(path: str, query: str = "", method: str = "GET", cookie: str = "", body: bytes = b"",
         kind: str = "http") -> tuple[int, dict, str]:
    scope = {"type": kind, "method": method, "path": path, "query_string": query.encode(),
             "headers": [(b"cookie", cookie.encode())] if cookie else [], "root_path": "",
             "scheme": "http" if kind == "http" else "ws", "server": ("testserver", 80),
             "client": ("127.0.0.1", 5000), "http_version": "1.1", "asgi": {"version": "3.0"}}
    inbox = [{"type": "http.request", "body": body, "more_body": False} if kind == "http"
             else {"type": "websocket.connect"}]
    sent = []

    async def receive():
        return inbox.pop(0) if inbox else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    asyncio.run(GATE(scope, receive, send))
    if kind == "websocket":
        return (101 if sent[0]["type"] == "websocket.accept" else 403), {}, ""
    headers = {k.decode(): v.decode() for k, v in sent[0]["headers"]}
    text = b"".join(m.get("body", b"") for m in sent[1:]).decode()
    return sent[0]["status"], headers, text


def test_every_request_without_the_access_code_is_refused_in_both_languages():
    status, _, page = call("/")
    assert status == 401 and "access code" in page and "访问码" in page
    assert call("/static/main.js")[0] == 401
    status, _, page = call("/", "code=wrong")
    assert status == 403 and "Wrong code" in page and "访问码不正确" in page
    assert call("/jupyter/api/kernels/k/channels", "session_id=s", kind="websocket")[0] == 403
    assert call("/", cookie="va_access=forged")[0] == 401


def test_the_right_code_sets_a_cookie_that_opens_the_dashboard_and_its_websocket():
    status, headers, _ = call("/", "code=ABC123&seed=7")  # codes are case-insensitive
    assert status == 303 and headers["location"] == "/?seed=7"  # the code leaves the address
    cookie = headers["set-cookie"].split(";")[0]
    assert "abc123" not in cookie and "httponly" in headers["set-cookie"].lower()
    assert call("/", "seed=7", cookie=cookie)[0] == 200
    assert call("/", cookie=cookie)[2] == "the dashboard"
    assert call("/jupyter/api/kernels/k/channels", "session_id=s", cookie=cookie,
                kind="websocket")[0] == 101
    # the login form: right code -> back where the student was going, never off-site
    status, headers, _ = call("/classroom/login", method="POST",
                              body=b"code=abc123&next=%2F%3Flang%3Dzh")
    assert status == 303 and headers["location"] == "/?lang=zh"
    status, headers, _ = call("/classroom/login", method="POST",
                              body=b"code=abc123&next=%2F%2Fevil.example%2F")
    assert headers["location"] == "/"
    assert call("/classroom/login", method="POST", body=b"code=nope&next=%2F")[0] == 403


def test_the_class_board_needs_the_teacher_code_not_the_students():
    student = call("/", "code=abc123")[1]["set-cookie"].split(";")[0]
    assert call("/classroom/board", cookie=student)[0] == 401
    assert call("/classroom/board", "teacher=abc123")[0] == 403
    assert call("/classroom/board.json")[0] == 401
    status, headers, _ = call("/classroom/board", "teacher=teach99")
    assert status == 303
    teacher = headers["set-cookie"].split(";")[0]
    status, _, page = call("/classroom/board", cookie=teacher)
    assert status == 200 and "Class board · 班级看板" in page
    assert json.loads(call("/classroom/board.json", cookie=teacher)[2]) == []
    assert call("/", cookie=teacher)[0] == 200  # the board's links open for the teacher


def test_run_slots_cap_runs_at_once_and_say_when_a_run_waits():
    slots = RunSlots(1)
    told, order = [], []
    first_in = threading.Event()

    def first():
        with slots.hold():
            first_in.set()
            time.sleep(0.3)
            order.append("first")

    def second():
        first_in.wait()
        with slots.hold(told.append):
            order.append("second")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert order == ["first", "second"] and told == [True, False]
    with slots.hold(), slots.hold():  # a run inside a run takes no second slot
        assert slots.running == 1
    assert RunSlots(None).limit is None


def test_run_slots_serve_in_turn_so_a_playing_student_cannot_overtake():
    slots, order = RunSlots(1), []
    playing = threading.Event()

    def play():
        with slots.hold():
            playing.set()
            while slots.waiting == 0:  # until the other student asks
                time.sleep(0.01)
        with slots.hold():  # asks again at once, as Play does after each week
            order.append("next week of play")

    def step():
        playing.wait()
        with slots.hold():
            order.append("step")

    threads = [threading.Thread(target=play), threading.Thread(target=step)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert order == ["step", "next week of play"]


def test_the_board_keeps_submissions_in_its_file_and_shows_them_escaped(tmp_path):
    path = tmp_path / "board.json"
    board = Board(path)
    board.add(student="Li <b>", scenario="teams", seed=7, week=12, weeks=520,
              figures={"coverage": 0.81, "helpers": 40}, note="more teams", link="seed=7")
    again = Board(path)
    assert [e["student"] for e in again.entries] == ["Li <b>"]
    page = board_html(again.snapshot())
    assert "Li &lt;b&gt;" in page and "81%" in page and "href='/?seed=7'" in page
    path.write_text("{not json")
    with pytest.raises(ProblemError) as err:
        Board(path)
    assert err.value.problems[0].where == "--board"


def test_each_student_has_their_own_village_and_can_submit_to_the_board(monkeypatch):
    from villageaid.visualization.app import Layout, Page

    monkeypatch.setattr(classroom, "CLASSROOM", Classroom(code="c0de", teacher_code="t34cher"))
    rendered = [solara.render(Layout(children=[Page()]), handle_error=False)[1]
                for _ in range(2)]
    try:
        one, two = rendered
        one.find(v.Btn, class_="va-step").widget.click()
        weeks = [rc.find(v.Html, class_="va-week").widget.children[0] for rc in rendered]
        assert weeks[0].startswith("Week 1 of") and weeks[1].startswith("Week 0 of")
        one.find(v.Btn, class_="va-board-open").widget.click()
        one.find(v.TextField, class_="va-board-note").widget.v_model = "coverage falls"
        one.find(v.Btn, class_="va-board-submit").widget.click()
        entry, = classroom.CLASSROOM.board.entries
        assert (entry["scenario"], entry["week"], entry["note"]) == ("baseline", 1,
                                                                     "coverage falls")
        assert "week=1" in entry["link"] and entry["figures"]["coverage"] is not None
    finally:
        for rc in rendered:
            rc.close()


def test_dashboard_options_of_classroom_mode_are_checked(capsys):
    assert check_code("--code", " Room-7 ") == "room-7"
    with pytest.raises(ProblemError):
        check_code("--code", "no spaces")
    assert cli_main(["dashboard", "--code", "abc"]) == 2
    assert "--code: works only with --classroom" in capsys.readouterr().err
    assert cli_main(["dashboard", "--classroom", "--code", "bad code!"]) == 2
    assert "--code" in capsys.readouterr().err
    assert cli_main(["dashboard", "--classroom", "--code", "same", "--teacher-code",
                     "SAME"]) == 2
    assert "differs from --code" in capsys.readouterr().err


def test_a_student_over_the_cap_sees_a_waiting_note_until_the_run_starts(monkeypatch):
    from villageaid.visualization.app import Layout, Page

    monkeypatch.setattr(classroom, "CLASSROOM", Classroom(code="c0de", teacher_code="t34cher"))
    monkeypatch.setattr(classroom, "SLOTS", RunSlots(1))
    monkeypatch.setattr("villageaid.visualization.session.SLOTS", classroom.SLOTS)
    rc = solara.render(Layout(children=[Page()]), handle_error=False)[1]
    try:
        note = rc.find(v.Html, class_="va-waiting").widget
        release, taken = threading.Event(), threading.Event()

        def classmate():
            with classroom.SLOTS.hold():
                taken.set()
                release.wait(10)

        other = threading.Thread(target=classmate)
        other.start()
        taken.wait(10)
        step = threading.Thread(target=rc.find(v.Btn, class_="va-step").widget.click)
        step.start()
        deadline = time.monotonic() + 10
        while not note.children[0] and time.monotonic() < deadline:
            time.sleep(0.02)
        assert note.children[0].startswith("Waiting for a free slot: this server runs 1")
        release.set()
        step.join(30)
        other.join(10)
        assert note.children[0] == ""
        assert rc.find(v.Html, class_="va-week").widget.children[0].startswith("Week 1 of")
    finally:
        rc.close()
