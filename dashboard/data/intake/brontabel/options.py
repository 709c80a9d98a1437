"""The options of a brontabel command (`ingest BESTAND --indicator ...`, `meting BESTAND ...`): what the file
measures and where it comes from, as a Meta, or one Dutch refusal naming every missing or wrong option. A
brontabel itself has only region and value, so the command line gives everything else.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from dashboard.data.intake.ingest import FORMULA_START, HTML, IngestError
from dashboard.data.model.sectors import REGIONAL_SECTORS

# --indicator -> (measure, personeel) in data/raw/regional_shortage_*.csv (build.staff_indicator maps them back)
INDICATORS = {
    "tekort_pct": ("totaal_tekort_pct", "leraren"),
    "tekort_schoolleiding_pct": ("totaal_tekort_pct", "schoolleiding"),
}


@dataclass(frozen=True)
class Meta:
    """The options of the command: what the file measures and where it comes from."""

    indicator: str
    sector: str
    peildatum: str
    bron_titel: str
    bron_uitgever: str
    bron_jaar: str
    bron_url: str

    @property
    def source_id(self) -> str:
        """One id per measurement: a corrected file for the same measurement replaces the earlier import."""
        return f"BRONTABEL-{self.sector}-{self.indicator}-{self.peildatum}".upper()


OPTIONS = {  # Meta field -> option; all required (a source line names publisher, title, year and link)
    "indicator": "--indicator",
    "sector": "--sector",
    "peildatum": "--peildatum",
    "bron_titel": "--bron-titel",
    "bron_uitgever": "--bron-uitgever",
    "bron_jaar": "--bron-jaar",
    "bron_url": "--bron-url",
}
REQUIRED = tuple(OPTIONS)
EXAMPLE = (
    "python -m dashboard ingest BESTAND --indicator tekort_pct --sector vo --peildatum 2025-10-01 "
    "--bron-titel 'Tekorten vo per regio (peildatum oktober 2025)' --bron-uitgever 'Ministerie van OCW' "
    "--bron-jaar 2025 --bron-url https://www.ocwincijfers.nl/..."
)


def given_options(values: Mapping[str, str | None]) -> bool:
    return any(values.get(field) not in (None, "") for field in OPTIONS)


def check_options(values: Mapping[str, str | None]) -> Meta:
    """The options as a Meta, or IngestError naming every missing or wrong one."""
    given = {field: str(values.get(field) or "").strip() for field in OPTIONS}
    missing = [OPTIONS[f] for f in REQUIRED if not given[f]]
    if missing:
        raise IngestError(
            f"Voor een brontabel (regio en waarde) ontbreekt: {', '.join(missing)}. Geef aan wat het bestand meet en "
            f"waar het vandaan komt, bijvoorbeeld:\n  {EXAMPLE}"
        )
    problems = []
    if given["indicator"] not in INDICATORS:
        problems.append(
            f"--indicator '{given['indicator']}' kan niet uit een brontabel komen; kies uit {', '.join(INDICATORS)}"
        )
    if given["sector"] not in REGIONAL_SECTORS:
        sectors = " en ".join(REGIONAL_SECTORS)
        problems.append(f"--sector '{given['sector']}': regionale tekorten zijn er voor {sectors}")
    if not valid_date(given["peildatum"]):
        problems.append(f"--peildatum '{given['peildatum']}' is geen datum als 2025-10-01 (JJJJ-MM-DD)")
    if not re.fullmatch(r"(19|20)\d\d", given["bron_jaar"]):
        problems.append(f"--bron-jaar '{given['bron_jaar']}' is geen jaartal als 2025")
    if not re.fullmatch(r"https?://\S+", given["bron_url"]):
        problems.append(f"--bron-url '{given['bron_url']}' is geen webadres (http:// of https://)")
    for field in ("bron_titel", "bron_uitgever"):
        if given[field].startswith(FORMULA_START) or HTML.search(given[field]):
            problems.append(f"{OPTIONS[field]} bevat een formule of HTML; alleen platte tekst is toegestaan")
    if problems:
        raise IngestError("Onjuiste optie: " + "; ".join(problems) + ".")
    return Meta(**given)


def valid_date(text: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
