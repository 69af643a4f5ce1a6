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
import math
import os
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .columns import NO, RESIDENTS, RULES, SEXES, SPACES, TABLES, TIE_KINDS, TIES, YES, Column

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
# Headers that hold personal data the model never needs.
PERSONAL_HEADERS = {"name", "names", "full_name", "first_name", "last_name", "surname",
                    "phone", "telephone", "mobile", "address", "id_card", "id_number",
                    "姓名", "名字", "电话", "手机", "手机号", "地址", "住址", "身份证",
                    "身份证号", "身份证号码"}
ID_CARD = re.compile(r"^\d{17}[\dXx]$")
PHONE = re.compile(r"^1\d{10}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class RosterError(ValueError):
    """A village file that cannot be read or is not valid.

    Attributes:
        problems: one line per problem, each naming the file (or sheet), row
            and column, in file order.
        source: the folder or workbook as the user named it.
    """

    def __init__(self, problems: list[str], source: str = "<village>"):
        self.problems = [_CONTROL.sub(lambda m: repr(m[0])[1:-1], p) for p in problems]
        self.source = str(source)
        super().__init__("\n".join(self.problems))

    def lines(self) -> list[str]:
        return list(self.problems)


@dataclass
class Table:
    """One table as read: normalised header names and rows of cell texts."""

    name: str  # residents, ties or spaces
    label: str  # how messages name it: "path/residents.csv" or "book.xlsx, sheet residents"
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row number, cells)
    notes: list[str] = field(default_factory=list)  # columns ignored, privacy hints

    def note(self, text: str) -> None:
        self.notes.append(f"{self.label}: {text}")


