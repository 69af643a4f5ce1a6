"""The columns of a village file: one definition each, read by the reader, the writer,
the template's README and the guide, so a range or a default is never stated twice.

A village file is three tables (CSV files in a folder, or sheets of one Excel
workbook): residents (one row per adult resident), ties (one row per pair who
know each other) and spaces (idle buildings). Only residents.id and
residents.age are required; every other resident column may be left out or
left blank cell by cell, and the model fills the gaps from its defaults.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..params import PARAMETER_INDEX
from ..ties import ACQUAINTANCE, INITIAL_STRENGTH, KIN, NEIGHBOUR
from ..attributes import FEMALE_SHARE_ADULT, FEMALE_SHARE_ELDER


@dataclass(frozen=True)
class Rules:
    """Limits of the file format (not parameters of the model)."""

    elder_age: int = 60  # a resident this old or older is an elder (docs/ODD.md, 2.2)
    min_age: int = 18  # residents are adults
    max_age: int = 119
    max_hours: float = 168.0  # hours in a week
    max_children: int = 20
    max_capacity: int = 10_000  # the activity centre's capacity setting allows as much
    min_residents: int = PARAMETER_INDEX["residents"].low
    max_residents: int = PARAMETER_INDEX["residents"].high


RULES = Rules()

YES = ("yes", "y", "true", "1", "是")
NO = ("no", "n", "false", "0", "否")
SEXES = {"female": "female", "f": "female", "女": "female",
         "male": "male", "m": "male", "男": "male"}
# Tie kinds as written in a file -> the model's kind (sim.ties).
TIE_KINDS = {"kin": KIN, "relative": KIN, "family": KIN, "亲属": KIN, "亲戚": KIN,
             "neighbour": NEIGHBOUR, "neighbor": NEIGHBOUR, "邻居": NEIGHBOUR,
             "friend": ACQUAINTANCE, "acquaintance": ACQUAINTANCE, "朋友": ACQUAINTANCE,
             "熟人": ACQUAINTANCE}
# The name a tie kind is written with when a village is exported.
TIE_KIND_NAMES = {KIN: "kin", NEIGHBOUR: "neighbour", ACQUAINTANCE: "friend"}


@dataclass(frozen=True)
class Column:
    """One column of a table.

    kind: "id" (text, unique), "ref" (an id of residents), "text", "int",
    "float", "bool" (yes / no), "sex" (female / male), "tie_kind".
    default: how the model fills a blank cell ("" for required columns).
    """

    name: str
    kind: str
    doc: str
    unit: str = ""
    low: float | None = None
    high: float | None = None
    required: bool = False
    default: str = ""
    advanced: bool = False  # model state usually left to the model's draws
    elders_only: bool = False  # read for elders; working-age residents get a fixed value
    drawn: bool = True  # a blank cell is filled by a draw (False: by a fixed value)

    @property
    def range_text(self) -> str:
        if self.kind in ("int", "float"):
            low = _num(self.low)
            high = _num(self.high)
            return f"{low} to {high}" + (f" ({self.unit})" if self.unit else "")
        return {"bool": "yes or no", "sex": "female or male",
                "tie_kind": "kin, neighbour or friend", "id": "any text, unique",
                "ref": "an id from residents", "text": "any text"}[self.kind]


def _num(x) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


RESIDENTS = (
    Column("id", "id", "a pseudonymous code for the resident (R001, 3-12, ...); never a name",
           required=True),
    Column("age", "int", "age in whole years; residents are adults (leave children out); "
           "60 or over makes an elder", "years", RULES.min_age, RULES.max_age, required=True),
    Column("sex", "sex", "also f, m, 女, 男; groups the equity table (equity.csv) and "
           "does not change what the model does",
           default=f"drawn: women are {FEMALE_SHARE_ELDER:.0%} of elders (a couple-only "
                   f"household is a woman and a man) and {FEMALE_SHARE_ADULT:.1%} of "
                   "working-age residents"),
    Column("household", "text", "a code shared by the residents who live together (H01, ...) "
           "and by the household's members living away",
           default="each resident is a household of their own"),
    Column("lives_away", "bool", f"a villager of working age (under {RULES.elder_age}) who "
           "lives and works away from the village; belongs to the household named, and may "
           "come home during the run", drawn=False,
           default="no: the resident lives in the village"),
    Column("living_alone", "bool", "an elder who lives alone", elders_only=True,
           default="from household: an elder with no one else living in their household "
                   "(members living away do not count); without a household, drawn with "
                   "chance alone_share"),
    Column("empty_nest", "bool", "an elder who lives alone or with a spouse only",
           elders_only=True,
           default="from household: an elder whose household, members living away aside, "
                   "is themself or two elders; without a household, drawn with chance "
                   "alone_share + couple_only_share"),
    Column("children_migrated", "int", "an elder's adult children who live elsewhere",
           "children", 0, RULES.max_children, elders_only=True,
           default="elders: Binomial(Poisson(children_per_elder), children_migrated_share); "
                   "working-age: 0"),
    Column("frailty", "float", "health and daily-living limitation, 0 = fit, 1 = fully "
           "dependent (see the guide for a mapping from ADL counts)", "", 0.0, 1.0,
           default="elders: Beta with mean 0.12 + 0.013 x (age - 60); working-age: Beta(1, 12)"),
    Column("chronic", "bool", "an elder with a chronic condition to manage", elders_only=True,
           default="elders: yes with chance chronic_prevalence; working-age: no"),
    Column("willing_to_help", "bool", "willing to help others beyond their own kin",
           default="healthy younger-old elders (aged up to 74, frailty under 0.4): yes with "
                   "chance helper_share_elder; working-age: chance helper_share_adult; "
                   "other elders: no"),
    Column("hours_available", "float", "hours a week the resident can give beyond kin "
           "(used while willing_to_help is yes; a resident an intervention enlists gets the "
           "default hours)", "hours/week", 0.0, RULES.max_hours,
           default="willing elders: helper_hours_elder; willing working-age: "
                   "helper_hours_adult; others: 0"),
    Column("clan", "text", "lineage or village group (kin ties are drawn within a clan "
           "when there is no ties file)", advanced=True,
           default="households placed along a lane in a drawn order, cut into clans of "
                   "clan_households"),
    Column("care_skill", "float", "care skill", "", 0.0, 1.0, advanced=True,
           default="Beta(2, 5), mean 0.29"),
    Column("self_efficacy", "float", "baseline self-efficacy (sense of agency)", "",
           0.0, 1.0, advanced=True, default="Beta(5, 3), mean 0.63"),
    Column("trust", "float", "baseline trust in mutual aid", "", 0.0, 1.0, advanced=True,
           default="a Beta whose share at or above ask_trust_floor is willing_share"),
    Column("motivation", "float", "a willing helper's starting motivation", "", 0.0, 1.0,
           advanced=True, default="willing: Beta(5, 2), mean 0.71; others: 0"),
    Column("loneliness", "float", "starting loneliness", "", 0.0, 1.0, advanced=True,
           default="Beta(2, 5) plus 0.15 for an elder living alone"),
)

TIES = (
    Column("id_a", "ref", "the id of one resident", required=True),
    Column("id_b", "ref", "the id of the other resident", required=True),
    Column("kind", "tie_kind", "kin (family outside the household), neighbour or friend "
           "(any other acquaintance)", required=True),
    Column("strength", "float", "how readily the tie is used to ask for help", "", 0.0, 1.0,
           default=f"by kind: kin {INITIAL_STRENGTH[KIN]}, neighbour "
                   f"{INITIAL_STRENGTH[NEIGHBOUR]}, friend {INITIAL_STRENGTH[ACQUAINTANCE]}"),
)

SPACES = (
    Column("name", "text", "an idle building or room (old school, ancestral hall, ...)",
           required=True),
    Column("capacity", "int", "elders it can host in a week", "persons/week", 0, RULES.max_capacity,
           required=True),
)

TABLES = {"residents": RESIDENTS, "ties": TIES, "spaces": SPACES}
TABLE_DOCS = {
    "residents": "One row per adult resident living in the village (required); working-age "
                 "members of its households who live away may be listed too, with "
                 "lives_away yes",
    "ties": "One row per pair of residents who know each other beyond their household "
            "(optional: without it, ties are drawn as in the synthetic village)",
    "spaces": "One row per idle building (optional: the largest becomes the activity "
              "centre's capacity)",
}
