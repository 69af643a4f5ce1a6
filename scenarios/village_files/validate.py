"""Validate the tables of a village file, cell by cell and across rows, into a Roster."""

from __future__ import annotations

import difflib
import math
import os
import re

import numpy as np

from ...problems import Phrase
from ...sim.roster.columns import NO, RESIDENTS, RULES, SEXES, SPACES, TIE_KINDS, TIES, YES, Column
from .problem_list import ProblemList, show
from ...sim.roster.roster import Roster, Table

ID_CARD = re.compile(r"^\d{17}[\dXx]$")
PHONE = re.compile(r"^1\d{10}$")


def _cells(table: Table, column: str) -> list[tuple[int, str]]:
    """(row, stripped text) of one column; "" where the row is short or the column absent."""
    if column not in table.header:
        return [(row, "") for row, _ in table.rows]
    i = table.header.index(column)
    return [(row, cells[i].strip() if i < len(cells) else "") for row, cells in table.rows]


def _range(c: Column) -> dict:
    """A number column's range as facts, its unit a term each language translates."""
    return {"low": c.low, "high": c.high, "unit": c.unit,
            "in_unit": Phrase("in_unit", unit=c.unit) if c.unit else ""}


def _parse(c: Column, text: str) -> tuple[object, tuple[str, dict] | None]:
    """(value, None) for one good non-blank cell, or (None, (code, facts))."""
    kind = c.kind
    if kind in ("int", "float"):
        rng = _range(c)
        try:
            value = float(text)
        except ValueError:
            return None, ("cell_not_whole_number" if kind == "int" else "cell_not_a_number", rng)
        if not math.isfinite(value):
            return None, ("cell_not_finite", rng)
        if kind == "int" and not value.is_integer():
            return None, ("cell_not_whole_number", rng)
        if c.name == "age" and value < c.low:
            return None, ("under_age", rng)
        if not c.low <= value <= c.high:
            return None, ("cell_impossible" if c.name == "age" else "cell_out_of_range", rng)
        return (int(value) if kind == "int" else value), None
    low = text.lower()
    if kind == "bool":
        if low in YES:
            return True, None
        if low in NO:
            return False, None
        return None, ("not_yes_no", {})
    if kind == "sex":
        if low in SEXES:
            return SEXES[low], None
        return None, ("not_sex", {})
    if kind == "tie_kind":
        if low in TIE_KINDS:
            return int(TIE_KINDS[low]), None
        hint: Phrase | str = ""
        if low == "household":
            hint = Phrase("household_ties")
        else:
            close = difflib.get_close_matches(low, list(TIE_KINDS), n=1, cutoff=0.6)
            hint = Phrase("did_you_mean", suggestion=repr(close[0])) if close else ""
        return None, ("not_tie_kind", {"hint": hint})
    return text, None


def _column(table: Table, c: Column, problems: ProblemList) -> tuple[list, np.ndarray]:
    """Parse one column: values (None where blank or bad) and which cells are given."""
    values, given = [], []
    order = table.header.index(c.name) if c.name in table.header else len(table.header)
    for row, text in _cells(table, c.name):
        if not text:
            if c.required and c.name in table.header:
                problems.add(table, "blank_required", row=row, column=c.name, order=(order,))
            values.append(None)
            given.append(False)
            continue
        value, problem = _parse(c, text)
        if problem:
            code, facts = problem
            problems.add(table, code, text, row=row, column=c.name, order=(order,), **facts)
        values.append(value)
        given.append(problem is None)
    return values, np.array(given, bool)


