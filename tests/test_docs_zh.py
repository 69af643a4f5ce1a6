"""The Chinese documentation stays in step with the English.

Each Chinese document (README.zh.md, docs/*.zh.md) is mostly Chinese, links
back to its English twin, and names every `villageaid COMMAND` its twin names;
quoted program output and example files in a Chinese guide are the English
guide's (which tests/test_roster_runs.py and test_sweep_spec.py hold to the
program). The village template's README.zh.md describes every column with the
same numbers and parameter names as README.md.
"""

import re
from pathlib import Path

import pytest

from villageaid.cli import main
from villageaid.scenarios.village_files.readme_zh import COLUMNS_ZH, columns_markdown_zh
from villageaid.sim.roster import TABLES

ROOT = Path(__file__).resolve().parents[1]

# Chinese document -> its English twin
TWINS = {
    "README.zh.md": "README.md",
    "docs/guide_village_files.zh.md": "docs/guide_village_files.md",
    "docs/dashboard.zh.md": "docs/dashboard.md",
    "docs/guide_advise.zh.md": "docs/guide_advise.md",
    "docs/guide_sweeps.zh.md": "docs/guide_sweeps.md",
    "docs/village_types.zh.md": "docs/village_types.md",
}
PRESENT = {zh: en for zh, en in TWINS.items() if (ROOT / zh).exists()}

CHINESE = re.compile(r"[\u4e00-\u9fff]")
COMMAND = re.compile(r"villageaid (run|params|scenarios|validate|compare|village|sweep|"
                     r"sensitivity|calibrate|factorial|advise|dashboard|brief)\b")
# Numbers and snake_case names (parameters, columns) a column's text states.
FACTS = re.compile(r"\d+(?:\.\d+)?%?|[a-z]+(?:_[a-z]+)+")


def _read(path: str) -> str:
    return (ROOT / path).read_text(encoding="utf-8")


def _fenced(text: str) -> list[tuple[str, str]]:
    """(language, body) of every fenced code block, in order."""
    blocks, lang, body = [], None, []
    for line in text.splitlines(keepends=True):
        if line.startswith("```"):
            if lang is None:
                lang, body = line[3:].strip(), []
            else:
                blocks.append((lang, "".join(body)))
                lang = None
        elif lang is not None:
            body.append(line)
    return blocks


def _prose(text: str) -> str:
    """The text outside code blocks and inline code."""
    for _, body in _fenced(text):
        text = text.replace(body, "", 1)
    return re.sub(r"`[^`\n]*`", "", text)


def test_the_main_chinese_documents_exist():
    missing = [zh for zh in ("README.zh.md", "docs/guide_village_files.zh.md",
                             "docs/dashboard.zh.md") if zh not in PRESENT]
    assert not missing, f"Chinese documents missing: {missing}"


@pytest.mark.parametrize("zh", sorted(PRESENT))
def test_a_chinese_document_is_mostly_chinese(zh):
    """Most letters of the prose (code and file names aside) are Chinese characters."""
    prose = _prose(_read(zh))
    chinese = len(CHINESE.findall(prose))
    latin = len(re.findall(r"[A-Za-z]", prose))
    assert chinese > 2 * latin, (
        f"{zh}: {chinese} Chinese characters against {latin} Latin letters in the prose")


@pytest.mark.parametrize("zh", sorted(PRESENT))
def test_twins_link_to_each_other(zh):
    en = PRESENT[zh]
    first = _read(zh).lstrip().splitlines()[0]
    assert "English" in first and Path(en).name in first, (
        f"{zh} should open with a link to its English twin, e.g. 'English: {Path(en).name}'")
    if zh == "README.zh.md":
        assert "README.zh.md" in _read(en).lstrip().splitlines()[0], (
            "README.md should open with a link to README.zh.md")


@pytest.mark.parametrize("zh", sorted(PRESENT))
def test_a_chinese_document_names_every_command_its_twin_names(zh):
    en = PRESENT[zh]
    missing = sorted(set(COMMAND.findall(_read(en))) - set(COMMAND.findall(_read(zh))))
    assert not missing, (
        f"{en} names `villageaid {', '.join(missing)}`, {zh} does not: bring it in step")


def _headings(text: str) -> list[str]:
    """The level of every heading outside code blocks ("##", "###", ...), in order."""
    for _, body in _fenced(text):
        text = text.replace(body, "", 1)
    return re.findall(r"^(#{1,6}) ", text, flags=re.M)


@pytest.mark.parametrize("zh", sorted(PRESENT))
def test_a_chinese_document_has_its_twins_sections(zh):
    """The same headings at the same levels, in order: a section added to the English
    document (a new command, a new page of the dashboard) shows up here."""
    en = PRESENT[zh]
    assert _headings(_read(zh)) == _headings(_read(en)), (
        f"{zh} and {en} differ in their sections (levels {_headings(_read(zh))} against "
        f"{_headings(_read(en))}): translate the English sections that are missing")


