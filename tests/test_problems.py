"""Problem records and their catalogues: every checker says what is wrong as a code,
where, the value and facts; each language words it from its own catalogue."""

import ast
import importlib
import string
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from villageaid.problems import CATALOG_LANGS, Problem, ProblemError, catalog, render
from villageaid.scenarios import ScenarioError, parse_scenario
from villageaid.sim.params import PARAMETER_INDEX, ParameterError, make_params

catalog_module = importlib.import_module("villageaid.problems.catalog")


def _messages(lang):
    path = resources.files("villageaid.problems").joinpath("messages", f"{lang}.toml")
    return tomllib.loads(path.read_text("utf-8"))["messages"]


def _fields(template):
    return sorted({name for _, name, _, _ in string.Formatter().parse(template) if name})


@pytest.mark.parametrize("lang", [lang for lang in CATALOG_LANGS if lang != "en"])
def test_every_english_code_exists_in_each_catalogue_with_the_same_placeholders(lang):
    english, other = _messages("en"), _messages(lang)
    assert sorted(set(english) - set(other)) == []
    assert sorted(set(other) - set(english)) == []
    assert [code for code in english if _fields(english[code]) != _fields(other[code])] == []


def test_a_parameter_problem_carries_code_where_value_and_facts():
    with pytest.raises(ParameterError) as exc:
        make_params(grant=2e8, residents="abc")
    grant, residents = exc.value.problems
    assert (grant.code, grant.where, grant.value) == ("out_of_range", "grant", 2e8)
    assert (grant.facts["low"], grant.facts["high"], grant.facts["unit"]) == (0, 1e8, "CNY/year")
    assert (residents.code, residents.where, residents.value) == (
        "not_whole_number", "residents", "abc")
    assert str(grant) == "grant: 200,000,000 is out of range; expected 0 to 100,000,000 (CNY/year)"


def test_a_scenario_problem_maps_pydantic_type_onto_the_record():
    with pytest.raises(ScenarioError) as exc:
        parse_scenario('name = "x"\n[[interventions]]\ntype = "teams"\nteam_size = 900\n'
                       'colour = 1\n', source="s.toml")
    size, colour = exc.value.problems
    assert (size.code, size.where, size.value) == ("out_of_range", "interventions[0].team_size",
                                                   900)
    assert size.loc == ("interventions", 0, "team_size")
    assert (colour.code, colour.where) == ("unknown_key", "interventions[0].colour")
    assert exc.value.lines()[0] == ("s.toml: interventions[0].team_size: 900 is out of range; "
                                    "expected 0 to 500 (members per village)")
    assert exc.value.lines("zh")[0].startswith("s.toml：interventions[0].team_size：900 超出范围")


def test_rewording_english_keeps_chinese_because_lookup_is_by_code(monkeypatch):
    problem = Problem("out_of_range", "grant", -5, PARAMETER_INDEX["grant"].range_facts())
    chinese = render(problem, "zh")
    reworded = {**catalog("en").messages,
                "out_of_range": "{value} lies outside {low:n}..{high:n}"}
    original = catalog_module.catalog

    def patched(lang):
        cat = original(lang)
        if lang == "en":
            return catalog_module.Catalog("en", reworded, cat.terms, cat.sep, cat.join, cat.part)
        return cat

    monkeypatch.setattr(catalog_module, "catalog", patched)
    assert render(problem, "en") == "grant: -5 lies outside 0..100,000,000"
    assert render(problem, "zh") == chinese == "grant：-5 超出范围；应为 0 至 100,000,000（CNY/year）"


def test_an_error_keeps_every_problem_and_a_plain_message_is_shown_as_it_is():
    err = ProblemError([Problem("no_such_file"), "something else: as it is"], source="a.toml")
    assert err.lines() == ["a.toml: no such file", "a.toml: something else: as it is"]
    assert err.lines("zh") == ["a.toml：没有这个文件", "a.toml：something else: as it is"]
    assert str(err) == "a.toml: no such file\na.toml: something else: as it is"
    inner = ProblemError([Problem("out_of_range", "team_size", 900, {
        "low": 0, "high": 500, "unit": "members per village", "quoted": ""})])
    assert str(inner.within("teams")).startswith("teams.team_size: 900 is out of range")


def test_control_characters_stay_on_one_line():
    problem = Problem("missing_required", "odd\nkey")
    assert str(problem) == "odd\\nkey: missing; this key is required"


# ------------------------------------------------ every refusal is a coded record
ERRORS = {"ProblemError", "SweepError", "ParameterError", "RosterError", "ScenarioError",
          "SettingError", "WorkersLost"}
PACKAGES = ("experiments", "cli", "scenarios")


