"""Read and validate a village file: a folder of CSV files or one Excel workbook.

`read_roster(path)` returns a validated `Roster`, or raises `RosterError`
listing every problem found, each on one line naming the file (or sheet), the
row and the column, never a traceback. Nothing is built from a file with a
problem: the model is made from a `Roster` only
(sim.village.build_village_from_roster).

Rows are numbered as a spreadsheet shows them: the header is row 1, the first
resident row 2. CSV files are read as UTF-8 (with or without the byte-order
mark spreadsheet programs write) or GBK, the encoding of Chinese Windows.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import re
from pathlib import Path

from ...problems import Phrase, Problem, ProblemError
from ...sim.roster.columns import TABLES
from .problem_list import ProblemList
from ...sim.roster.roster import Roster, Table
from .validate import validate

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
# Headers that hold personal data the model never needs.
PERSONAL_HEADERS = {"name", "names", "full_name", "first_name", "last_name", "surname",
                    "phone", "telephone", "mobile", "address", "id_card", "id_number",
                    "姓名", "名字", "电话", "手机", "手机号", "地址", "住址", "身份证",
                    "身份证号", "身份证号码"}

# A village file that cannot be read or is not valid: the one error of every checker
# (villageaid.problems). Its problems name the file (or sheet), row and column
# themselves, so its lines carry no source in front.
RosterError = ProblemError


def roster_error(problems: list[Problem], source: str) -> ProblemError:
    return ProblemError(problems, source, prefixed=False)


def _normalise(header: str) -> str:
    return re.sub(r"[\s\-]+", "_", header.strip().lstrip("\ufeff").lower())


# ------------------------------------------------------------------ reading
def read_roster(path: str | os.PathLike) -> Roster:
    """Read and validate the village at `path` (a folder of CSV files or an .xlsx file)."""
    source = os.fspath(path)
    path = Path(path)
    problems = ProblemList()
    if not path.exists():
        raise roster_error([Problem("no_such_village", source)], source)
    if path.is_dir():
        tables = _read_folder(path, problems)
    elif path.suffix.lower() in EXCEL_SUFFIXES:
        tables = _read_workbook(path, problems)
    elif path.suffix.lower() == ".xls":
        raise roster_error([Problem("old_excel", source)], source)
    elif path.suffix.lower() == ".csv":
        raise roster_error([Problem("single_csv", source)], source)
    else:
        raise roster_error([Problem("not_a_village", source)], source)
    roster = validate(tables, problems, source)
    if problems or roster is None:
        raise roster_error(problems.lines(), source)
    return roster


def _read_folder(folder: Path, problems: ProblemList) -> dict[str, Table | None]:
    try:
        found = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    except OSError as err:
        problems.add(os.fspath(folder), "cannot_read_folder", reason=err.strerror or str(err))
        return {name: None for name in TABLES}
    tables: dict[str, Table | None] = {}
    for name in TABLES:
        file = found.get(f"{name}.csv")
        label = os.fspath(folder / f"{name}.csv")
        if file is None:
            if name == "residents":
                books = sorted(p.name for p in found.values()
                               if p.suffix.lower() in EXCEL_SUFFIXES)
                hint = (Phrase("workbook_path", path=os.fspath(folder / books[0]))
                        if books else "")
                problems.add(label, "missing_residents_file", hint=hint)
            tables[name] = None
            continue
        label = os.fspath(folder / file.name)
        tables[name] = _read_csv(file, name, label, problems)
    return tables


def _decode(raw: bytes, label: str, problems: ProblemList) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:1000]:
        problems.add(label, "utf16")
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        first = err
    try:
        text = raw.decode("gbk")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_chinese(text):
        return text
    line = raw.count(b"\n", 0, first.start) + 1
    problems.add(label, "not_utf8_gbk", row=line, byte=f"{raw[first.start]:02x}")
    return None


def _looks_chinese(text: str) -> bool:
    """Whether GBK-decoded text is mostly common Chinese (GB2312) characters.

    Bytes of another encoding (Latin-1, Windows-1252) often decode as GBK too,
    but into rare characters outside GB2312; such a file is refused, not misread.
    """
    wide = [c for c in text if ord(c) > 127]
    if not wide:
        return True
    rare = 0
    for c in wide:
        b = c.encode("gbk")
        rare += len(b) == 2 and (b[0] < 0xA1 or b[1] < 0xA1)
    return rare <= len(wide) // 2


def _read_csv(file: Path, name: str, label: str, problems: ProblemList) -> Table | None:
    try:
        raw = file.read_bytes()
    except OSError as err:
        problems.add(label, "cannot_read", reason=err.strerror or str(err))
        return None
    text = _decode(raw, label, problems)
    if text is None:
        return None
    if not text.strip():
        problems.add(label, "empty_table", row=1,
                     columns=",".join(c.name for c in TABLES[name] if not c.advanced))
        return None
    first_line = text.split("\n", 1)[0]
    delimiter = ","
    if "," not in first_line:
        delimiter = ";" if ";" in first_line else ("\t" if "\t" in first_line else ",")
    return _table(name, label, _records(text, delimiter, label, problems), problems)


class _Lines:
    """The lines of a file from `start` on, counting how many a reader has taken."""

    def __init__(self, lines: list[str], start: int):
        self.lines, self.next = lines, start

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if self.next >= len(self.lines):
            raise StopIteration
        self.next += 1
        return self.lines[self.next - 1]


def _records(text: str, delimiter: str, label: str, problems: ProblemList) -> list[list[str]]:
    """The cells of each line, one record per line, so records keep the file's row numbers.

    No column holds text over several lines, so a quoted cell that runs past its
    line is a quote left open (by hand or by a stray '"'): read as CSV it would
    swallow every row after it. It is reported at the row where it opens, that row
    is read with its quotes as plain text, and reading goes on with the next line,
    so the rows after it are still checked.
    """
    lines = io.StringIO(text, newline="").readlines()
    records: list[list[str]] = []
    start = 0
    while start < len(lines):
        feed = _Lines(lines, start)
        error = None
        try:
            for record in csv.reader(feed, delimiter=delimiter, strict=True):
                if feed.next - start > 1:
                    break
                records.append(record)
                start = feed.next
        except csv.Error as err:
            error = str(err)
        if start >= len(lines):
            break
        if error is None:
            code, facts = "quote_spans_lines", {"closes": feed.next}
        elif "unexpected end of data" in error or "field limit" in error:
            code, facts = "quote_unclosed", {}
        else:
            code, facts = ("misplaced_quote" if '"' in error else "not_csv"), {"detail": error}
        problems.add(label, code, row=start + 1, kind=Phrase("kind_csv_rows"), **facts)
        records.append(next(csv.reader([lines[start]], delimiter=delimiter,
                                       quoting=csv.QUOTE_NONE), []))
        start += 1
    return records


def _read_workbook(path: Path, problems: ProblemList) -> dict[str, Table | None]:
    source = os.fspath(path)
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        problems.add(source, "need_openpyxl")
        return {name: None for name in TABLES}
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # any failure of a damaged file ends in one message
        problems.add(source, "not_a_workbook", error=type(err).__name__)
        return {name: None for name in TABLES}
    try:
        sheets = {s.strip().lower(): s for s in book.sheetnames}
        tables: dict[str, Table | None] = {}
        for name in TABLES:
            sheet = sheets.get(name)
            label = f"{source}, sheet {name}"
            if sheet is None:
                if name == "residents":
                    problems.add(source, "no_residents_sheet", sheets=", ".join(book.sheetnames))
                tables[name] = None
                continue
            label = f"{source}, sheet {sheet}"
            records = [[_cell_text(v) for v in row]
                       for row in book[sheet].iter_rows(min_row=1, values_only=True)]
            if not any(any(c.strip() for c in r) for r in records):
                problems.add(label, "empty_sheet", row=1, columns=", ".join(
                    c.name for c in TABLES[name] if not c.advanced))
                tables[name] = None
                continue
            tables[name] = _table(name, label, records, problems)
        return tables
    finally:
        book.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _table(name: str, label: str, records: list[list[str]], problems: ProblemList
           ) -> Table | None:
    columns = {c.name: c for c in TABLES[name]}
    # skip blank lines above the header
    start = next((i for i, r in enumerate(records) if any(c.strip() for c in r)), None)
    if start is None:
        problems.add(label, "empty_no_header", row=1)
        return None
    raw_header = records[start]
    header = [_normalise(h) for h in raw_header]
    table = Table(name, label, header, [])
    header_row = start + 1
    seen: dict[str, int] = {}
    for i, h in enumerate(header):
        if not h:
            if any(len(r) > i and r[i].strip() for r in records[start + 1:]):
                problems.add(table, "no_header", row=header_row, column=str(i + 1), order=(i,))
            continue
        if h in seen:
            problems.add(table, "column_twice", row=header_row, column=h, order=(i,),
                         first=seen[h] + 1, second=i + 1)
            continue
        seen[h] = i
        if h not in columns:
            close = difflib.get_close_matches(h, list(columns), n=1, cutoff=0.75)
            if close and close[0] not in header:
                problems.add(table, "not_a_column", row=header_row, column=raw_header[i].strip(),
                             order=(i,), of=name, suggestion=repr(close[0]))
            elif h in PERSONAL_HEADERS:
                table.note(f"column {raw_header[i].strip()!r} looks like personal "
                                  "data; the model needs none and ignores it: remove it "
                                  "before sharing the file")
            else:
                table.note(f"column {raw_header[i].strip()!r} is not used; ignored")
    for c in columns.values():
        if c.required and c.name not in seen:
            problems.add(table, "missing_column", row=header_row, column=c.name, order=(-1,),
                         header=", ".join(h for h in raw_header if h.strip()) or "nothing")
    width = len(header)
    for offset, record in enumerate(records[start + 1:]):
        row = header_row + 1 + offset
        if not any(c.strip() for c in record):
            continue
        if len(record) > width and any(c.strip() for c in record[width:]):
            problems.add(table, "extra_cells", row=row, cells=len(record), width=width)
        table.rows.append((row, record))
    return table


__all__ = ["Roster", "RosterError", "Table", "read_roster"]
