"""Classroom mode: one dashboard on the local network for a class.

    villageaid dashboard --classroom [--code CODE] [--teacher-code CODE] [--max-runs N]
                         [--board FILE]

What a class needs besides the dashboard itself, kept out of the pages:

* `Classroom`: the access code students enter, the teacher's code for the
  class board, and the board; `CLASSROOM` is the one the server runs with
  (None outside classroom mode). classroom_server.py refuses every request
  without the access code and serves the board.
* `RunSlots`: a process-wide cap on model work running at once (building a
  village, stepping it, a comparison), so thirty students pressing Play keep
  the machine responsive: a student over the cap waits for a free slot, and
  the page says so while waiting. Every session shares one Python process
  (Solara's server), so a cap at the CPU count is about as fast as more runs
  would be. Outside classroom mode there is no cap.

Each browser tab is its own Solara kernel with its own AppState (app.Page
makes it with use_memo), so students never share a village.
"""

from __future__ import annotations

import collections
import contextlib
import hashlib
import hmac
import secrets
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..problems import Problem, ProblemError
from .classroom_board import Board

# codes students type from the board: no 0/o, 1/l/i to misread
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-")


def new_code(length: int = 6) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def check_code(option: str, code: str) -> str:
    """A code given on the command line, lower-cased (codes are typed case-insensitively)."""
    value = code.strip().lower()
    if not 1 <= len(value) <= 64 or not set(value) <= CODE_CHARACTERS:
        raise ProblemError([Problem("bad_name", option, code)])
    return value


@dataclass
class Classroom:
    code: str
    teacher_code: str
    board: Board = field(default_factory=Board)
    max_runs: int = 2
    # cookies carry a keyed hash of the code, not the code (a new key per server start)
    _key: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)

    def token(self, code: str) -> str:
        return hmac.new(self._key, code.encode(), hashlib.sha256).hexdigest()

    def is_code(self, given: str | None, teacher: bool = False) -> bool:
        expected = self.teacher_code if teacher else self.code
        return given is not None and hmac.compare_digest(given.strip().lower().encode(),
                                                         expected.encode())

    def is_token(self, given: str | None, teacher: bool = False) -> bool:
        expected = self.token(self.teacher_code if teacher else self.code)
        return given is not None and hmac.compare_digest(given.encode(), expected.encode())


class RunSlots:
    """At most `limit` model runs at once in this process (None: no limit), served in
    the order asked: a student pressing Play, who asks again as soon as a week is
    drawn, cannot overtake one who pressed Step and is waiting."""

    def __init__(self, limit: int | None = None):
        self._held = threading.local()
        self._turns = threading.Condition()
        self._queue: collections.deque = collections.deque()
        self.configure(limit)

    def configure(self, limit: int | None) -> None:
        with self._turns:
            self.limit = limit
            self.running = 0
            self._queue.clear()

    @property
    def waiting(self) -> int:
        return len(self._queue)

    @contextlib.contextmanager
    def hold(self, on_wait: Callable[[bool], None] | None = None) -> Iterator[None]:
        """Run the block in a slot; `on_wait(True)` when it has to wait, `on_wait(False)`
        once it has one. A thread already in a slot does not take a second one."""
        if self.limit is None or getattr(self._held, "depth", 0):
            self._held.depth = getattr(self._held, "depth", 0) + 1
            try:
                yield
            finally:
                self._held.depth -= 1
            return
        ticket = object()
        with self._turns:
            self._queue.append(ticket)
            waited = not self._my_turn(ticket)
        if waited and on_wait is not None:
            on_wait(True)
        with self._turns:
            self._turns.wait_for(lambda: self._my_turn(ticket))
            self._queue.popleft()
            self.running += 1
            self._turns.notify_all()  # the next in the queue may have a slot too
        if waited and on_wait is not None:
            on_wait(False)
        self._held.depth = 1
        try:
            yield
        finally:
            self._held.depth = 0
            with self._turns:
                self.running -= 1
                self._turns.notify_all()

    def _my_turn(self, ticket) -> bool:
        return self._queue[0] is ticket and self.running < self.limit


SLOTS = RunSlots()
# a comparison holds one of SLOTS for minutes (its runs on the worker processes): at most
# all slots but one compare at once, so stepping always has a slot
COMPARISONS = RunSlots()
CLASSROOM: Classroom | None = None


def start(classroom: Classroom) -> None:
    """Run this process's dashboard as `classroom` (before the server starts)."""
    global CLASSROOM
    CLASSROOM = classroom
    SLOTS.configure(classroom.max_runs)
    COMPARISONS.configure(max(1, classroom.max_runs - 1))
