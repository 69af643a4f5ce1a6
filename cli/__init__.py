"""The `villageaid` command line.

Every bad input ends in one line naming the option, the value and what was
expected, and exit status 2; never a traceback. A scenario file can hold
several problems: each gets its own line, all at once. `options.py` builds the
parser; each command is a `cmd_NAME(args)` in run.py, studies.py or tools.py.
"""

from __future__ import annotations

import os
import sys

from ..problems import ProblemError
from .options import EXIT_USAGE, build_parser
from .brief import cmd_brief
from .advise import cmd_advise
from .calibrate import cmd_calibrate
from .factorial import cmd_factorial
from .run import cmd_run
from .run import format_summary
from .studies import cmd_compare, cmd_sensitivity, cmd_sweep
from .tools import cmd_dashboard, cmd_params, cmd_scenarios, cmd_validate, cmd_village

__all__ = ["build_parser", "format_summary", "main"]


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    commands = {"run": cmd_run, "params": cmd_params, "scenarios": cmd_scenarios,
                "validate": cmd_validate, "compare": cmd_compare, "sweep": cmd_sweep,
                "sensitivity": cmd_sensitivity, "village": cmd_village}
    commands["dashboard"] = cmd_dashboard
    commands["calibrate"] = cmd_calibrate
    commands["factorial"] = cmd_factorial
    commands["advise"] = cmd_advise
    commands["brief"] = cmd_brief
    try:
        code = commands[args.command](args)
        sys.stdout.flush()  # a closed pipe shows here, not as a warning at exit
        return code
    except ProblemError as err:
        for line in err.lines():  # one line per problem
            print(f"villageaid {args.command}: error: {line}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # the reader went away (`villageaid params | head`): stop quietly, as a command
        # killed by SIGPIPE does; stdout goes to devnull so the exit flush cannot fail
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + 13
    except OSError as err:
        # an OSError without a file (a timeout, a lost connection) is shown as it is
        what = f"{err.filename}: {err.strerror}" if err.filename else (
            err.strerror or str(err) or type(err).__name__)
        print(f"villageaid {args.command}: error: {what}", file=sys.stderr)
        return 1
    except RuntimeError as err:
        from ..experiments.executor import WorkersLost

        if not isinstance(err, WorkersLost):
            raise
        print(f"villageaid {args.command}: error: {err}; nothing was written",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # run and compare write their files only once they finish
        print(f"villageaid {args.command}: interrupted; nothing was written", file=sys.stderr)
        return 130
