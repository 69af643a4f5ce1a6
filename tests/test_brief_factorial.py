"""`villageaid brief DIR` on a factorial folder: HTML and PDF in English and Chinese with
the cells, the single-levels-against-all answer ('cannot tell' when the paired interval
includes 0), the interactions and the ratio scale, the figure embedded and the command
that reproduces it; an unfinished or unreadable factorial is refused, exit 2."""

import json
import re
import shutil
import subprocess

import numpy as np
import pytest

from villageaid.cli import main
from villageaid.experiments.brief_factorial import (ALL, all_versus_single, best_single,
                                                     gather_factorial)
from villageaid.experiments.stats import paired_difference

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    out = tmp_path_factory.mktemp("factorial") / "f"
    assert main(["factorial", "--residents", "200", "--replicates", "2", "--years", "1",
                 "--seed", "3", "--no-progress", "--workers", "1", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def briefs(study):
    html = {}
    for lang in ("en", "zh"):
        assert main(["brief", str(study), "--lang", lang]) == 0
        html[lang] = (study / "brief.html").read_text(encoding="utf-8")
        assert (study / "brief.pdf").read_bytes().startswith(b"%PDF")
    return html


def test_english_brief_sections(briefs, study):
    html = briefs["en"]
    for heading in ("Does any single level of intervention suffice?", "The eight combinations",
                    "Does a single level suffice?", "Do the levels reinforce each other?",
                    "The same effects on a ratio scale", "How to reproduce it"):
        assert heading in html
    assert "data:image/png;base64," in html
    meta = json.loads((study / "factorial.json").read_text())
    assert meta["rerun"] in html


def test_chinese_brief_is_real_text(briefs, study):
    assert "单一层次够不够？" in briefs["zh"]
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: cannot read the PDF's text")
    text = subprocess.run(["pdftotext", str(study / "brief.pdf"), "-"], capture_output=True,
                          text=True).stdout
    assert "各层次是否相互促进" in text and len(CJK.findall(text)) >= 300


def test_single_level_answer_is_the_paired_difference(study):
    facts = gather_factorial(study)
    result = facts.result
    single = best_single(result, "coverage")
    assert single in ("micro", "meso", "macro")
    wide = result.runs.pivot(index="replicate", columns="cell", values="coverage")
    means = wide[["micro", "meso", "macro"]].mean()
    assert single == means.idxmax()
    c = all_versus_single(result, "coverage")
    d = paired_difference(wide[single].to_numpy(), wide[ALL].to_numpy(), (0, 1))
    assert c["difference"] == pytest.approx(np.mean(wide[ALL] - wide[single]))
    assert (c["verdict"] == "cannot tell") == (not d["resolved"])
    assert -1 <= c["low"] <= c["difference"] <= c["high"] <= 1


def test_unfinished_factorial_refused(study, tmp_path, capsys):
    meta = json.loads((study / "factorial.json").read_text())
    (tmp_path / "factorial.json").write_text(json.dumps({**meta, "complete": False}))
    (tmp_path / "cells.csv").write_text((study / "cells.csv").read_text())
    assert main(["brief", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "stopped before every run" in err and meta["rerun"] in err
    assert "Traceback" not in err and not (tmp_path / "brief.pdf").exists()


def test_unreadable_factorial_refused(tmp_path, capsys):
    (tmp_path / "factorial.json").write_text("{not json")
    assert main(["brief", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "cannot be read" in err and "Traceback" not in err
