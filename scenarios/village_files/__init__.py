"""Village files: a real village's residents, ties and spaces, read from a folder of
CSV files or an Excel workbook, validated, and written (the empty template, a
synthetic village exported in the same format).

    from villageaid.scenarios.village_files import read_roster
    roster = read_roster("villages/example_300")     # raises RosterError listing every problem
    model = VillageModel(seed=1, roster=roster)

The format is defined column by column in sim/roster/columns.py; `reader.py`
reads it, `validate.py` checks every cell and row, `problem_list.py` keeps the
report to a screen, and `writer.py` writes templates and exports. The model
itself (sim/) reads no files: it takes the Roster these return.
"""

from ...sim.roster import RESIDENTS, SPACES, TABLES, TIES, Column, Roster
from .reader import RosterError, read_roster
from .writer import (export_village, readme_text, synthetic_tables, village_tables,
                     write_tables, write_template)

__all__ = ["RESIDENTS", "SPACES", "TABLES", "TIES", "Column", "Roster", "RosterError",
           "export_village", "read_roster", "readme_text", "synthetic_tables",
           "village_tables", "write_tables", "write_template"]