@dataclass
class Roster:
    """A validated village: residents in file order, ties, spaces.

    `values[c]` holds column c parsed (float, int, bool or str arrays, one
    entry per resident in file order) and `given[c]` which cells were filled
    in; blank cells hold a placeholder that the builder replaces.
    """

    source: str
    ids: list[str]
    age: np.ndarray
    values: dict[str, np.ndarray]
    given: dict[str, np.ndarray]
    tie_a: np.ndarray | None = None  # file-order resident indices; None: no ties file
    tie_b: np.ndarray | None = None
    tie_kind: np.ndarray | None = None  # the model's kinds (sim.ties)
    tie_strength: np.ndarray | None = None  # nan where blank
    spaces: list[tuple[str, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.ids)

    @property
    def elders(self) -> int:
        return int((self.age >= RULES.elder_age).sum())

    @property
    def has_ties(self) -> bool:
        return self.tie_a is not None

    @property
    def centre_space(self) -> tuple[str, int] | None:
        """The largest space (first listed among equals): where an activity centre opens."""
        if not self.spaces:
            return None
        return max(self.spaces, key=lambda s: s[1])

    def model_order(self) -> np.ndarray:
        """File rows in the model's order: elders first, file order within each group
        (model resident i is file row model_order()[i])."""
        return np.argsort(self.age < RULES.elder_age, kind="stable")

    def filled(self) -> dict[str, int]:
        """Blank cells the model fills with its default draws, per column (a column left
        out is blank everywhere). Columns read for elders only count elders; hours count
        residents who are or may be willing to help."""
        elder = self.age >= RULES.elder_age
        unwilling = self.given["willing_to_help"] & ~self.values["willing_to_help"]
        counts = {}
        for c in RESIDENTS:
            if c.required or c.name == "sex":
                continue
            blank = ~self.given[c.name]
            if c.elders_only:
                blank &= elder
            if c.name == "hours_available":
                blank &= ~unwilling
            if blank.any():
                counts[c.name] = int(blank.sum())
        return counts

    def households(self) -> int:
        given = self.given["household"]
        return len(set(self.values["household"][given])) + int((~given).sum())

    def describe(self) -> list[str]:
        """What the file holds and what the model fills, for the CLI and summary.json."""
        ties = (f"{len(self.tie_a)} listed" if self.has_ties
                else "no ties file, so kin, neighbour and friend ties are drawn")
        space = self.centre_space
        spaces = (f"{len(self.spaces)} (an activity centre would host {space[1]} a week in "
                  f"{space[0]})" if space else "none listed")
        lines = [f"Village {self.source}: {self.size} residents ({self.elders} elders) in "
                 f"{self.households()} households",
                 f"  ties: {ties}; spaces: {spaces}"]
        filled = self.filled()
        advanced = {c.name for c in RESIDENTS if c.advanced}
        absent = [c for c in filled if c in advanced and not self.given[c].any()]
        items = ", ".join(f"{c} {k}" for c, k in filled.items() if c not in absent)
        lines.append("  filled from the model's defaults (blank cells): "
                     + (items or "none"))
        if absent:
            lines.append("  drawn by the model (advanced columns not in the file): "
                         + ", ".join(absent))
        return [textwrap.fill(line, 88, subsequent_indent="    ") for line in lines]

    def report(self) -> dict:
        space = self.centre_space
        return {"source": self.source, "residents": self.size, "elders": self.elders,
                "households": self.households(),
                "ties": int(len(self.tie_a)) if self.has_ties else None,
                "spaces": [{"name": n, "capacity": c} for n, c in self.spaces],
                "centre_capacity": space[1] if space else None,
                "filled": self.filled()}


# ----------------------------------------------------------------- problems
# A report longer than a screen hides its first lines, which usually name the
# cause (one broken row can make thousands of ties name unknown ids): problems of
# one kind are shown a few at a time, then counted.
MAX_PER_KIND = 5
MAX_LINES = 20


class _Problems:
    def __init__(self):
        # (sort key, kind, line): kind groups problems for the count of those not shown
        self.items: list[tuple[tuple, tuple[str, str], str]] = []

    def add(self, table: Table | str, message: str, row: int | None = None,
            column: str | None = None, order: tuple = (), kind: str | None = None) -> None:
        """One problem; `kind` names what problems like it are ("ties that name
        unknown ids") for the line that counts those not shown (default: the
        problems in the same column)."""
        label = table.label if isinstance(table, Table) else table
        where = label
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column {column}"
        name = table.name if isinstance(table, Table) else next(
            (n for n in TABLES if label.lower().endswith((f"{n}.csv", f"sheet {n}"))), None)
        rank = list(TABLES).index(name) if name else -1  # whole-file problems first
        if kind is None:
            kind = f"problems in column {column}" if column is not None else "problems"
        self.items.append(((rank, row or 0, *order), (label, kind), f"{where}: {message}"))

    def lines(self) -> list[str]:
        shown: list[tuple[tuple, int, str]] = []  # (sort key, problems it stands for, line)
        seen: dict[tuple[str, str], int] = {}
        last: dict[tuple[str, str], tuple] = {}
        for key, kind, line in sorted(self.items, key=lambda item: item[0]):
            seen[kind] = seen.get(kind, 0) + 1
            last[kind] = key
            if seen[kind] <= MAX_PER_KIND:
                shown.append((key, 1, line))
        for (label, kind), n in seen.items():
            if n > MAX_PER_KIND:
                more = n - MAX_PER_KIND
                shown.append((last[(label, kind)], more, f"{label}: ... and {more:,} more {kind}"))
        shown.sort(key=lambda item: item[0])
        if len(shown) > MAX_LINES:
            rest = sum(n for _, n, _ in shown[MAX_LINES - 1:])
            shown = shown[:MAX_LINES - 1] + [((), rest, f"... and {rest:,} more problems; "
                                              "fix those above and check again")]
        return [line for _, _, line in shown]

    def __bool__(self) -> bool:
        return bool(self.items)


def show(text: str) -> str:
    """A cell as written: numbers bare, text quoted, long text cut."""
    try:
        float(text)
        return text
    except ValueError:
        return repr(text if len(text) <= 40 else text[:37] + "...")


def _normalise(header: str) -> str:
    return re.sub(r"[\s\-]+", "_", header.strip().lstrip("\ufeff").lower())


# ------------------------------------------------------------------ reading
def read_roster(path: str | os.PathLike) -> Roster:
    """Read and validate the village at `path` (a folder of CSV files or an .xlsx file)."""
    source = os.fspath(path)
    path = Path(path)
    problems = _Problems()
    if not path.exists():
        raise RosterError([f"{source}: no such folder or file; expected a folder with "
                           "residents.csv (and ties.csv, spaces.csv) or an .xlsx workbook"],
                          source)
    if path.is_dir():
        tables = _read_folder(path, problems)
    elif path.suffix.lower() in EXCEL_SUFFIXES:
        tables = _read_workbook(path, problems)
    elif path.suffix.lower() == ".xls":
        raise RosterError([f"{source}: an old Excel (.xls) workbook; expected .xlsx (save it "
                           "as 'Excel Workbook') or a folder of CSV files"], source)
    elif path.suffix.lower() == ".csv":
        raise RosterError([f"{source}: a single CSV file; expected the folder that holds "
                           "residents.csv, ties.csv and spaces.csv"], source)
    else:
        raise RosterError([f"{source}: not a folder or an .xlsx workbook; expected a folder "
                           "with residents.csv (and ties.csv, spaces.csv) or an .xlsx "
                           "workbook"], source)
    roster = _validate(tables, problems, source)
    if problems or roster is None:
        raise RosterError(problems.lines(), source)
    return roster


def _read_folder(folder: Path, problems: _Problems) -> dict[str, Table | None]:
    try:
        found = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    except OSError as err:
        problems.add(os.fspath(folder), f"cannot read the folder: {err.strerror or err}")
        return {name: None for name in TABLES}
    tables: dict[str, Table | None] = {}
    for name in TABLES:
        file = found.get(f"{name}.csv")
        label = os.fspath(folder / f"{name}.csv")
        if file is None:
            if name == "residents":
                books = sorted(p.name for p in found.values()
                               if p.suffix.lower() in EXCEL_SUFFIXES)
                hint = (f" (for the workbook, give its path: {os.fspath(folder / books[0])})"
                        if books else "")
                problems.add(label, f"missing; a village needs residents.csv{hint}")
            tables[name] = None
            continue
        label = os.fspath(folder / file.name)
        tables[name] = _read_csv(file, name, label, problems)
    return tables


def _decode(raw: bytes, label: str, problems: _Problems) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:1000]:
        problems.add(label, "the file is UTF-16 text; expected UTF-8 or GBK (save it as "
                            "'CSV UTF-8')")
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
    problems.add(label, f"byte 0x{raw[first.start]:02x} is neither UTF-8 nor GBK text; "
                        "expected a file saved as 'CSV UTF-8' (or GBK)", row=line)
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


