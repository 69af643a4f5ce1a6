"""Regenerate the teacher's kit's generated parts from the model.

    python docs/teaching/make_expected.py           # rerun every lesson's seeded
                                                   # scenarios (about a minute), then
                                                   # rewrite expected.json, the scenario
                                                   # files and the lessons' blocks
    python docs/teaching/make_expected.py --docs   # keep expected.json; rewrite the
                                                   # scenario files and blocks only
    python docs/teaching/make_expected.py --check  # exit 1 if a file differs from
                                                   # what would be written

The lessons are defined in visualization/lessons.py; their expected results come
from visualization/lesson_results.py, the blocks from visualization/lesson_docs.py.
Run it after every change to the model, and commit what it writes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from villageaid.visualization.lesson_docs import all_files, splice
from villageaid.visualization.lesson_results import lesson_expected
from villageaid.visualization.lessons import LESSONS

HERE = Path(__file__).resolve().parent
EXPECTED = HERE / "expected.json"
ROOT = HERE.parent.parent  # the project folder, which the scenario paths start from


def expected_text(expected: dict) -> str:
    return json.dumps(expected, indent=1, ensure_ascii=False) + "\n"


def scenario_files() -> dict[Path, str]:
    return {ROOT / lesson.scenario_file(label): lesson.scenario(label).to_toml()
            for lesson in LESSONS for label in lesson.variants}


def wanted(expected: dict) -> dict[Path, str]:
    """Every generated file and the text it should hold."""
    files = {EXPECTED: expected_text(expected), **scenario_files()}
    for lesson, lang, path in all_files(HERE):
        files[path] = splice(path.read_text(encoding="utf-8"), lesson, lang, expected)
    return files


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--docs", action="store_true", help="keep expected.json")
    what.add_argument("--check", action="store_true", help="write nothing; exit 1 on a difference")
    args = parser.parse_args(argv)
    before = EXPECTED.read_text(encoding="utf-8") if EXPECTED.exists() else ""
    if args.docs or args.check:
        expected = json.loads(before)
    else:
        expected = {}
        for lesson in LESSONS:
            print(f"lesson {lesson.number} ({lesson.key}) ...", flush=True)
            expected[lesson.key] = lesson_expected(lesson)
        EXPECTED.write_text(expected_text(expected), encoding="utf-8")  # kept if a file is bad
    stale = [EXPECTED] if expected_text(expected) != before else []
    for path, text in wanted(expected).items():
        if path in stale or path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    verb = "differ from what would be written" if args.check else "written"
    print(f"{len(stale)} file(s) {verb}" + "".join(f"\n  {p.relative_to(ROOT)}" for p in stale))
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
