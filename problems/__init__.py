"""Problems found in user input, and the one error that carries them.

Every checker (scenario files, sweep specs, village files, model parameters,
command-line options, dashboard settings) describes what is wrong as a
`Problem`: where it is, a code naming the kind of problem, the value as given
and the facts a message needs (a range, a unit, the allowed names). A
`ProblemError` carries all of them at once. Messages are rendered from
templates keyed by code, one catalogue per language (messages/en.toml,
messages/zh.toml), so a message is never parsed back from its English text.

    from villageaid.problems import Problem, ProblemError
    raise ProblemError([Problem("out_of_range", "grant", -5, range_facts(p))])
"""

from .catalog import CATALOG_LANGS, catalog, render
from .record import NO_VALUE, Phrase, Problem, ProblemError, one_line, plain_number, show

__all__ = ["CATALOG_LANGS", "NO_VALUE", "Phrase", "Problem", "ProblemError", "catalog",
           "one_line", "plain_number", "render", "show"]
