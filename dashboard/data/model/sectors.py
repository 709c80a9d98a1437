"""The sectors, written once: their codes in the order every page, table and file shows them, their Dutch names,
and which of them have which figures. The data contract, the filters, the views and the reports read them here."""

from __future__ import annotations

SECTOR_LABELS = {  # the order is the order shown everywhere
    "po": "Primair onderwijs (po)",
    "vo": "Voortgezet onderwijs (vo)",
    "mbo": "Middelbaar beroepsonderwijs (mbo)",
    "so": "Speciaal onderwijs (so)",
    "ho": "Hoger onderwijs (ho)",
    "alle": "Alle sectoren",
}
SECTORS = tuple(SECTOR_LABELS)  # every code the data may carry
SCHOOL_SECTORS = ("po", "vo", "mbo", "so")  # the sector filter's choices and a definition's sectors
REGIONAL_SECTORS = ("po", "vo")  # the sectors with published regional shortage figures
KPI_SECTORS = ("po", "vo", "mbo")  # the sectors with a national shortage figure


def regional_sector(sector: str) -> str:
    """The sector a regional view shows: the chosen one if it has regional figures, else po."""
    return sector if sector in REGIONAL_SECTORS else REGIONAL_SECTORS[0]


def sector_name(code: str) -> str:
    """'po' -> 'primair onderwijs (po)', for use inside a sentence; an unknown code stays itself."""
    return SECTOR_LABELS.get(code, code).lower()
