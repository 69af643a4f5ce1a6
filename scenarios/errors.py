"""The one exception a scenario file raises, carrying every problem found in it.

A scenario file is edited by hand, so a user fixing it wants all its problems at
once, each on its own line naming the key, the value and what is allowed, not
the first one per attempt. `ScenarioError` is villageaid.problems.ProblemError
(the error of every checker): its `problems` are Problem records, `lines()`
renders them with the file name in front, ready for a terminal.
"""

from __future__ import annotations

from ..problems import ProblemError, one_line

ScenarioError = ProblemError

__all__ = ["ScenarioError", "one_line"]
