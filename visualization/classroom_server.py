"""Serving the dashboard to a class: an access-code gate around Solara's Starlette app.

Every request, the page, its assets and the websocket of each session, must
carry the access code: a cookie set by the small login form (or by opening
`/?code=CODE` once, which sets the cookie and drops the code from the
address). Without it the server answers 401 with the login form, with a
wrong code 403, both in English and Chinese; a websocket without it is
closed before it opens (the browser sees 403). The class board
(`/classroom/board`, and `/classroom/board.json`) needs the teacher's code
in the same way, which opens the dashboard as well. Solara's app itself is
unchanged: `solara run` builds the same `solara.server.starlette.app`; here it
is wrapped (ASGI middleware) and served with uvicorn, in this process, so the
pages see `classroom.CLASSROOM`.
"""

from __future__ import annotations

import os
import socket
from html import escape
from urllib.parse import parse_qs, urlencode

from starlette.requests import HTTPConnection, Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from . import classroom as classroom_mod
from .classroom import Classroom
from .classroom_board import PAGE, board_html

ACCESS_COOKIE = "va_access"
TEACHER_COOKIE = "va_teacher"
LOGIN = "/classroom/login"
BOARD = "/classroom/board"
BOARD_JSON = "/classroom/board.json"
MAX_FORM = 4096  # bytes of a login form: a code and where to go next


class AccessGate:
    """ASGI middleware: pass a request on only with the class's access code."""

    def __init__(self, app, classroom: Classroom):
        self.app = app
        self.classroom = classroom

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket":
            if self._has(HTTPConnection(scope), teacher=False) is True:
                await self.app(scope, receive, send)
            else:  # closing before accepting: the handshake fails with 403
                await send({"type": "websocket.close", "code": 1008})
            return
        if scope["type"] != "http":  # lifespan
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        path = scope.get("path", "")
        if path == LOGIN and request.method == "POST":
            response = await self._login(request, teacher=False)
        elif path in (BOARD, BOARD_JSON):
            response = await self._board(request)
        else:
            state = self._has(request, teacher=False)
            if state is True and "code" in request.query_params:
                response = _enter(request, ACCESS_COOKIE, self.classroom.token(
                    self.classroom.code), drop="code")
            elif state is True:
                await self.app(scope, receive, send)
                return
            else:
                response = login_page(wrong=state is None, teacher=False,
                                      next_url=_here(request, drop="code"))
        await response(scope, receive, send)

    def _has(self, conn: HTTPConnection, teacher: bool) -> bool | None:
        """True with the right code (cookie or ?code=), None with a wrong one, False
        with none."""
        key, cookie = ("teacher", TEACHER_COOKIE) if teacher else ("code", ACCESS_COOKIE)
        if self.classroom.is_token(conn.cookies.get(cookie), teacher):
            return True
        # the teacher opens the dashboard too (the board's links to what students saw)
        if not teacher and self.classroom.is_token(conn.cookies.get(TEACHER_COOKIE), True):
            return True
        given = conn.query_params.get(key)
        if given is None:
            return False
        return True if self.classroom.is_code(given, teacher) else None

    async def _login(self, request: Request, teacher: bool) -> Response:
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_FORM:
                return login_page(wrong=True, teacher=teacher, next_url="/")
        form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
        next_url = form.get("next", "/")
        if not next_url.startswith("/") or next_url.startswith("//"):
            next_url = "/"  # only back into this server
        if not self.classroom.is_code(form.get("teacher" if teacher else "code"), teacher):
            return login_page(wrong=True, teacher=teacher, next_url=next_url)
        code = self.classroom.teacher_code if teacher else self.classroom.code
        response = RedirectResponse(next_url, status_code=303)
        _set_cookie(response, TEACHER_COOKIE if teacher else ACCESS_COOKIE,
                    self.classroom.token(code))
        return response

    async def _board(self, request: Request) -> Response:
        if request.method == "POST":
            return await self._login(request, teacher=True)
        state = self._has(request, teacher=True)
        if state is not True:
            return login_page(wrong=state is None, teacher=True,
                              next_url=_here(request, drop="teacher"))
        if "teacher" in request.query_params:
            return _enter(request, TEACHER_COOKIE,
                          self.classroom.token(self.classroom.teacher_code), drop="teacher")
        entries = self.classroom.board.snapshot()
        if request.url.path == BOARD_JSON:
            return JSONResponse(entries)
        return HTMLResponse(board_html(entries))


def _here(request: Request, drop: str) -> str:
    query = [(k, v) for k, v in request.query_params.multi_items() if k != drop]
    return request.url.path + ("?" + urlencode(query) if query else "")


def _enter(request: Request, cookie: str, token: str, drop: str) -> Response:
    """The right code in the address: set the cookie and show the address without it."""
    response = RedirectResponse(_here(request, drop), status_code=303)
    _set_cookie(response, cookie, token)
    return response


def _set_cookie(response: Response, name: str, token: str) -> None:
    response.set_cookie(name, token, httponly=True, samesite="lax", path="/")


def login_page(wrong: bool, teacher: bool, next_url: str) -> HTMLResponse:
    """The form for the code: 401 without one, 403 after a wrong one (English and Chinese)."""
    if teacher:
        title = "Class board: teacher's code · 班级看板：教师口令"
        ask = "Enter the teacher's code to see the class board. 请输入教师口令以查看班级看板。"
        field, action = "teacher", BOARD
    else:
        title = "villageaid classroom · villageaid 课堂"
        ask = ("This dashboard is for one class. Enter the access code your teacher gave you. "
               "此仪表盘仅供本班使用，请输入老师给你的访问码。")
        field, action = "code", LOGIN
    refused = ("<p class='va-refused'>Wrong code; try again. 访问码不正确，请重试。</p>"
               if wrong else "")
    body = (f"<h1>{escape(title)}</h1><p>{escape(ask)}</p>{refused}"
            f"<form method='post' action='{action}'>"
            f"<input name='{field}' autofocus autocomplete='off' aria-label='code 访问码'>"
            f"<input type='hidden' name='next' value='{escape(next_url, quote=True)}'>"
            "<input type='submit' value='Enter · 进入'></form>")
    return HTMLResponse(PAGE.format(title=escape(title), head="", body=body),
                        status_code=403 if wrong else 401)


def local_address() -> str:
    """This computer's address on the local network (what students type), or its name."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))  # no packet is sent for UDP connect
            return probe.getsockname()[0]
        except OSError:
            return socket.gethostname()


def gated_app(classroom: Classroom):
    """Solara's Starlette app for the dashboard behind the access-code gate."""
    os.environ["SOLARA_APP"] = "villageaid.visualization.app"
    os.environ.setdefault("SOLARA_THEME_SHOW_BANNER", "False")
    import solara.server.settings as settings

    settings.main.mode = "production"
    settings.theme.show_banner = False
    classroom_mod.start(classroom)
    from solara.server.starlette import app

    return AccessGate(app, classroom)


def serve_classroom(host: str, port: int, classroom: Classroom) -> int:
    """Serve the gated dashboard with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(gated_app(classroom), host=host, port=port, log_level="warning")
    return 0


__all__ = ["AccessGate", "gated_app", "local_address", "login_page", "serve_classroom"]