def _read_csv(file: Path, name: str, label: str, problems: _Problems) -> Table | None:
    try:
        raw = file.read_bytes()
    except OSError as err:
        problems.add(label, f"cannot read: {err.strerror or err}")
        return None
    text = _decode(raw, label, problems)
    if text is None:
        return None
    if not text.strip():
        problems.add(label, "the file is empty; expected a header row: "
                            + ",".join(c.name for c in TABLES[name] if not c.advanced), row=1)
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


def _records(text: str, delimiter: str, label: str, problems: _Problems) -> list[list[str]]:
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
            why = (f"a quote opened in this row closes only in row {feed.next}; expected "
                   "each row on one line (close the quote in this row, or remove it)")
        elif "unexpected end of data" in error or "field limit" in error:
            why = ("a quote opened in this row is never closed; expected a closing quote "
                   "in this row, or no quote")
        elif '"' in error:
            why = f"a misplaced quote ({error}); expected a quote only around a whole cell"
        else:
            why = f"not readable as CSV ({error})"
        problems.add(label, why, row=start + 1, kind="rows that are not readable as CSV")
        records.append(next(csv.reader([lines[start]], delimiter=delimiter,
                                       quoting=csv.QUOTE_NONE), []))
        start += 1
    return records


def _read_workbook(path: Path, problems: _Problems) -> dict[str, Table | None]:
    source = os.fspath(path)
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        problems.add(source, "reading .xlsx needs openpyxl (pip install openpyxl)")
        return {name: None for name in TABLES}
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # any failure of a damaged file ends in one message
        problems.add(source, f"cannot be read as an Excel workbook ({type(err).__name__}); "
                             "expected an .xlsx file saved by a spreadsheet program")
        return {name: None for name in TABLES}
    try:
        sheets = {s.strip().lower(): s for s in book.sheetnames}
        tables: dict[str, Table | None] = {}
        for name in TABLES:
            sheet = sheets.get(name)
            label = f"{source}, sheet {name}"
            if sheet is None:
                if name == "residents":
                    problems.add(source, "no sheet named residents; expected sheets "
                                 "residents (and ties, spaces); found "
                                 + ", ".join(book.sheetnames))
                tables[name] = None
                continue
            label = f"{source}, sheet {sheet}"
            records = [[_cell_text(v) for v in row]
                       for row in book[sheet].iter_rows(min_row=1, values_only=True)]
            if not any(any(c.strip() for c in r) for r in records):
                problems.add(label, "the sheet is empty; expected a header row: "
                             + ", ".join(c.name for c in TABLES[name] if not c.advanced),
                             row=1)
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