def validate(tables: dict[str, Table | None], problems: ProblemList, source: str
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


def _residents(table: Table, problems: ProblemList, source: str, notes: list[str]
               ) -> Roster | None:
    if not table.rows:
        problems.add(table, "no_residents", row=2)
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
            problems.add(table, "duplicate_id", rid, row=row, column="id", order=(0,),
                         first=first[rid])
        else:
            first[rid] = row
    if sum(1 for x in ids if ID_CARD.match(x or "") or PHONE.match(x or "")) > n // 2:
        notes.append(f"{table.label}: the ids look like ID-card or phone numbers; use "
                     "pseudonymous codes instead (see the README)")
    ages, _ = parsed["age"]
    away = _away(table, rows, parsed, problems)
    here = n - sum(away)  # the model's residents: those living in the village
    if not RULES.min_residents <= here <= RULES.max_residents:
        problems.add(table, "resident_count", count=here, low=RULES.min_residents,
                     high=RULES.max_residents)
    if all(a is not None for a in ages) and not any(a >= RULES.elder_age for a in ages):
        problems.add(table, "no_elder", age=RULES.elder_age)
    _living_checks(table, rows, parsed, away, problems)
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


def _away(table: Table, rows: list[int], parsed: dict, problems: ProblemList) -> list[bool]:
    """Who lives away (lives_away yes; blank is no). Only a working-age villager
    may: an elder marked yes is a problem."""
    ages = parsed["age"][0]
    away, given = parsed["lives_away"]
    out = [bool(given[k] and away[k]) for k in range(len(rows))]
    for k, (row, text) in enumerate(_cells(table, "lives_away")):
        if out[k] and ages[k] is not None and ages[k] >= RULES.elder_age:
            problems.add(table, "elder_lives_away", text, row=row, column="lives_away",
                         order=(table.header.index("lives_away"),), age=ages[k],
                         elder_age=RULES.elder_age)
    return out


def _living_checks(table: Table, rows: list[int], parsed: dict, away: list[bool],
                   problems: ProblemList) -> None:
    """An elder living alone has no one else in the household and is empty-nest; an
    empty-nest elder shares the household with no working-age resident. Members who
    live away (lives_away) do not count: they do not live in the household now."""
    ages = parsed["age"][0]
    households = parsed["household"][0]
    alone, alone_given = parsed["living_alone"]
    nest, nest_given = parsed["empty_nest"]
    members: dict[str, list[int]] = {}
    for k, h in enumerate(households):
        if h is not None and not away[k]:
            members.setdefault(h, []).append(k)
    col = table.header.index
    for k, row in enumerate(rows):
        if ages[k] is None or ages[k] < RULES.elder_age:
            continue
        h = households[k]
        others = [j for j in members.get(h, []) if j != k] if h is not None else []
        if alone_given[k] and alone[k]:
            if nest_given[k] and not nest[k]:
                problems.add(table, "alone_not_nest", row=row, column="empty_nest",
                             order=(col("empty_nest"),))
            if others:
                listed = ", ".join(str(rows[j]) for j in others[:5])
                rows_of = Phrase("rows_many" if len(others) > 1 else "rows_one", rows=listed)
                problems.add(table, "alone_with_others", row=row, column="living_alone",
                             order=(col("living_alone"),), household=show(h),
                             count=len(others) + 1, rows=rows_of)
        if nest_given[k] and nest[k]:
            young = [j for j in others if ages[j] is not None and ages[j] < RULES.elder_age]
            if young:
                problems.add(table, "nest_with_young", row=row, column="empty_nest",
                             order=(col("empty_nest"),), household=show(h),
                             young=rows[young[0]])


def _ties(table: Table, index: dict[str, int] | None, residents_label: str,
          problems: ProblemList):
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
                problems.add(table, "unknown_tie_id", rid, row=row, column=column,
                             order=(table.header.index(column),),
                             kind=Phrase("kind_unknown_ids"), file=name)
                ok = False
            ends.append(rid)
        if len(ends) == 2 and ends[0] == ends[1]:
            problems.add(table, "same_resident", ends[1], row=row, column="id_b",
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
                problems.add(table, "pair_again", row=row, a=a_ids[k], b=b_ids[k],
                             first=first_row)
            continue
        seen[pair] = (row, kinds[k], strength)
        a_idx.append(i)
        b_idx.append(j)
        kind_out.append(kinds[k])
        strength_out.append(np.nan if strength is None else strength)
    return (np.array(a_idx, np.int64), np.array(b_idx, np.int64), np.array(kind_out, np.int8),
            np.array(strength_out, float))


def _spaces(table: Table, problems: ProblemList) -> list[tuple[str, int]]:
    parsed = {c.name: _column(table, c, problems) for c in SPACES}
    spaces, first = [], {}
    for (row, _), name, capacity in zip(table.rows, parsed["name"][0], parsed["capacity"][0]):
        if name is not None and name in first:
            problems.add(table, "duplicate_space", name, row=row, column="name",
                         order=(table.header.index("name"),), first=first[name])
            continue
        if name is not None:
            first[name] = row
        if name is not None and capacity is not None:
            spaces.append((name, int(capacity)))
    return spaces
