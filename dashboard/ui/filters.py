"""The URL parameters shared by every page: one definition per filter, used by widgets, URL and tests."""

from dashboard.data.model.sectors import SCHOOL_SECTORS, sector_name
from dashboard.ui.state import Param

SECTOR = Param(
    "sector",
    SCHOOL_SECTORS[0],
    choices=SCHOOL_SECTORS,
    noun="Sector",
    instead=f"het {sector_name(SCHOOL_SECTORS[0])} (kies: {', '.join(SCHOOL_SECTORS)})",
)
