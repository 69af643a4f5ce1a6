"""Load test of classroom mode: many students stepping their own villages at once.

    .venv/bin/python benchmarks/load_classroom.py            # 30 sessions x 5 steps
    .venv/bin/python benchmarks/load_classroom.py --sessions 10 --steps 3 --max-runs 2

Starts `villageaid dashboard --classroom` on 127.0.0.1 (a free port, its own
codes), then:

1. checks that the server refuses what it must: the page without a code
   (401), with a wrong code (403), a websocket without the cookie, the class
   board without the teacher's code (401) or with the students' code (403);
2. opens --sessions sessions at once, each the way the browser does it (the
   access code for the cookie, then Solara's websocket: the Jupyter widget
   protocol, `run` on the solara.control comm, every widget's comm_open), and
   once all are open, in every session at once presses Step --steps times
   (each click when the last one has shown), the click sent to the Step
   button's widget as the page sends it, timing each click until the
   session's own week counter shows the next week. A session that saw another's week would
   fail the check: each must count 1, 2, ... on its own;
3. prints the step latency percentiles (p50, p90, p99, max), the time to open
   a session, and the refusals. The whole run has a hard limit (--limit, 180 s).

Each session builds and steps a default village (1,000 residents) on the
server, so this measures the server's model work under the --max-runs cap
(default: the CPU count), not the browser's drawing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import websockets
from solara.server.kernel import deserialize_binary_message

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "support"))
from browser import free_port  # noqa: E402

CODE, TEACHER = "load-test", "teacher-load"


def http_status(url: str, data: bytes | None = None) -> tuple[int, dict]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, data=data), timeout=30) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers)


def access_cookie(base: str) -> str:
    status, headers = http_status(f"{base}?code={CODE}")
    assert status == 303, status
    return headers["set-cookie"].split(";")[0]


def message(msg_type: str, content: dict, session: str) -> str:
    return json.dumps({
        "header": {"msg_id": uuid.uuid4().hex, "username": "load", "session": session,
                   "msg_type": msg_type, "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": {}, "content": content, "buffers": [],
        "channel": "shell"})


class Session:
    """One student's page, through Solara's websocket."""

    def __init__(self, base: str, cookie: str):
        self.base, self.cookie = base, cookie
        self.kernel, self.page = uuid.uuid4().hex, uuid.uuid4().hex
        self.states: dict[str, dict] = {}
        self.week_widget = self.step_button = None
        self.week_text = ""
        self.control = uuid.uuid4().hex
        self.finished = asyncio.Event()
        self.changed = asyncio.Event()

    async def open(self) -> float:
        started = time.perf_counter()
        ws_url = (self.base.replace("http", "ws") +
                  f"jupyter/api/kernels/{self.kernel}/channels?session_id={self.page}")
        self.ws = await websockets.connect(ws_url, additional_headers={"Cookie": self.cookie},
                                           max_size=None)
        self.reader = asyncio.create_task(self.read())
        await self.ws.send(message("comm_open", {"comm_id": self.control,
                                                 "target_name": "solara.control", "data": {}},
                                   self.page))
        await self.ws.send(message("comm_msg", {"comm_id": self.control, "data": {
            "method": "run", "args": {"path": "/", "appName": "__default__", "dark": False,
                                      "themes": None}}}, self.page))
        await self.finished.wait()
        for comm_id, state in self.states.items():
            classes = str(state.get("class_") or "")
            if state.get("_model_name") == "BtnModel" and "va-step" in classes.split():
                self.step_button = comm_id
            if "va-week" in classes.split() and state.get("tag") == "span":
                self.week_widget = comm_id
                self.week_text = state["children"][0]
        assert self.step_button and self.week_widget, "no Step button or week on the page"
        return time.perf_counter() - started

    async def read(self) -> None:
        async for raw in self.ws:
            msg = deserialize_binary_message(raw) if isinstance(raw, bytes) else json.loads(raw)
            kind, content = msg["header"]["msg_type"], msg.get("content", {})
            data = content.get("data", {})
            if kind == "comm_open":
                self.states[content["comm_id"]] = data.get("state", {})
            elif kind == "comm_msg" and content.get("comm_id") == self.control:
                if data.get("method") == "finished":
                    self.finished.set()
            elif kind == "comm_msg" and data.get("method") == "update":
                state = self.states.setdefault(content["comm_id"], {})
                state.update(data.get("state", {}))
                if content["comm_id"] == self.week_widget and "children" in data.get("state",
                                                                                     {}):
                    self.week_text = data["state"]["children"][0]
                    self.changed.set()

    async def step(self, week: int) -> float:
        """Press Step; the seconds until this session's week counter shows `week`."""
        started = time.perf_counter()
        self.changed.clear()
        await self.ws.send(message("comm_msg", {"comm_id": self.step_button, "data": {
            "method": "custom", "content": {"event": "click", "data": {}}}}, self.page))
        while not self.week_text.startswith(f"Week {week} of"):
            await self.changed.wait()
            self.changed.clear()
        return time.perf_counter() - started

    async def close(self) -> None:
        self.reader.cancel()
        await self.ws.close()