def _table(name: str, label: str, records: list[list[str]], problems: _Problems
           ) -> Table | None:
    columns = {c.name: c for c in TABLES[name]}
    # skip blank lines above the header
    start = next((i for i, r in enumerate(records) if any(c.strip() for c in r)), None)
    if start is None:
        problems.add(label, "the file is empty; expected a header row", row=1)
        return None
    raw_header = records[start]
    header = [_normalise(h) for h in raw_header]
    table = Table(name, label, header, [])
    header_row = start + 1
    seen: dict[str, int] = {}
    for i, h in enumerate(header):
        if not h:
            if any(len(r) > i and r[i].strip() for r in records[start + 1:]):
                problems.add(table, "has values but no header; expected a column name "
                             "(or delete the column)", row=header_row, column=str(i + 1),
                             order=(i,))
            continue
        if h in seen:
            problems.add(table, f"appears twice (columns {seen[h] + 1} and {i + 1}); "
                         "expected each column once", row=header_row, column=h, order=(i,))
            continue
        seen[h] = i
        if h not in columns:
            close = difflib.get_close_matches(h, list(columns), n=1, cutoff=0.75)
            if close and close[0] not in header:
                problems.add(table, f"is not a column of {name}; did you mean {close[0]!r}?",
                             row=header_row, column=raw_header[i].strip(), order=(i,))
            elif h in PERSONAL_HEADERS:
                table.note(f"column {raw_header[i].strip()!r} looks like personal "
                                  "data; the model needs none and ignores it: remove it "
                                  "before sharing the file")
            else:
                table.note(f"column {raw_header[i].strip()!r} is not used; ignored")
    for c in columns.values():
        if c.required and c.name not in seen:
            problems.add(table, f"missing; this column is required (the header has: "
                         f"{', '.join(h for h in raw_header if h.strip()) or 'nothing'})",
                         row=header_row, column=c.name, order=(-1,))
    width = len(header)
    for offset, record in enumerate(records[start + 1:]):
        row = header_row + 1 + offset
        if not any(c.strip() for c in record):
            continue
        if len(record) > width and any(c.strip() for c in record[width:]):
            problems.add(table, f"{len(record)} cells, but the header names {width} columns; "
                         "expected a value under each header only", row=row)
        table.rows.append((row, record))
    return table


# --------------------------------------------------------------- validation
def _cells(table: Table, column: str) -> list[tuple[int, str]]:
    """(row, stripped text) of one column; "" where the row is short or the column absent."""
    if column not in table.header:
        return [(row, "") for row, _ in table.rows]
    i = table.header.index(column)
    return [(row, cells[i].strip() if i < len(cells) else "") for row, cells in table.rows]


def _parse(c: Column, text: str) -> tuple[object, str | None]:
    """(value, problem) for one non-blank cell."""
    kind = c.kind
    if kind in ("int", "float"):
        try:
            value = float(text)
        except ValueError:
            noun = "a whole number" if kind == "int" else "a number"
            return None, f"{show(text)} is not {noun}; expected {c.range_text}"
        if not math.isfinite(value):
            return None, f"{show(text)} is not a finite number; expected {c.range_text}"
        if kind == "int" and not value.is_integer():
            return None, f"{show(text)} is not a whole number; expected {c.range_text}"
        if c.name == "age" and value < c.low:
            return None, (f"{show(text)} is under {int(c.low)}; residents are adults (leave "
                          f"children out); expected {c.range_text}")
        if not c.low <= value <= c.high:
            what = "is impossible" if c.name == "age" else "is out of range"
            return None, f"{show(text)} {what}; expected {c.range_text}"
        return (int(value) if kind == "int" else value), None
    low = text.lower()
    if kind == "bool":
        if low in YES:
            return True, None
        if low in NO:
            return False, None
        return None, f"{show(text)} is not yes or no; expected yes or no"
    if kind == "sex":
        if low in SEXES:
            return SEXES[low], None
        return None, f"{show(text)} is not female or male; expected female, male or blank"
    if kind == "tie_kind":
        if low in TIE_KINDS:
            return int(TIE_KINDS[low]), None
        hint = ""
        if low == "household":
            hint = "household ties come from residents.household; "
        else:
            close = difflib.get_close_matches(low, list(TIE_KINDS), n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}? " if close else ""
        return None, f"{show(text)} is not a tie kind; {hint}expected kin, neighbour or friend"
    return text, None


