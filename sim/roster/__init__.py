"""Village files: a real village's residents, ties and spaces, read into the model.

    from villageaid.sim.roster import read_roster
    roster = read_roster("villages/example_300")     # raises RosterError listing every problem
    model = VillageModel(seed=1, roster=roster)

The format (CSV files in a folder, or sheets of one .xlsx workbook) is defined
column by column in `columns.py`; `reader.py` reads and validates it,
`writer.py` writes the empty template and exports synthetic villages, and
sim.village.build_village_from_roster builds the model's population from it.
"""

from .columns import RESIDENTS, SPACES, TABLES, TIES, Column
from .reader import Roster, RosterError, read_roster
from .writer import (export_village, readme_text, synthetic_tables, village_tables,
                     write_tables, write_template)

__all__ = ["RESIDENTS", "SPACES", "TABLES", "TIES", "Column", "Roster", "RosterError",
           "export_village", "read_roster", "readme_text", "synthetic_tables",
           "village_tables", "write_tables", "write_template"]