NUMBER_CELL = re.compile(r"[\d.,%x +\-/()]*\d[\d.,%x +\-/()]*")


def _table_figures(text: str) -> list[tuple[list[str], list[str]]]:
    """(first cell, the cells that are only figures) of every table row keyed by code."""
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| `") and len(cells) > 1:
            rows.append((re.findall(r"`([^`]+)`", cells[0]),
                         [c for c in cells[1:] if NUMBER_CELL.fullmatch(c)]))
    return rows


@pytest.mark.parametrize("zh", sorted(PRESENT))
def test_a_chinese_documents_tables_state_its_twins_figures(zh):
    """Table rows keyed by a code name (a parameter, a file, a preset) come in the same
    order with the same figures, so a changed default or result reaches the Chinese."""
    en, zh_rows = _table_figures(_read(PRESENT[zh])), _table_figures(_read(zh))
    assert zh_rows == en, (
        f"{zh}: table rows differ from {PRESENT[zh]}: "
        f"{[r for r in en if r not in zh_rows][:3]} against {[r for r in zh_rows if r not in en][:3]}")


@pytest.mark.parametrize("zh", sorted(PRESENT))
def test_the_files_a_chinese_document_points_to_exist(zh):
    """Markdown links and named Chinese documents (`docs/x.zh.md`) resolve."""
    text = _read(zh)
    folder = (ROOT / zh).parent
    links = [folder / target for target in re.findall(r"\]\(([^)#:]+)\)", text)]
    links += [ROOT / name for name in re.findall(r"`?((?:docs/)?[\w/]+\.zh\.md)`?", text)
              if "/" in name or name == "README.zh.md"]
    missing = sorted({str(p.relative_to(ROOT)) for p in links if not p.exists()})
    assert not missing, f"{zh} points to files that do not exist: {missing}"


def _code_blocks(text: str, lang: str = "") -> list[str]:
    return [body for block_lang, body in _fenced(text) if block_lang == lang]


# Guides whose quoted blocks without comments (program output, commands, data) the
# Chinese twin keeps unchanged; the README adds --lang zh to its commands instead.
QUOTING = [zh for zh in sorted(PRESENT) if zh.startswith("docs/")]
# Blocks that describe rather than quote, translated with the prose: the sweep store's layout.
DESCRIBED = ("DIR/sweep.json",)
# Quoted commands the Chinese guide runs with --lang zh instead (its quote is checked
# against the program below).
RUN_EXAMPLE = "$ villageaid run --village villages/example_300 --seed 1 --out out/example_300"
IN_CHINESE = {RUN_EXAMPLE + "\n": RUN_EXAMPLE + " --lang zh\n"}


@pytest.mark.parametrize("zh", QUOTING)
def test_a_chinese_guide_quotes_what_its_twin_quotes(zh):
    """Every block of the English guide without a `#` comment (quoted output,
    commands, JSON, CSV) is in the Chinese guide unchanged; the English guides'
    quotes are held to the program by tests/test_roster_runs.py and others."""
    quoted = [body for _, body in _fenced(_read(PRESENT[zh]))
              if "#" not in body and not body.startswith(DESCRIBED)]
    blocks = [body for _, body in _fenced(_read(zh))]
    quoted = [b for b in quoted if not any(b.startswith(en) and any(
        c.startswith(IN_CHINESE[en]) for c in blocks) for en in IN_CHINESE)]
    if zh == "docs/guide_village_files.zh.md":
        assert len(quoted) >= 5, "the English village guide's quoted outputs were not found"
    missing = [b.splitlines()[0] for b in quoted if b not in blocks]
    assert not missing, (
        f"{zh} lacks or changed the quoted block(s) starting {missing}; paste them from "
        f"{PRESENT[zh]}")


def test_the_village_guide_shows_the_chinese_run_as_it_prints(tmp_path, monkeypatch, capsys):
    """The Chinese guide quotes the example run with --lang zh: the quote is what the
    command prints (all but the run time and the paths)."""
    guide = _read("docs/guide_village_files.zh.md")
    command = IN_CHINESE[RUN_EXAMPLE + "\n"]
    quoted = guide[guide.index(command) + len(command):].split("```")[0]
    monkeypatch.chdir(ROOT)
    assert main(["run", "--village", "villages/example_300", "--seed", "1", "--no-plot",
                 "--lang", "zh", "--out", str(tmp_path / "run")]) == 0
    printed = capsys.readouterr().out

    def comparable(text):
        lines = text.split("Files:")[0].rstrip("\n").splitlines()
        return [line.split("，运行 ")[0] for line in lines]

    assert CHINESE.search(printed), "the run with --lang zh printed no Chinese"
    assert comparable(quoted) == comparable(printed), (
        "docs/guide_village_files.zh.md: the example run is out of date: rerun `villageaid run "
        "--village villages/example_300 --seed 1 --out out/example_300 --lang zh` and paste "
        "its output")