def _column(table: Table, c: Column, problems: _Problems) -> tuple[list, np.ndarray]:
    """Parse one column: values (None where blank or bad) and which cells are given."""
    values, given = [], []
    order = table.header.index(c.name) if c.name in table.header else len(table.header)
    for row, text in _cells(table, c.name):
        if not text:
            if c.required and c.name in table.header:
                problems.add(table, "blank; this column is required", row=row, column=c.name,
                             order=(order,))
            values.append(None)
            given.append(False)
            continue
        value, problem = _parse(c, text)
        if problem:
            problems.add(table, problem, row=row, column=c.name, order=(order,))
        values.append(value)
        given.append(problem is None)
    return values, np.array(given, bool)


def _validate(tables: dict[str, Table | None], problems: _Problems, source: str
              ) -> Roster | None:
    notes = [n for t in tables.values() if t is not None for n in t.notes]
    residents = tables.get("residents")
    roster = _residents(residents, problems, source, notes) if residents else None
    index = ({rid: i for i, rid in enumerate(roster.ids)} if roster is not None
             else None)
    ties = tables.get("ties")
    if ties is not None:
        parsed = _ties(ties, index, residents.label if residents else "residents", problems)
        if roster is not None:
            roster.tie_a, roster.tie_b, roster.tie_kind, roster.tie_strength = parsed
    if tables.get("spaces") is not None:
        spaces = _spaces(tables["spaces"], problems)
        if roster is not None:
            roster.spaces = spaces
    return roster


def _residents(table: Table, problems: _Problems, source: str, notes: list[str]
               ) -> Roster | None:
    if not table.rows:
        problems.add(table, "no residents under the header; expected one row per adult "
                     "resident", row=2)
        return None
    n = len(table.rows)
    rows = [row for row, _ in table.rows]
    parsed = {c.name: _column(table, c, problems) for c in RESIDENTS}
    ids, ids_given = parsed["id"]
    first: dict[str, int] = {}
    for row, rid in zip(rows, ids):
        if rid is None:
            continue
        if rid in first:
            problems.add(table, f"{show(rid)} appears again (first at row {first[rid]}); "
                         "expected each id once", row=row, column="id", order=(0,))
        else:
            first[rid] = row
    if sum(1 for x in ids if ID_CARD.match(x or "") or PHONE.match(x or "")) > n // 2:
        notes.append(f"{table.label}: the ids look like ID-card or phone numbers; use "
                     "pseudonymous codes instead (see the README)")
    if not RULES.min_residents <= n <= RULES.max_residents:
        problems.add(table, f"{n} residents; expected {RULES.min_residents} to "
                     f"{RULES.max_residents} "
                     "(the model's range for residents)")
    ages, _ = parsed["age"]
    if all(a is not None for a in ages) and not any(a >= RULES.elder_age for a in ages):
        problems.add(table, f"no resident is aged {RULES.elder_age} or over; expected at least "
                     "one elder")
    _living_checks(table, rows, parsed, problems)
    values, given = {}, {}
    for c in RESIDENTS:
        if c.name in ("id", "age"):
            continue
        raw, mask = parsed[c.name]
        values[c.name] = _array(c, raw, mask)
        given[c.name] = mask
    return Roster(source=source, ids=[x or "" for x in ids],
                  age=np.array([a if a is not None else 0 for a in ages], np.int64),
                  values=values, given=given, notes=notes)


def _array(c: Column, raw: list, mask: np.ndarray) -> np.ndarray:
    if c.kind == "float":
        return np.array([v if m else np.nan for v, m in zip(raw, mask)], float)
    if c.kind == "int":
        return np.array([v if m else 0 for v, m in zip(raw, mask)], np.int64)
    if c.kind == "bool":
        return np.array([bool(v) if m else False for v, m in zip(raw, mask)], bool)
    return np.array([v if m else "" for v, m in zip(raw, mask)], object)


