"""The class board: results students submit from Explore, listed for the teacher.

A submission is what a student saw at the current week: the scenario, seed,
week, the headline figures, a link that reopens it (url_state.py) and a
short note. The board keeps them in memory and, with --board FILE, in a JSON
file written after each submission (a board file given again is read back,
so a class can continue after a restart). The teacher's page (board_html) is
plain HTML in both languages, served by classroom_server.py behind the
teacher's code.
"""

from __future__ import annotations

import json
import os
import threading
import time
from html import escape
from pathlib import Path
from typing import Any

from ..problems import Problem, ProblemError

MAX_ENTRIES = 2000  # a class submits tens; the cap keeps a runaway client from filling memory
MAX_NOTE = 500
MAX_NAME = 60
FIGURES = ("coverage", "participation", "withdrawn", "helpers", "burnout", "balance")


class Board:
    """Submissions, oldest first; safe to use from every student's thread."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = None if path is None else Path(path)
        self._lock = threading.Lock()
        self.entries: list[dict[str, Any]] = []
        if self.path is not None and self.path.exists():
            self.entries = _read(self.path)

    def add(self, *, student: str, scenario: str, seed: int, week: int, weeks: int,
            figures: dict[str, Any], note: str, link: str) -> dict[str, Any]:
        entry = {
            "time": time.strftime("%Y-%m-%d %H:%M:%S"),
            "student": student.strip()[:MAX_NAME],
            "scenario": scenario, "seed": int(seed), "week": int(week), "weeks": int(weeks),
            "figures": {k: figures.get(k) for k in FIGURES},
            "note": note.strip()[:MAX_NOTE], "link": link,
        }
        with self._lock:
            if len(self.entries) >= MAX_ENTRIES:
                raise ProblemError([Problem("too_long", "board", len(self.entries),
                                            {"length": len(self.entries),
                                             "most": MAX_ENTRIES})])
            self.entries.append(entry)
            if self.path is not None:
                _write(self.path, self.entries)
        return entry

    def snapshot(self) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(e) for e in self.entries]


def _read(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ProblemError([Problem("cannot_read", "--board", str(path),
                                    {"reason": str(err)})]) from None
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        raise ProblemError([Problem("cannot_read", "--board", str(path), {
            "reason": "expected a list of submissions, as this dashboard writes it"})])
    return data


def _write(path: Path, entries: list[dict[str, Any]]) -> None:
    # write beside and rename, so a crash mid-write never leaves half a board
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(entries, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(temporary, path)


HEAD = ("Time 时间", "Student 学生", "Scenario 场景", "Seed 种子", "Week 周",
        "Needs met 需求满足率", "Participation 参与率", "Withdrawn 退缩",
        "Active helpers 活跃帮助者", "Burnout 倦怠", "Budget (CNY) 预算（元）",
        "Note 备注", "Open 打开")


def board_html(entries: list[dict[str, Any]], refresh_s: int = 15) -> str:
    """The teacher's page: every submission, newest first, in both languages."""
    def pct(x):
        return "–" if x is None else f"{100 * x:.0f}%"

    def num(x, digits=0):
        return "–" if x is None else f"{x:,.{digits}f}"

    rows = []
    for e in reversed(entries):
        f = e.get("figures", {})
        cells = [e.get("time", ""), e.get("student", ""), e.get("scenario", ""),
                 str(e.get("seed", "")), f"{e.get('week', '')} / {e.get('weeks', '')}",
                 pct(f.get("coverage")), pct(f.get("participation")), pct(f.get("withdrawn")),
                 num(f.get("helpers")), num(f.get("burnout"), 2), num(f.get("balance")),
                 e.get("note", "")]
        link = escape("/?" + str(e.get("link", "")), quote=True)
        rows.append("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in cells)
                    + f"<td><a href='{link}' target='_blank'>↗</a></td></tr>")
    empty = ("<p>No submissions yet. 还没有提交。</p>" if not rows else "")
    head = "".join(f"<th>{escape(h)}</th>" for h in HEAD)
    return PAGE.format(
        title="Class board · 班级看板",
        head=f'<meta http-equiv="refresh" content="{refresh_s}">',
        body=(f"<h1>Class board · 班级看板</h1><p>{len(entries)} submissions · "
              f"{len(entries)} 份提交 (refreshes every {refresh_s} s · 每 {refresh_s} 秒刷新)</p>"
              f"{empty}<table><tr>{head}</tr>{''.join(rows)}</table>"))


PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
{head}<title>{title}</title>
<style>
body {{ font-family: sans-serif; margin: 24px; color: #222; }}
h1 {{ color: #2e6b4f; font-size: 22px; }}
table {{ border-collapse: collapse; font-size: 14px; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }}
th {{ background: #eef4f0; }}
form input {{ font-size: 18px; padding: 4px 8px; }}
.va-refused {{ color: #b00020; }}
</style></head><body>{body}</body></html>
"""
