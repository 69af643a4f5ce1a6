"""`villageaid brief`: a comparison's folder written up as brief.html (figures embedded)
and brief.pdf in English and Chinese; the Chinese PDF holds real text (pdftotext finds
the characters and the headings); a difference the replicates do not resolve reads
"cannot tell apart" / "无法区分", never a claim; a folder that is not a comparison, a
factorial's folder, or an unknown --lang is refused with exit 2 and no traceback. An
advise study's folder (recommendation.json) gets its own brief: the portfolio's
interventions named, pareto.png embedded, "cannot tell" when the paired interval
includes 0.

One small comparison (200 residents, 2 years, 2 replicates) and one tiny advise study
(200 residents, 1 year, 4 trials x 2 replicates) are built per module.
"""

import re
import shutil
import subprocess

import pytest

from villageaid.cli import main
from villageaid.experiments.brief_content import gather
from villageaid.visualization.brief_text import compose

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    out = tmp_path_factory.mktemp("brief") / "compare"
    assert main(["compare", "baseline", "teams", "--replicates", "2", "--years", "2",
                 "--residents", "200", "--seed", "1", "--no-progress", "--out",
                 str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def english(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("en") / "c"
    shutil.copytree(folder, out)
    assert main(["brief", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def chinese(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("zh") / "c"
    shutil.copytree(folder, out)
    assert main(["brief", str(out), "--lang", "zh"]) == 0
    return out


def pdf_text(path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: cannot read the PDF's text")
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_html_is_self_contained_with_figures(english):
    html = (english / "brief.html").read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") >= 2  # comparison.png and the drawn one
    assert 'src="http' not in html and "<link" not in html
    for heading in ("Recommendation", "Costs", "Resilience to the shock", "Who is left behind",
                    "What would change the answer", "Assumptions and limits of the model"):
        assert heading in html
    assert "villageaid compare scenarios/baseline.toml scenarios/teams.toml" in html


def test_pdf_exists(english, chinese):
    for folder in (english, chinese):
        data = (folder / "brief.pdf").read_bytes()
        assert data.startswith(b"%PDF")


def test_chinese_pdf_is_real_text(chinese):
    text = pdf_text(chinese / "brief.pdf")
    assert len(CJK.findall(text)) >= 200
    for heading in ("政策简报", "建议", "成本", "应对冲击的能力", "谁被落下", "什么会改变结论",
                    "模型的主要假设与局限", "如何复现"):
        assert heading in text


def test_english_pdf_text(english):
    text = pdf_text(english / "brief.pdf")
    assert "Recommendation" in text and "needs met" in text


def test_unresolved_reads_cannot_tell(folder):
    facts = gather(folder)
    assert facts.pairs, "two scenarios: one pair against the best"
    unresolved = [p for p in facts.pairs if not p.resolved]
    words = {"en": "cannot be told apart", "zh": "无法区分"}
    for lang, word in words.items():
        text = " ".join(str(b[1]) for b in compose(facts, lang))
        if unresolved:
            assert word in text
            assert {"en": "Choose", "zh": "建议选择"}[lang] not in text
        else:
            assert {"en": "Choose", "zh": "建议选择"}[lang] in text


def test_unresolved_forced(folder):
    """Whatever the replicates show, a pair whose interval includes 0 is never a claim."""
    facts = gather(folder)
    for p in facts.pairs:
        p.resolved, p.low, p.high = False, -0.01, 0.01
    en = " ".join(str(b[1]) for b in compose(facts, "en"))
    zh = " ".join(str(b[1]) for b in compose(facts, "zh"))
    assert "Cannot tell apart" in en and "meets more needs than" not in en
    assert "无法区分" in zh


def test_facts_from_the_folder(folder):
    facts = gather(folder)
    assert facts.scenarios == ["baseline", "teams"] and facts.replicates == 2
    assert facts.village["residents"] == 200 and facts.village["elders"] > 0
    assert facts.rerun.startswith("villageaid compare ")


@pytest.mark.parametrize("make, words", [
    (lambda tmp: tmp / "missing", "does not exist"),
    (lambda tmp: tmp, "is not a comparison's folder"),
    (lambda tmp: (tmp / "f.txt").write_text("x") and tmp / "f.txt", "is a file"),
    (lambda tmp: (tmp / "factorial.json").write_text("{}") and tmp, "factorial"),
])
def test_bad_folder_refused(tmp_path, capsys, make, words):
    path = make(tmp_path)
    assert main(["brief", str(path)]) == 2
    err = capsys.readouterr().err
    assert words in err and str(path) in err and "Traceback" not in err
    assert not (tmp_path / "brief.pdf").exists()


def test_unknown_lang_refused(folder, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["brief", str(folder), "--lang", "fr"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "'fr'" in err and "en" in err and "zh" in err


# ------------------------------------------------------------------ an advise folder
@pytest.fixture(scope="module")
def advised(tmp_path_factory):
    """One tiny advise study (200 residents, 1 year, 4 trials x 2 replicates)."""
    out = tmp_path_factory.mktemp("advise") / "a"
    assert main(["advise", "--budget", "75000", "--residents", "200", "--years", "1",
                 "--trials", "4", "--replicates", "2", "--seed", "1", "--workers", "1",
                 "--futures", "6", "--no-progress", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def advise_briefs(advised, tmp_path_factory):
    """The advise folder's brief in English and in Chinese (each in its own copy)."""
    copies = {}
    for lang in ("en", "zh"):
        out = tmp_path_factory.mktemp(f"advise_{lang}") / "a"
        shutil.copytree(advised, out)
        assert main(["brief", str(out), "--lang", lang]) == 0
        copies[lang] = out
    return copies


def test_advise_brief_html_and_pdf(advise_briefs):
    from villageaid.experiments.brief_advise import gather_advise

    folder = advise_briefs["en"]
    html = (folder / "brief.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in html and 'src="http' not in html
    assert (folder / "brief.pdf").read_bytes().startswith(b"%PDF")
    assert (advise_briefs["zh"] / "brief.pdf").read_bytes().startswith(b"%PDF")
    for heading in ("The recommended portfolio", "How sure is this", "What is not yet done",
                    "Assumptions and limits of the model", "How to reproduce it",
                    "The runner-up and the other Pareto options"):
        assert heading in html
    facts = gather_advise(folder)
    assert "villageaid advise --budget 75000 --years 1 --trials 4 --replicates 2" in facts.rerun
    assert facts.rerun_exact and facts.rerun in html
    assert "--futures 6" in facts.rerun
    assert "When the future is not the one planned for" in html and "75,000" in html
    assert "Where the recommended portfolio fails" in html


def test_advise_brief_names_the_interventions(advise_briefs):
    import json

    from villageaid.sim.interventions import INTERVENTIONS
    from villageaid.visualization.i18n import intervention_title

    folder = advise_briefs["en"]
    rec = json.loads((folder / "recommendation.json").read_text(encoding="utf-8"))
    html = (folder / "brief.html").read_text(encoding="utf-8")
    zh = (advise_briefs["zh"] / "brief.html").read_text(encoding="utf-8")
    assert rec["recommended"] is not None
    for kind in rec["recommended"]["interventions"]:
        assert INTERVENTIONS[kind].title in html
        assert intervention_title(kind, "zh") in zh


def test_advise_brief_chinese_headings(advise_briefs):
    zh = (advise_briefs["zh"] / "brief.html").read_text(encoding="utf-8")
    for heading in ("政策简报", "推荐的干预组合", "预期效果", "把握有多大", "尚未完成的工作",
                    "模型的主要假设与局限", "如何复现"):
        assert heading in zh
    text = pdf_text(advise_briefs["zh"] / "brief.pdf")
    assert "推荐的干预组合" in text and len(CJK.findall(text)) >= 200


def test_advise_cannot_tell_when_interval_includes_0(advised):
    """A paired interval that includes 0 reads 'cannot tell', whatever the share says."""
    from villageaid.experiments.brief_advise import gather_advise
    from villageaid.visualization.brief_text import compose_advise

    facts = gather_advise(advised)
    assert facts.runner_up is not None
    facts.recommendation["how_sure"].update(
        share_of_replicates_better=1.0, difference=0.02, difference_low=-0.01,
        difference_high=0.05, verdict="cannot tell")
    en = " ".join(str(b[1]) for b in compose_advise(facts, "en"))
    zh = " ".join(str(b[1]) for b in compose_advise(facts, "zh"))
    assert "we cannot tell which of the two is better" in en and "leaves out 0" not in en
    assert "无法判断两者哪个更好" in zh
    facts.recommendation["how_sure"].update(difference_low=0.01, verdict="better")
    en = " ".join(str(b[1]) for b in compose_advise(facts, "en"))
    assert "leaves out 0" in en and "cannot tell" not in en


def test_advise_rerun_without_study(advised, tmp_path):
    """No study.db: the command holds the recorded options and says what to add."""
    from villageaid.experiments.brief_advise import gather_advise

    out = tmp_path / "a"
    shutil.copytree(advised, out)
    (out / "study.db").unlink()
    facts = gather_advise(out)
    assert not facts.rerun_exact
    assert facts.rerun.startswith("villageaid advise --budget 75000 --years 1 --trials 4")


def test_bad_recommendation_refused(tmp_path, capsys):
    (tmp_path / "recommendation.json").write_text("not json", encoding="utf-8")
    assert main(["brief", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "recommendation.json" in err and "Traceback" not in err
