"""Faults that end cleanly: a broken village file, a lost worker, bad options,
a closed pipe. Each ends in a short report that names the cause and what to do,
a non-zero exit and no traceback, and keeps what finished."""

import subprocess
import sys
from pathlib import Path

import pytest

from villageaid.cli import main
from villageaid.sim.roster import RosterError, read_roster

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))

from test_roster import TIE_HEADER, resident_rows, write_village  # noqa: E402


# ------------------------------------------------------------------ broken CSV
def _broken_quote_village(folder: Path) -> Path:
    rows = resident_rows()
    rows[2] = rows[2].replace(",", ',"', 1)  # row 4 (header is row 1): a quote never closed
    rows[7] += ",surplus,cells"               # row 9: two cells more than the header
    return write_village(folder, rows)


def test_an_unclosed_quote_is_named_and_the_rows_after_it_are_still_read(tmp_path):
    with pytest.raises(RosterError) as exc:
        read_roster(_broken_quote_village(tmp_path / "v"))
    lines = exc.value.lines()
    assert any("row 4" in line and "quote" in line and "never closed" in line
               for line in lines), lines
    assert any("row 9" in line and "13 cells" in line and "11 columns" in line
               for line in lines), lines
    assert not any("field limit" in line for line in lines)


def test_a_large_file_with_an_unclosed_quote_is_not_a_field_limit_error(tmp_path):
    # more than csv's 131,072-character field limit after the quote
    rows = resident_rows(24) + [f"R{i:05d},30,male,H{i},no,,,0.1,no,no,0" for i in
                                range(100, 4000)]
    rows[2] = rows[2].replace(",", ',"', 1)
    with pytest.raises(RosterError) as exc:
        read_roster(write_village(tmp_path / "v", rows, ties=False))
    lines = exc.value.lines()
    assert "row 4" in lines[0] and "never closed" in lines[0], lines
    assert len(lines) <= 5, lines


def test_a_quote_closed_on_a_later_row_names_both_rows(tmp_path):
    rows = resident_rows()
    rows[2] = rows[2].replace(",", ',"', 1)
    rows[5] = rows[5].replace(",", '",', 1)
    with pytest.raises(RosterError) as exc:
        read_roster(write_village(tmp_path / "v", rows))
    assert any("row 4" in line and "closes only in row 7" in line
               for line in exc.value.lines()), exc.value.lines()


def test_follow_on_problems_are_counted_not_listed(tmp_path):
    ties = [f"R{i % 24:02d},X{i:04d},kin," for i in range(2085)]
    with pytest.raises(RosterError) as exc:
        read_roster(write_village(tmp_path / "v", ties=ties))
    lines = exc.value.lines()
    assert len(lines) <= 20, lines
    assert any("... and 2,080 more ties that name unknown ids" in line for line in lines), lines
    assert sum("is not an id" in line for line in lines) == 5


def test_a_long_report_is_cut_with_a_count(tmp_path):
    # many kinds of problem (one per column, each in many rows)
    rows = [f"R{i:02d},x,y,H{i},z,z,q,q,z,z,q" for i in range(30)]
    with pytest.raises(RosterError) as exc:
        read_roster(write_village(tmp_path / "v", rows, ties=[TIE_HEADER.replace("id", "x")]))
    lines = exc.value.lines()
    assert len(lines) <= 20
    assert lines[-1].startswith("... and ") and "more problems" in lines[-1], lines


def test_cli_village_check_of_a_broken_csv_is_short(tmp_path, capsys):
    folder = tmp_path / "v"
    assert main(["village", "export", str(folder), "--seed", "1"]) == 0
    path = folder / "residents.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    lines[4] = lines[4].replace(",", ',"', 1)
    lines[9] += ",surplus,cells"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["village", "check", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.splitlines()) <= 25, err
    assert "row 5: a quote opened in this row is never closed" in err
    assert "row 10: 19 cells, but the header names 17 columns" in err
