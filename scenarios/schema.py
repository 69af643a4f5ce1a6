"""The shape of a scenario file as pydantic models, built from the Param definitions.

Nothing here restates a range or a default: each field is made from the
`Param` that the model, the CLI and the docs already read (sim.params for the
village, each intervention's `settings()`, sim.shocks.SHOCK_SETTINGS), so a
new parameter or setting is accepted in scenario files as soon as it exists.

Types are strict: an int field takes only an int (not 2.0, "2" or true); a
float field takes an int or a float, never a bool, a string, nan or inf.
Unknown keys are errors everywhere (`extra="forbid"`), because a typo in a
hand-written file would otherwise silently leave a default in place.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, Strict, create_model

from ..sim.interventions import INTERVENTIONS
from ..sim.params import PARAMETER_INDEX, PARAMETERS, Param
from ..sim.shocks import SHOCK_SETTINGS, SHOCKS

FORBID = ConfigDict(extra="forbid")

NAME_PATTERN = r"^[a-z0-9_-]{1,64}$"
NAME_RULE = "1 to 64 characters from a-z, 0-9, _ and -"
DESCRIPTION_MAX = 500

# The scenario's length, described like a model parameter so its messages read the same.
YEARS = Param("years", 10, "years", 1, 100, "the CLI's default run length",
              "simulated years (one step = one week)", group="scenario")


def field_type(p: Param) -> Any:
    """A strict pydantic type with the Param's range: int for int Params, else float."""
    if p.kind is int:
        return Annotated[int, Strict(), Field(ge=p.low, le=p.high, description=p.doc)]
    return Annotated[float, Strict(), Field(ge=p.low, le=p.high, allow_inf_nan=False,
                                            description=p.doc)]


def _fields(params: tuple[Param, ...]) -> dict[str, Any]:
    return {p.name: (field_type(p), p.default) for p in params}


VillageSection = create_model(
    "VillageSection", __config__=FORBID,
    __doc__="[village]: any model parameter; those left out keep their defaults.",
    **_fields(PARAMETERS))

INTERVENTION_MODELS: dict[str, type[BaseModel]] = {
    name: create_model(f"{cls.__name__}Entry", __config__=FORBID,
                       __doc__=f"[[interventions]] with type = {name!r}: {cls.title}.",
                       type=(Literal[name], ...), **_fields(cls.settings()))
    for name, cls in INTERVENTIONS.items()
}

SHOCK_MODELS: dict[str, type[BaseModel]] = {
    kind: create_model(f"{cls.__name__}Entry", __config__=FORBID,
                       __doc__=f"[[shocks]] with kind = {kind!r}: {cls.title}.",
                       kind=(Literal[kind], ...), **_fields(SHOCK_SETTINGS))
    for kind, cls in SHOCKS.items()
}

InterventionEntry = Annotated[Union[tuple(INTERVENTION_MODELS.values())],  # noqa: UP007
                              Field(discriminator="type")]
ShockEntry = Annotated[Union[tuple(SHOCK_MODELS.values())],  # noqa: UP007
                       Field(discriminator="kind")]


class ScenarioFile(BaseModel):
    """A whole scenario file, field by field (cross-field rules live in checks.py)."""

    model_config = FORBID

    name: Annotated[str, Strict(), Field(pattern=NAME_PATTERN)]
    description: Annotated[str, Strict(), Field(max_length=DESCRIPTION_MAX)] = ""
    years: field_type(YEARS) = YEARS.default  # type: ignore[valid-type]
    # a village type's name (scenarios/village_types); the loader checks the name
    village_type: Annotated[str, Strict()] | None = None
    village: VillageSection = Field(default_factory=VillageSection)  # type: ignore[valid-type]
    interventions: list[InterventionEntry] = Field(default_factory=list)  # type: ignore
    shocks: list[ShockEntry] = Field(default_factory=list)  # type: ignore[valid-type]


TOP_LEVEL_KEYS = tuple(ScenarioFile.model_fields)

# A scenario can run a real village (scenarios/village_files): `village = "PATH"` at the top
# level, or `path = "PATH"` in the [village] table next to model parameters;
# relative paths start from the scenario file's folder. The loader takes the
# path out before validating the table, so the table stays parameters only.
VILLAGE_PATH_KEY = "path"

# Which key names each list of entries is told apart by.
DISCRIMINATORS = {"interventions": ("type", tuple(INTERVENTIONS)),
                  "shocks": ("kind", tuple(SHOCKS))}


def _entry_params(section: str, tag: Any) -> tuple[Param, ...]:
    if section == "interventions" and tag in INTERVENTIONS:
        return INTERVENTIONS[tag].settings()
    if section == "shocks":
        return SHOCK_SETTINGS
    return ()


def param_at(loc: tuple) -> Param | None:
    """The Param behind a pydantic error location, for its range and unit.

    Locations inside a list entry carry the discriminator's value, as pydantic
    reports them: ("interventions", 1, "teams", "team_size").
    """
    if loc == ("years",):
        return YEARS
    if len(loc) == 2 and loc[0] == "village":
        return PARAMETER_INDEX.get(loc[1])
    if len(loc) == 4 and loc[0] in DISCRIMINATORS:
        return next((p for p in _entry_params(loc[0], loc[2]) if p.name == loc[3]), None)
    return None


def allowed_keys(loc: tuple) -> tuple[str, ...]:
    """The keys allowed in the table at pydantic location `loc` (as in param_at)."""
    if loc == ():
        return TOP_LEVEL_KEYS
    if loc == ("village",):
        return (VILLAGE_PATH_KEY, *(p.name for p in PARAMETERS))
    if len(loc) == 3 and loc[0] in DISCRIMINATORS:
        key = DISCRIMINATORS[loc[0]][0]
        return (key, *(p.name for p in _entry_params(loc[0], loc[2])))
    return ()