def test_the_village_guide_column_tables_match_the_code():
    guide = _read("docs/guide_village_files.zh.md")
    start, end = "<!-- VILLAGE-COLUMNS-ZH:START -->\n", "\n<!-- VILLAGE-COLUMNS-ZH:END -->"
    block = guide[guide.index(start) + len(start):guide.index(end)]
    assert block == columns_markdown_zh("###").rstrip("\n"), (
        "docs/guide_village_files.zh.md: the column tables differ from the code; paste "
        "columns_markdown_zh('###') (scenarios/village_files/readme_zh.py) between the markers")


def test_the_sweep_guide_shows_the_same_spec():
    if "docs/guide_sweeps.zh.md" not in PRESENT:
        pytest.skip("no Chinese sweep guide")
    en = _code_blocks(_read("docs/guide_sweeps.md"), "toml")
    zh = _code_blocks(_read("docs/guide_sweeps.zh.md"), "toml")
    assert [re.sub(r"#.*", "", b) for b in zh] == [re.sub(r"#.*", "", b) for b in en], (
        "docs/guide_sweeps.zh.md: the TOML examples differ from docs/guide_sweeps.md")


def test_the_readme_scenario_file_is_the_english_one():
    """The Chinese README's example scenario is valid and sets what the English one sets
    (its description aside, which is in Chinese)."""
    import dataclasses

    from villageaid.scenarios import parse_scenario

    zh, en = (parse_scenario(_code_blocks(_read(name), "toml")[0], source=name)
              for name in ("README.zh.md", "README.md"))
    assert CHINESE.search(zh.description)
    assert dataclasses.replace(zh, description=en.description) == en


# ------------------------------------------------------- the village template
def test_every_column_has_a_chinese_entry():
    expected = {(table, c.name) for table, columns in TABLES.items() for c in columns}
    assert set(COLUMNS_ZH) == expected, (
        f"scenarios/village_files/readme_zh.py COLUMNS_ZH: missing "
        f"{sorted(expected - set(COLUMNS_ZH))}, unknown {sorted(set(COLUMNS_ZH) - expected)}")


def test_the_chinese_columns_state_the_english_numbers_and_names():
    """A number or parameter name in a column's English meaning or default is in the
    Chinese one too, so a changed default cannot leave the Chinese README behind."""
    wrong = []
    for table, columns in TABLES.items():
        for c in columns:
            meaning, fill = COLUMNS_ZH[(table, c.name)]
            en = set(FACTS.findall(f"{c.doc} {c.default}"))
            zh = set(FACTS.findall(f"{meaning} {fill}"))
            if en - zh:
                wrong.append(f"{table}.{c.name}: {sorted(en - zh)}")
    assert not wrong, f"Chinese column text lacks what the English states: {wrong}"


def test_the_template_folder_holds_a_chinese_readme(tmp_path, capsys):
    assert main(["village", "template", str(tmp_path / "t")]) == 0
    assert "README.zh.md" in capsys.readouterr().out
    readme = (tmp_path / "t" / "README.zh.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", readme, flags=re.M)
    assert readme.startswith("# 村庄文件\n")
    assert [h for h in headings if CHINESE.search(h)] == ["隐私：先把花名册化名处理", "检查与运行"]
    assert {"residents", "ties", "spaces"} <= set(headings)
    for columns in TABLES.values():
        for c in columns:
            assert f"| `{c.name}` |" in readme, c.name
    assert "| `age` | **是** | 18 至 119（岁） |" in readme
    assert "English: README.md" in readme and "化名" in readme
    # the English README is still there, and both are refused without --force
    assert (tmp_path / "t" / "README.md").read_text(encoding="utf-8").startswith("# Village file")
    (tmp_path / "u").mkdir()
    (tmp_path / "u" / "README.zh.md").write_text("mine", encoding="utf-8")
    assert main(["village", "template", str(tmp_path / "u")]) == 2
    assert "README.zh.md" in capsys.readouterr().err
    assert (tmp_path / "u" / "README.zh.md").read_text(encoding="utf-8") == "mine"


def test_an_exported_village_holds_a_chinese_readme(tmp_path, capsys):
    assert main(["village", "export", str(tmp_path / "v"), "--seed", "3", "--residents", "60"]) == 0
    assert "README.zh.md" in capsys.readouterr().out
    readme = (tmp_path / "v" / "README.zh.md").read_text(encoding="utf-8")
    assert readme.startswith("# 村庄文件\n")
    assert "种子 3，60 名居民" in readme and "逐位重复" in readme
    assert f"villageaid run --village {tmp_path / 'v'} --seed 3" in readme
