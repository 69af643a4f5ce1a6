"""A real village as the model takes it: the Roster of residents, ties and spaces
(roster.py) and the columns of a village file with the rules that fill its blank
cells (columns.py). Reading and writing village files is
scenarios/village_files/; sim.village.build_village_from_roster builds the
model's population from a Roster.
"""

from .columns import RESIDENTS, SPACES, TABLES, TIES, Column
from .roster import Roster, Table

__all__ = ["RESIDENTS", "SPACES", "TABLES", "TIES", "Column", "Roster", "Table"]
