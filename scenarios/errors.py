"""The one exception a scenario file raises, carrying every problem found in it.

A scenario file is edited by hand, so a user fixing it wants all its problems at
once, each on its own line naming the key, the value and what is allowed, not
the first one per attempt. `ScenarioError` keeps them as a list; `str()` joins
them with the file name in front, ready for a terminal.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def one_line(text: str) -> str:
    """Escape control characters (a newline in a TOML key or a parser message)."""
    return _CONTROL.sub(lambda m: repr(m[0])[1:-1], text)


class ScenarioError(ValueError):
    """A scenario that cannot be read or is not valid.

    Attributes:
        problems: one line per problem, each starting with the key path
            (`interventions[1].team_size: 900 is out of range; ...`) or, for a
            file that cannot be read at all, with what went wrong.
        source: the file path or preset name the scenario came from.
    """

    def __init__(self, problems: list[str], source: str = "<scenario>"):
        self.problems = [one_line(p) for p in problems]
        self.source = one_line(str(source))
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        """The problems, each prefixed with the source: `FILE: key: message`."""
        return [f"{self.source}: {problem}" for problem in self.problems]
