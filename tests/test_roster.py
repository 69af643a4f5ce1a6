"""Village files: reading, encodings, Excel, and one clear message per kind of bad file.

Every bad file must end in RosterError whose lines name the file, the row and
the column; through the CLI, exit status 2, one line per problem, no traceback
and no output folder.
"""

import csv
import io
from pathlib import Path

import numpy as np
import pytest

from villageaid.cli import main
from villageaid.scenarios.village_files import RESIDENTS, TIES, Roster, RosterError, read_roster
from villageaid.sim.model import VillageModel

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "villages" / "example_300"

HEADER = "id,age,sex,household,living_alone,empty_nest,children_migrated,frailty,chronic," \
         "willing_to_help,hours_available"


def resident_rows(n=24):
    """A small valid roster: elder couples and working-age households."""
    rows = []
    for i in range(n):
        elder = i < n // 2
        age = 62 + i if elder else 30 + i
        household = f"H{i // 2}"
        rows.append(f"R{i:02d},{age},{'female' if i % 2 else 'male'},{household},no,"
                    f"{'yes' if elder else ''},{1 if elder else ''},0.{i % 9},"
                    f"{'yes' if elder and i % 3 else 'no'},{'yes' if i % 4 == 0 else 'no'},"
                    f"{3 if i % 4 == 0 else 0}")
    return rows


TIE_HEADER = "id_a,id_b,kind,strength"
TIE_ROWS = ["R00,R02,kin,0.8", "R01,R05,neighbour,", "R03,R14,friend,0.3"]


def write_village(folder: Path, residents=None, ties=None, spaces=None, header=HEADER,
                  encoding="utf-8"):
    folder.mkdir(parents=True, exist_ok=True)
    residents = resident_rows() if residents is None else residents
    (folder / "residents.csv").write_bytes(
        ("\n".join([header, *residents]) + "\n").encode(encoding))
    if ties is not False:
        rows = TIE_ROWS if ties is None else ties
        (folder / "ties.csv").write_text("\n".join([TIE_HEADER, *rows]) + "\n")
    if spaces is not False:
        rows = ["school,30"] if spaces is None else spaces
        (folder / "spaces.csv").write_text("\n".join(["name,capacity", *rows]) + "\n")
    return folder


def replace_cell(rows, row, column, value, header=HEADER):
    """rows (data rows, row 2 = index 0) with one cell changed."""
    names = header.split(",")
    out = list(rows)
    cells = out[row - 2].split(",")
    cells[names.index(column)] = value
    out[row - 2] = ",".join(cells)
    return out


def test_a_valid_village_reads(tmp_path):
    roster = read_roster(write_village(tmp_path / "v"))
    assert roster.size == 24 and roster.elders == 12
    assert roster.ids[:2] == ["R00", "R01"] and list(roster.age[:2]) == [62, 63]
    assert len(roster.tie_a) == 3 and roster.spaces == [("school", 30)]
    assert np.isnan(roster.tie_strength[1]) and roster.tie_strength[0] == 0.8
    # only blank cells are filled: empty_nest and children_migrated of working-age
    # residents do not count, frailty and the rest are given
    filled = roster.filled()
    assert "frailty" not in filled and "empty_nest" not in filled
    assert filled["care_skill"] == 24


