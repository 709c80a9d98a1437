"""The URL parameters shared by every page: one definition per filter, used by widgets, URL and tests."""

from dashboard.registry import SECTORS
from dashboard.ui.state import Param

SECTOR = Param("sector", SECTORS[0], choices=SECTORS)