def _living_checks(table: Table, rows: list[int], parsed: dict, problems: _Problems) -> None:
    """An elder living alone has no one else in the household and is empty-nest; an
    empty-nest elder shares the household with no working-age resident."""
    ages = parsed["age"][0]
    households = parsed["household"][0]
    alone, alone_given = parsed["living_alone"]
    nest, nest_given = parsed["empty_nest"]
    members: dict[str, list[int]] = {}
    for k, h in enumerate(households):
        if h is not None:
            members.setdefault(h, []).append(k)
    col = table.header.index
    for k, row in enumerate(rows):
        if ages[k] is None or ages[k] < RULES.elder_age:
            continue
        h = households[k]
        others = [j for j in members.get(h, []) if j != k] if h is not None else []
        if alone_given[k] and alone[k]:
            if nest_given[k] and not nest[k]:
                problems.add(table, "no, but living_alone is yes; an elder living alone is "
                             "empty-nest", row=row, column="empty_nest",
                             order=(col("empty_nest"),))
            if others:
                listed = ", ".join(str(rows[j]) for j in others[:5])
                problems.add(table, f"yes, but household {show(h)} has {len(others) + 1} "
                             f"residents (also row{'s' if len(others) > 1 else ''} {listed}); "
                             "expected no, or a household "
                             "of one", row=row, column="living_alone",
                             order=(col("living_alone"),))
        if nest_given[k] and nest[k]:
            young = [j for j in others if ages[j] is not None and ages[j] < RULES.elder_age]
            if young:
                problems.add(table, f"yes, but household {show(h)} has a working-age "
                             f"resident (row {rows[young[0]]}); expected no",
                             row=row, column="empty_nest", order=(col("empty_nest"),))


def _ties(table: Table, index: dict[str, int] | None, residents_label: str,
          problems: _Problems):
    parsed = {c.name: _column(table, c, problems) for c in TIES}
    rows = [row for row, _ in table.rows]
    a_ids, b_ids = parsed["id_a"][0], parsed["id_b"][0]
    kinds, strengths = parsed["kind"][0], parsed["strength"][0]
    name = ("the residents sheet" if ", sheet " in residents_label
            else os.path.basename(residents_label))
    a_idx, b_idx, kind_out, strength_out = [], [], [], []
    seen: dict[tuple[int, int], tuple[int, int, float | None]] = {}
    for k, row in enumerate(rows):
        ok = True
        ends = []
        for column, rid in (("id_a", a_ids[k]), ("id_b", b_ids[k])):
            if rid is None:
                ok = False
                continue
            if index is not None and rid not in index:
                problems.add(table, f"{show(rid)} is not an id in {name}; expected the id of "
                             "a resident", row=row, column=column,
                             order=(table.header.index(column),),
                             kind="ties that name unknown ids")
                ok = False
            ends.append(rid)
        if len(ends) == 2 and ends[0] == ends[1]:
            problems.add(table, f"{show(ends[1])} is the same resident as id_a; expected two "
                         "different residents", row=row, column="id_b",
                         order=(table.header.index("id_b"),))
            ok = False
        if not ok or kinds[k] is None or index is None:
            continue
        i, j = index[a_ids[k]], index[b_ids[k]]
        pair = (min(i, j), max(i, j))
        strength = strengths[k]
        if pair in seen:
            first_row, first_kind, first_strength = seen[pair]
            if first_kind != kinds[k] or first_strength != strength:
                problems.add(table, f"the pair {a_ids[k]}-{b_ids[k]} is listed again with "
                             f"another kind or strength (first at row {first_row}); expected "
                             "one row per pair", row=row)
            continue
        seen[pair] = (row, kinds[k], strength)
        a_idx.append(i)
        b_idx.append(j)
        kind_out.append(kinds[k])
        strength_out.append(np.nan if strength is None else strength)
    return (np.array(a_idx, np.int64), np.array(b_idx, np.int64), np.array(kind_out, np.int8),
            np.array(strength_out, float))


def _spaces(table: Table, problems: _Problems) -> list[tuple[str, int]]:
    parsed = {c.name: _column(table, c, problems) for c in SPACES}
    spaces, first = [], {}
    for (row, _), name, capacity in zip(table.rows, parsed["name"][0], parsed["capacity"][0]):
        if name is not None and name in first:
            problems.add(table, f"{show(name)} appears again (first at row {first[name]}); "
                         "expected each space once", row=row, column="name",
                         order=(table.header.index("name"),))
            continue
        if name is not None:
            first[name] = row
        if name is not None and capacity is not None:
            spaces.append((name, int(capacity)))
    return spaces


__all__ = ["Roster", "RosterError", "Table", "read_roster"]