async def refusals(base: str) -> dict[str, int | str]:
    ws_url = base.replace("http", "ws") + "jupyter/api/kernels/x/channels?session_id=y"
    try:
        async with websockets.connect(ws_url):
            websocket = "opened"
    except websockets.exceptions.InvalidStatus as err:
        websocket = err.response.status_code
    return {
        "page without a code": http_status(base)[0],
        "page with a wrong code": http_status(f"{base}?code=nope")[0],
        "login form with a wrong code": http_status(f"{base}classroom/login",
                                                    b"code=nope&next=/")[0],
        "websocket without the cookie": websocket,
        "board without the teacher's code": http_status(f"{base}classroom/board")[0],
        "board with the students' code": http_status(f"{base}classroom/board?teacher={CODE}")[0],
    }


EXPECTED = {"page without a code": 401, "page with a wrong code": 403,
            "login form with a wrong code": 403, "websocket without the cookie": 403,
            "board without the teacher's code": 401, "board with the students' code": 403}


async def student(base: str, steps: int, opened: list, latencies: list, weeks: list,
                  ready: asyncio.Barrier) -> None:
    session = Session(base, await asyncio.to_thread(access_cookie, base))
    opened.append(await session.open())
    await ready.wait()  # every student steps at once, after every page has opened
    mine = []
    for week in range(1, steps + 1):
        latencies.append(await session.step(week))
        mine.append(int(session.week_text.split()[1]))
    weeks.append(mine)
    await session.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def load(base: str, sessions: int, steps: int, limit: float) -> dict:
    """Every student at once; what was measured when the limit ends the run is kept."""
    result = {"opened": [], "latencies": [], "weeks": [], "errors": []}
    started = time.perf_counter()
    ready = asyncio.Barrier(sessions)
    tasks = [asyncio.create_task(student(base, steps, result["opened"], result["latencies"],
                                         result["weeks"], ready)) for _ in range(sessions)]
    done, pending = await asyncio.wait(tasks, timeout=limit)
    for task in pending:
        task.cancel()
    result["errors"] = [repr(t.exception()) for t in done if t.exception() is not None]
    if pending:
        result["errors"].append(f"{len(pending)} sessions unfinished after {limit:.0f} s")
    result["seconds"] = time.perf_counter() - started
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sessions", type=int, default=30)
    ap.add_argument("--steps", type=int, default=5)
    ap.add_argument("--max-runs", type=int, default=None)
    ap.add_argument("--limit", type=float, default=180.0, help="hard limit in seconds")
    args = ap.parse_args(argv)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    command = [sys.executable, "-m", "villageaid", "dashboard", "--classroom", "--host",
               "127.0.0.1", "--port", str(port), "--code", CODE, "--teacher-code", TEACHER]
    if args.max_runs:
        command += ["--max-runs", str(args.max_runs)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while _status(base) != 401:
            if time.monotonic() > deadline or server.poll() is not None:
                print("the classroom server did not start", file=sys.stderr)
                return 1
            time.sleep(0.5)
        refused = asyncio.run(refusals(base))
        result = asyncio.run(load(base, args.sessions, args.steps, args.limit))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return report(args, refused, result)


def _status(base: str) -> int | None:
    try:
        return http_status(base)[0]
    except OSError:
        return None


def report(args, refused: dict, result: dict) -> int:
    ms = [1000 * x for x in result["latencies"]]
    cap = args.max_runs or os.cpu_count()
    print(f"{args.sessions} sessions x {args.steps} steps on 127.0.0.1, at most {cap} runs at "
          f"once, {os.cpu_count()} CPUs: {result['seconds']:.1f} s in all")
    if result["opened"]:
        print(f"  open a session (page built, village of 1,000 residents): median "
              f"{statistics.median(result['opened']):.1f} s, max {max(result['opened']):.1f} s")
    if ms:
        print(f"  step latency (click to the session's new week), {len(ms)} steps: "
              f"p50 {percentile(ms, 0.5):.0f} ms, p90 {percentile(ms, 0.9):.0f} ms, "
              f"p99 {percentile(ms, 0.99):.0f} ms, max {max(ms):.0f} ms")
    own = all(w == list(range(1, args.steps + 1)) for w in result["weeks"])
    print(f"  each session counted its own weeks 1..{args.steps}: {own} "
          f"({len(result['weeks'])} of {args.sessions} sessions finished)")
    for what, status in refused.items():
        print(f"  refused: {what}: {status} (expected {EXPECTED[what]})")
    for error in result["errors"][:5]:
        print(f"  error: {error}")
    ok = (own and not result["errors"] and len(result["weeks"]) == args.sessions
          and refused == EXPECTED)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
