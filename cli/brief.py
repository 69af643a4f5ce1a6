"""`villageaid brief DIR`: a comparison's folder written up as a policy brief.

The facts come from experiments/brief_content.py, the words and the HTML and PDF from
visualization/brief_text.py and visualization/brief.py; this module declares the
command's options (so options.py needs one line) and prints what it wrote.
"""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path

from ..problems import Problem

LANGS = ("en", "zh")


def brief_lang(text: str) -> str:
    """--lang, refused with a coded problem naming the value (argparse adds the option)."""
    if text not in LANGS:
        raise argparse.ArgumentTypeError(str(Problem("brief_unknown_lang", "", text,
                                                     shown=repr(text))))
    return text


def add_brief(sub) -> None:
    """The `brief` subcommand's options."""
    brief = sub.add_parser(
        "brief", help="write a comparison, a factorial or an advise study up as a policy brief "
                      "(brief.html and brief.pdf)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=textwrap.fill(
            "Write brief.html (self-contained, figures embedded) and brief.pdf into DIR, "
            "the folder of a comparison (villageaid compare ... --out DIR): the question, "
            "the village, the options, a recommendation with its uncertainty ('cannot tell "
            "apart' where a paired interval includes 0), costs, resilience to the shock, "
            "who is left behind, what would change the answer, the model's limits and the "
            "command that reproduces it. DIR may also be the folder of an advise study "
            "(villageaid advise ... --out DIR, recognised by recommendation.json): the "
            "brief then gives the budget question, the recommended portfolio and its cost "
            "against the budget, its objectives with 95% intervals, how sure it is against "
            "the runner-up ('cannot tell' where the paired interval includes 0), the other "
            "Pareto options, pareto.png, how each option fares over futures and where the "
            "recommended one fails, the model's limits and the command that reproduces the "
            "study. DIR may also be the folder of a factorial (villageaid factorial ... --out "
            "DIR, recognised by factorial.json): does any single level suffice (all levels "
            "against the best single level, paired), do the levels reinforce each other "
            "(interactions, additive and on a ratio scale), factorial.png, the limits and "
            "the command.", 80),
        epilog="Example: villageaid compare baseline teams --out out/compare && "
               "villageaid brief out/compare --lang zh")
    brief.add_argument("folder", metavar="DIR", type=Path,
                       help="folder written by villageaid compare, factorial or advise --out")
    brief.add_argument("--lang", type=brief_lang, default="en", metavar="{en,zh}",
                       help="language of the brief: en (English, the default) or zh (简体中文)")


def cmd_brief(args) -> int:
    from ..visualization.brief import write_brief

    paths = write_brief(args.folder, args.lang)
    print("Files:")
    for name, path in paths.items():
        print(f"  {name:8s} {path}")
    return 0
