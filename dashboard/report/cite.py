"""What makes a regioprofiel citable: the date it was made, the data version and the link to the exact view, and
the members its map marks (an uncertain membership, lying apart from the rest), added to a report by the page."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from dashboard.report.model import RegionReport

MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december".split()  # noqa: SIM905
)


def dutch_date(day: dt.date) -> str:
    """'6 december 2026'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def citable(
    report: RegionReport,
    link: str,
    data_version: str,
    unsure: tuple[str, ...] = (),
    apart: tuple[str, ...] = (),
    today: dt.date | None = None,
) -> RegionReport:
    return dataclasses.replace(
        report,
        made_on=dutch_date(today or dt.date.today()),
        data_version=data_version,
        link=link,
        unsure=tuple(unsure),
        apart=tuple(apart),
    )


def file_stem(name: str) -> str:
    """A file name part from a region's own name: 'Amstel & Meer' -> 'amstel_meer' (ASCII letters and digits)."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")[:60] or "eigen_regio"