# ---------------------------------------------------------------- bad files
def _bad(kind, folder: Path):
    rows = resident_rows()
    if kind == "missing required column":
        header = HEADER.replace(",age", "")
        body = [",".join(c for j, c in enumerate(r.split(",")) if j != 1) for r in rows]
        write_village(folder, body, header=header)
        return ["residents.csv", "row 1", "column age", "missing", "required"]
    if kind == "duplicate id":
        write_village(folder, replace_cell(rows, 6, "id", "R01"))
        return ["residents.csv", "row 6", "column id", "'R01' appears again", "row 3"]
    if kind == "tie naming an unknown id":
        write_village(folder, ties=["R00,R02,kin,", "R01,X99,friend,"])
        return ["ties.csv", "row 3", "column id_b", "'X99' is not an id in residents.csv"]
    if kind == "age 120":
        write_village(folder, replace_cell(rows, 4, "age", "120"))
        return ["residents.csv", "row 4", "column age", "120 is impossible", "18 to 119"]
    if kind == "age under 18":
        write_village(folder, replace_cell(rows, 20, "age", "9"))
        return ["residents.csv", "row 20", "column age", "9 is under 18", "children"]
    if kind == "age not whole":
        write_village(folder, replace_cell(rows, 5, "age", "67.5"))
        return ["row 5", "column age", "67.5 is not a whole number"]
    if kind == "negative hours":
        write_village(folder, replace_cell(rows, 2, "hours_available", "-3"))
        return ["residents.csv", "row 2", "column hours_available", "-3 is out of range",
                "0 to 168 (hours/week)"]
    if kind == "frailty outside 0-1":
        write_village(folder, replace_cell(rows, 7, "frailty", "1.5"))
        return ["residents.csv", "row 7", "column frailty", "1.5 is out of range", "0 to 1"]
    if kind == "unknown tie kind":
        write_village(folder, ties=["R00,R02,cousin,"])
        return ["ties.csv", "row 2", "column kind", "'cousin' is not a tie kind",
                "kin, neighbour or friend"]
    if kind == "tie strength outside 0-1":
        write_village(folder, ties=["R00,R02,kin,2"])
        return ["ties.csv", "row 2", "column strength", "2 is out of range"]
    if kind == "a tie to oneself":
        write_village(folder, ties=["R04,R04,friend,"])
        return ["ties.csv", "row 2", "column id_b", "same resident"]
    if kind == "a pair listed twice with different kinds":
        write_village(folder, ties=["R00,R03,friend,", "R03,R00,kin,"])
        return ["ties.csv", "row 3", "listed again", "row 2"]
    if kind == "not UTF-8 or GBK":
        write_village(folder, [r.replace("R05", "Müller") for r in rows], encoding="latin-1")
        return ["residents.csv", "row 7", "byte 0xfc", "neither UTF-8 nor GBK", "CSV UTF-8"]
    if kind == "UTF-16":
        write_village(folder, encoding="utf-16")
        return ["residents.csv", "UTF-16", "CSV UTF-8"]
    if kind == "empty residents file":
        write_village(folder)
        (folder / "residents.csv").write_text("")
        return ["residents.csv", "row 1", "the file is empty", "id,age"]
    if kind == "empty ties file":
        write_village(folder)
        (folder / "ties.csv").write_text("\n\n")
        return ["ties.csv", "row 1", "the file is empty", "id_a,id_b,kind"]
    if kind == "header only":
        write_village(folder, [])
        return ["residents.csv", "row 2", "no residents"]
    if kind == "not a number":
        write_village(folder, replace_cell(rows, 3, "age", "sixty"))
        return ["residents.csv", "row 3", "column age", "'sixty' is not a whole number"]
    if kind == "not yes or no":
        write_village(folder, replace_cell(rows, 8, "chronic", "maybe"))
        return ["residents.csv", "row 8", "column chronic", "'maybe' is not yes or no"]
    if kind == "blank required cell":
        write_village(folder, replace_cell(rows, 9, "age", ""))
        return ["residents.csv", "row 9", "column age", "blank; this column is required"]
    if kind == "misspelt column":
        write_village(folder, header=HEADER.replace("frailty", "frailtty"))
        return ["residents.csv", "row 1", "column frailtty", "did you mean 'frailty'"]
    if kind == "column twice":
        write_village(folder, [r + ",x" for r in rows], header=HEADER + ",sex")
        return ["residents.csv", "row 1", "column sex", "appears twice", "columns 3 and 12"]
    if kind == "more cells than headers":
        write_village(folder, replace_cell(rows, 10, "hours_available", "0,extra"))
        return ["residents.csv", "row 10", "12 cells", "11 columns"]
    if kind == "living alone in a shared household":
        write_village(folder, replace_cell(rows, 2, "living_alone", "yes"))
        return ["residents.csv", "row 2", "column living_alone", "household 'H0' has 2",
                "row 3"]
    if kind == "an elder living away":
        body = [r + (",yes" if i == 3 else ",") for i, r in enumerate(rows)]
        write_village(folder, body, header=HEADER + ",lives_away")
        return ["residents.csv", "row 5", "column lives_away", "'yes', but age 65 makes an elder",
                "under 60", "expected no"]
    if kind == "too few residents":
        write_village(folder, rows[:10], ties=[])
        return ["residents.csv", "10 residents", "20 to 200000"]
    if kind == "no elder":
        write_village(folder, [r.replace(f",{62 + i},", f",{40 + i},", 1)
                               for i, r in enumerate(rows)])
        return ["residents.csv", "no resident is aged 60 or over"]
    if kind == "negative space capacity":
        write_village(folder, spaces=["school,-4"])
        return ["spaces.csv", "row 2", "column capacity", "-4 is out of range"]
    if kind == "space listed twice":
        write_village(folder, spaces=["hall,10", "hall,20"])
        return ["spaces.csv", "row 3", "column name", "'hall' appears again"]
    if kind == "no residents file":
        write_village(folder)
        (folder / "residents.csv").unlink()
        return ["residents.csv", "missing", "a village needs residents.csv"]
    if kind == "no such folder":
        return ["no such folder or file"]
    if kind == "damaged workbook":
        folder.mkdir()
        (folder / "v.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
        return ["v.xlsx", "cannot be read as an Excel workbook"]
    if kind == "workbook without a residents sheet":
        import openpyxl

        folder.mkdir()
        book = openpyxl.Workbook()
        book.active.title = "people"
        book.active.append(["id", "age"])
        book.save(folder / "v.xlsx")
        return ["v.xlsx", "no sheet named residents", "found people"]
    raise AssertionError(kind)


BAD = ["missing required column", "duplicate id", "tie naming an unknown id", "age 120",
       "age under 18", "age not whole", "negative hours", "frailty outside 0-1",
       "unknown tie kind", "tie strength outside 0-1", "a tie to oneself",
       "a pair listed twice with different kinds", "not UTF-8 or GBK", "UTF-16",
       "empty residents file", "empty ties file", "header only", "not a number",
       "not yes or no", "blank required cell", "misspelt column", "column twice",
       "more cells than headers", "living alone in a shared household", "an elder living away",
       "too few residents",
       "no elder", "negative space capacity", "space listed twice", "no residents file",
       "no such folder", "damaged workbook", "workbook without a residents sheet"]


def _target(kind, folder: Path) -> Path:
    return folder / "v.xlsx" if "workbook" in kind else folder


@pytest.mark.parametrize("kind", BAD)
def test_each_bad_file_gets_its_message(kind, tmp_path):
    folder = tmp_path / "v"
    words = _bad(kind, folder)
    with pytest.raises(RosterError) as exc:
        read_roster(_target(kind, folder))
    lines = exc.value.lines()
    match = [line for line in lines if all(w in line for w in words)]
    assert match, (words, lines)
    assert all("\n" not in line for line in lines)


@pytest.mark.parametrize("kind", ["age 120", "tie naming an unknown id", "not UTF-8 or GBK",
                                  "empty ties file", "damaged workbook"])
def test_cli_exits_2_with_one_line_per_problem_and_builds_nothing(kind, tmp_path, capsys):
    folder = tmp_path / "v"
    words = _bad(kind, folder)
    out = tmp_path / "out"
    code = main(["run", "--village", str(_target(kind, folder)), "--years", "1",
                 "--out", str(out), "--no-plot"])
    captured = capsys.readouterr()
    assert code == 2
    lines = captured.err.strip().splitlines()
    assert lines and all(line.startswith("villageaid run: error: ") for line in lines)
    assert any(all(w in line for w in words) for line in lines), lines
    assert "Traceback" not in captured.err and "Running" not in captured.out
    assert not out.exists(), "nothing is written for a bad village file"


AWAY_HEADER = HEADER + ",lives_away"


def _with_away(rows, away=()):
    """rows with a lives_away column: yes for the ids in `away`, blank for the others."""
    return [r + (",yes" if r.split(",")[0] in away else ",") for r in rows]


def test_living_checks_leave_out_members_living_away(tmp_path):
    """A son who works away is a member of his parents' household but does not live
    there now: an elder couple with him is still empty-nest, a widow alone still alone."""
    son = "S1,35,male,H1,no,,,0.1,no,no,0"  # H1 is the elder couple R02, R03 (empty-nest)
    daughter = "S2,30,female,H99,,,,0.1,no,no,0"
    rows = replace_cell(resident_rows(), 3, "household", "H99")  # R01 lives alone in H99
    rows = replace_cell(rows, 3, "living_alone", "yes")
    with pytest.raises(RosterError) as exc:
        read_roster(write_village(tmp_path / "home", _with_away([*rows, son, daughter]),
                                  header=AWAY_HEADER))
    lines = exc.value.lines()
    assert any("row 3, column living_alone" in line and "'H99' has 2" in line
               for line in lines), lines
    assert any("row 4, column empty_nest" in line and "working-age resident (row 26)" in line
               for line in lines), lines
    roster = read_roster(write_village(tmp_path / "away", _with_away(
        [*rows, son, daughter], away=("S1", "S2")), header=AWAY_HEADER))
    assert (roster.size, roster.listed, roster.living_away) == (24, 26, 2)
    assert list(roster.away) == [False] * 24 + [True, True]
    assert roster.report()["living_away"] == 2 and roster.households() == 13
    assert "and 2 working-age villagers living away" in roster.describe()[0]
    assert "lives_away" not in roster.filled(), "a blank lives_away is no, not a draw"
    # the model: the elders' situation from the household leaves the away members out too
    blank = AWAY_HEADER.replace("living_alone,empty_nest", "note1,note2")
    model = VillageModel(seed=1, roster=read_roster(write_village(tmp_path / "model", _with_away(
        [*rows, son, daughter], away=("S1", "S2")), header=blank)))
    order = list(np.array(roster.ids)[roster.model_order()])
    pop = model.population
    r02, r01, s1 = (order.index(x) for x in ("R02", "R01", "S1"))
    assert not pop.present[s1] and pop.household[s1] == pop.household[r02]
    assert (pop.living[r02], pop.living[r01]) == (1, 0), "a couple; alone"
    assert model.params.residents == 24


def test_only_residents_living_in_the_village_count_towards_its_size(tmp_path):
    rows = resident_rows()
    away = tuple(f"R{i:02d}" for i in range(19, 24))  # five working-age residents away
    with pytest.raises(RosterError) as exc:
        read_roster(write_village(tmp_path / "v", _with_away(rows, away), header=AWAY_HEADER))
    assert any("19 residents" in line and "20 to 200000" in line
               for line in exc.value.lines()), exc.value.lines()


def test_an_elder_living_away_is_worded_in_chinese(tmp_path):
    rows = _with_away(resident_rows(), away=("R04",))
    with pytest.raises(RosterError) as exc:
        read_roster(write_village(tmp_path / "v", rows, header=AWAY_HEADER))
    (line,) = exc.value.lines("zh")
    assert "lives_away" in line and "66" in line and "60 岁以下" in line and "外出居住" in line


def test_every_problem_is_reported_at_once_in_file_order(tmp_path):
    rows = replace_cell(resident_rows(), 3, "age", "130")
    rows = replace_cell(rows, 5, "frailty", "-0.2")
    rows = replace_cell(rows, 5, "chronic", "perhaps")
    folder = write_village(tmp_path / "v", rows, ties=["R00,R77,kin,", "R01,R02,foe,"],
                           spaces=["hall,x"])
    with pytest.raises(RosterError) as exc:
        read_roster(folder)
    lines = exc.value.lines()
    assert len(lines) == 6, lines
    expected = [("residents.csv", "row 3", "column age"),
                ("residents.csv", "row 5", "column frailty"),
                ("residents.csv", "row 5", "column chronic"),
                ("ties.csv", "row 2", "column id_b"),
                ("ties.csv", "row 3", "column kind"),
                ("spaces.csv", "row 2", "column capacity")]
    for line, words in zip(lines, expected):
        assert all(w in line for w in words), (line, words)


# --------------------------------------------------------------- encodings
CHINESE_HEADER = "id,age,household,chronic"


def _chinese_rows():
    return [f"村民{i:02d},{50 + 2 * i},{'王家' if i % 2 else '李家'}{i // 4},{'是' if i % 3 else '否'}"
            for i in range(24)]


def test_gbk_and_utf8_with_bom_read_the_same(tmp_path):
    rosters = []
    for encoding in ("utf-8", "utf-8-sig", "gbk"):
        folder = write_village(tmp_path / encoding, _chinese_rows(), ties=["村民00,村民03,亲戚"],
                               spaces=["祠堂,20"], header=CHINESE_HEADER, encoding=encoding)
        (folder / "ties.csv").write_bytes(
            "id_a,id_b,kind\n村民00,村民03,亲戚\n村民01,村民05,邻居\n".encode(encoding))
        (folder / "spaces.csv").write_bytes("name,capacity\n祠堂,20\n".encode(encoding))
        rosters.append(read_roster(folder))
    utf8, bom, gbk = rosters
    assert utf8.ids[0] == "村民00" and utf8.spaces == [("祠堂", 20)]
    assert bool(utf8.values["chronic"][1]) and not utf8.values["chronic"][0]
    for other in (bom, gbk):
        assert _same(utf8, other)


def _same(a: Roster, b: Roster) -> bool:
    if a.ids != b.ids or not np.array_equal(a.age, b.age) or a.spaces != b.spaces:
        return False
    for c in a.values:
        if not np.array_equal(a.given[c], b.given[c]):
            return False
        va, vb = a.values[c], b.values[c]
        same = (np.array_equal(va, vb, equal_nan=True) if va.dtype.kind == "f"
                else list(va) == list(vb))
        if not same:
            return False
    ties = [(x.tie_a, x.tie_b, x.tie_kind) for x in (a, b)]
    return (all(np.array_equal(p, q) for p, q in zip(*ties))
            and np.array_equal(a.tie_strength, b.tie_strength, equal_nan=True))


def _csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def _typed(text: str):
    """A CSV cell as a spreadsheet holds it: numbers as numbers, the rest as text."""
    if text == "":
        return None
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() and "." not in text else number


def csv_folder_to_workbook(folder: Path, book_path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in ("residents", "ties", "spaces"):
        sheet = book.create_sheet(name.capitalize() if name == "ties" else name)
        rows = _csv_rows(folder / f"{name}.csv")
        sheet.append(rows[0])
        for row in rows[1:]:
            sheet.append([_typed(c) for c in row])
    book.save(book_path)
    return book_path


def test_an_excel_workbook_reads_the_same_as_the_csv_folder(tmp_path):
    book = csv_folder_to_workbook(EXAMPLE, tmp_path / "example.xlsx")
    from_csv, from_book = read_roster(EXAMPLE), read_roster(book)
    assert from_book.size == 300 and from_book.has_ties and len(from_book.spaces) == 2
    assert _same(from_csv, from_book)
    assert from_csv.filled() == from_book.filled()


def test_a_bad_cell_in_a_workbook_names_sheet_row_and_column(tmp_path):
    import openpyxl

    book_path = csv_folder_to_workbook(EXAMPLE, tmp_path / "example.xlsx")
    book = openpyxl.load_workbook(book_path)
    book["residents"]["B5"] = 131
    book.save(book_path)
    with pytest.raises(RosterError) as exc:
        read_roster(book_path)
    assert exc.value.lines() == [f"{book_path}, sheet residents, row 5, column age: 131 is "
                                 "impossible; expected 18 to 119 (years)"]


# ----------------------------------------------------- notes and the format
def test_personal_data_and_unused_columns_are_noted_not_used(tmp_path):
    rows = [r + f",Name {i},note" for i, r in enumerate(resident_rows())]
    roster = read_roster(write_village(tmp_path / "v", rows, header=HEADER + ",姓名,remarks"))
    assert any("'姓名' looks like personal data" in n for n in roster.notes), roster.notes
    assert any("'remarks' is not used" in n for n in roster.notes), roster.notes


def test_template_readme_and_guide_describe_every_column(tmp_path, capsys):
    assert main(["village", "template", str(tmp_path / "t")]) == 0
    readme = (tmp_path / "t" / "README.md").read_text()
    guide = (ROOT / "docs" / "guide_village_files.md").read_text()
    for column in (*RESIDENTS, *TIES):
        assert f"`{column.name}`" in readme, column.name
        assert f"`{column.name}`" in guide, column.name
    assert "pseudonym" in readme.lower() and "pseudonym" in guide.lower()
    header = _csv_rows(tmp_path / "t" / "residents.csv")
    assert header == [[c.name for c in RESIDENTS]]
    # an empty template is not a village yet: it says so, exit 2
    capsys.readouterr()
    assert main(["village", "check", str(tmp_path / "t")]) == 2
    assert "no residents" in capsys.readouterr().err
    # and nothing is overwritten without --force
    assert main(["village", "template", str(tmp_path / "t")]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["village", "template", str(tmp_path / "t"), "--force"]) == 0


def test_the_guide_column_tables_match_the_code():
    from villageaid.scenarios.village_files.writer import columns_markdown

    guide = (ROOT / "docs" / "guide_village_files.md").read_text()
    start, end = "<!-- VILLAGE-COLUMNS:START -->\n", "\n<!-- VILLAGE-COLUMNS:END -->"
    block = guide[guide.index(start) + len(start):guide.index(end)]
    assert block == columns_markdown("###").rstrip("\n"), (
        "docs/guide_village_files.md: the column tables differ from sim/roster/columns.py; "
        "paste columns_markdown('###') between the VILLAGE-COLUMNS markers")
