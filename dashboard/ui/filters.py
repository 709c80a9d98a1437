"""The URL parameters of the app: one definition per filter, shared by widgets, URL and tests."""

from dashboard.ui.state import Param

SECTOR = Param("sector", "po", choices=("po", "vo", "mbo", "so"))