def _is_text(node) -> bool:
    """A message written as a string: a literal, an f-string, text + text, "...".format()."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return _is_text(node.left) or _is_text(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr in ("format", "join") and _is_text(node.func.value)
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return any(_is_text(e) for e in node.elts)
    if isinstance(node, (ast.ListComp, ast.GeneratorExp, ast.SetComp)):
        return _is_text(node.elt)
    if isinstance(node, ast.IfExp):
        return _is_text(node.body) or _is_text(node.orelse)
    return False


def _name(func) -> str:
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _plain_messages(root: Path) -> list[str]:
    found = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            tree = ast.parse(path.read_text("utf-8"), str(path))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                name = _name(node.func)
                text_call = (name == "text" and isinstance(node.func, ast.Attribute)
                             and _name(node.func.value) == "Problem")
                args = [*node.args, *(k.value for k in node.keywords if k.arg == "problems")]
                if text_call or (name in ERRORS and args and _is_text(args[0])):
                    found.append(f"{path.relative_to(root)}:{node.lineno}: {name}")
    return found


def test_the_scan_finds_a_message_written_as_a_string(tmp_path):
    (tmp_path / "cli").mkdir()
    (tmp_path / "cli" / "bad.py").write_text(
        'raise ParameterError(f"--out: {x!r} is a file")\n'
        'raise SweepError(["is a file"], out)\n'
        'raise SweepError([f"{o}: unknown" for o in names], out)\n'
        'raise WorkersLost("lost " + address)\n'
        'problems.append(Problem.text("as it is"))\n'
        'raise ProblemError([Problem("no_such_file")], source)\n'
        'raise ProblemError(problems)\n')
    assert [line.split(":")[1] for line in _plain_messages(tmp_path)] == ["1", "2", "3", "4", "5"]


def test_no_refusal_in_experiments_cli_or_scenarios_is_a_plain_string():
    """Each refusal has a code and a template in every catalogue, so the Chinese
    dashboard never shows an English sentence."""
    root = Path(importlib.import_module("villageaid").__file__).parent
    assert _plain_messages(root) == []


def test_sweep_folder_refusals_render_in_chinese(tmp_path):
    from villageaid.experiments.spec import SweepError
    from villageaid.experiments.store import ResultStore

    with pytest.raises(SweepError) as exc:
        ResultStore.open(tmp_path)
    source = str(tmp_path)
    assert str(exc.value) == (f"{source}: not a sweep folder (no sweep.json); expected the "
                              "--out folder of `villageaid sweep`")
    assert exc.value.problems[0].code == "not_a_sweep_folder"
    assert exc.value.lines("zh") == [
        f"{source}：不是参数扫描文件夹（没有 sweep.json）；应为 `villageaid sweep` 的 --out 文件夹"]


def test_option_refusals_render_in_chinese(tmp_path):
    from villageaid.cli.common import output_folder

    path = tmp_path / "a file"
    path.write_text("x")
    with pytest.raises(ParameterError) as exc:
        output_folder(path)
    assert str(exc.value) == f"--out: {str(path)!r} is a file; expected a folder"
    assert exc.value.lines("zh") == [f"--out：{str(path)!r} 是文件；应为文件夹"]
    busy = ProblemError([Problem("cannot_listen", "--host 127.0.0.1 --port 80",
                                 facts={"reason": "Address already in use"})])
    assert busy.lines("zh") == ["--host 127.0.0.1 --port 80：无法在此监听（Address already in "
                                "use）；应为本机地址上的空闲端口"]


def test_lost_workers_carry_a_record_and_render_in_chinese():
    import pickle

    from villageaid.experiments.executor import POOL_BROKEN, WorkersLost

    lost = WorkersLost(Problem("dask_workers_left", facts={"address": "tcp://a:8786",
                                                           "seconds": 30.0}))
    assert str(lost) == ("every Dask worker left the scheduler at tcp://a:8786 (none for 30 s); "
                         "start workers with `dask worker tcp://a:8786`")
    assert pickle.loads(pickle.dumps(lost)).lines("zh") == lost.lines("zh") == [
        "所有 Dask 工作节点都已离开 tcp://a:8786 的调度器（30 秒内没有工作节点）；"
        "请用 `dask worker tcp://a:8786` 启动工作节点"]
    assert POOL_BROKEN.startswith("a worker process ended without finishing its run")


def test_a_problem_inside_another_is_worded_in_the_same_language():
    with pytest.raises(ParameterError) as exc:
        make_params(grant=-5)
    point = Problem("invalid_design_point", "parameters", facts={
        "point": 3, "values": "grant = -5", "detail": tuple(exc.value.problems)})
    assert str(point) == ("parameters: design point 3 (grant = -5) is not a valid village "
                          "(grant: -5 is out of range; expected 0 to 100,000,000 (CNY/year)); "
                          "expected ranges whose every combination is valid")
    assert render(point, "zh") == ("parameters：设计点 3（grant = -5）不能构成有效的村庄（grant：-5 "
                                   "超出范围；应为 0 至 100,000,000（CNY/year））；各参数范围的每种"
                                   "组合都应有效")


def test_a_village_file_range_carries_its_facts_and_its_unit_is_translated(tmp_path):
    from villageaid.scenarios.village_files import RosterError, read_roster
    from villageaid.visualization.problems import error_lines

    folder = tmp_path / "v"
    folder.mkdir()
    rows = "\n".join(f"R{k},{70 if k % 2 else 40},{200 if k == 3 else 10}" for k in range(30))
    (folder / "residents.csv").write_text("id,age,hours_available\n" + rows + "\n")
    with pytest.raises(RosterError) as exc:
        read_roster(folder)
    [hours] = [p for p in exc.value.problems if p.facts.get("column") == "hours_available"]
    assert (hours.code, hours.facts["low"], hours.facts["high"], hours.facts["unit"]) == (
        "cell_out_of_range", 0, 168, "hours/week")
    assert str(hours).endswith("hours_available: 200 is out of range; expected 0 to 168 "
                               "(hours/week)")
    zh = [line for line in error_lines(exc.value, "zh") if "hours_available" in line]
    assert zh and zh[0].endswith("200 超出范围；应为 0 至 168（小时/周）"), zh
