"""Filling a RegionReport, the content of a regioprofiel: from a `metrics.gemeenten_profile` result (a derived
figure: an onderwijsregio or an eigen regio) or from a measured region's own figure (an arbeidsmarktregio or a G5
gemeente). The words that explain a figure (how it was made, its spread, caveats on membership) are written here, next
to the figures they explain; dashboard.report.pdf lays the report out.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dashboard.data.model.sectors import sector_name
from dashboard.format import fmt_number, fmt_peildatum
from dashboard.report.drawings import map_layers
from dashboard.report.model import ComparisonRow, KeyFigure, RegionReport, SourceRow


def source_rows(sources: pd.DataFrame, used: Iterable[tuple[str, ...]]) -> tuple[SourceRow, ...]:
    """(source_id, reliability[, used_for]) -> SourceRows from the source registry, in order, each source once."""
    registry = sources.set_index("source_id")
    rows, seen = [], set()
    for source_id, reliability, *used_for in used:
        if source_id in seen or source_id not in registry.index:
            continue
        seen.add(source_id)
        row = registry.loc[source_id]
        rows.append(
            SourceRow(row["publisher"], row["title"], str(row["year"]), row["url"], reliability, "".join(used_for))
        )
    return tuple(rows)


def method_text(summary: dict) -> str:
    """How the derived shortage of a set of gemeenten was made, in Dutch."""
    weging = summary.get("weging", "ongewogen")
    how = (
        "elke gemeente telt even zwaar (ongewogen gemiddelde; er is geen werkgelegenheid per gemeente geladen)"
        if weging == "ongewogen"
        else f"gewogen met de werkgelegenheid per gemeente ({weging}, DUO)"
    )
    return (
        "Voor deze regio is geen tekort gemeten. Het cijfer is afgeleid: elke gemeente krijgt het gemeten tekort "
        "van haar arbeidsmarktregio, of haar eigen meting als ze een G5-gemeente is, en die cijfers worden "
        f"samengenomen: {how}. Binnen een arbeidsmarktregio kan het tekort per gemeente verschillen; dat is niet "
        "gemeten."
    )


def spread_figures(summary: dict) -> tuple[KeyFigure, ...]:
    low_at = f" ({summary['laagste_bij']})" if summary.get("laagste_bij") else ""
    high_at = f" ({summary['hoogste_bij']})" if summary.get("hoogste_bij") else ""
    return (
        KeyFigure(f"Laagste cijfer van een gemeente{low_at}", summary.get("laagste")),
        KeyFigure(f"Hoogste cijfer van een gemeente{high_at}", summary.get("hoogste")),
        KeyFigure("Gemeenten met een cijfer", summary.get("gemeenten_met_cijfer"), ""),
        KeyFigure("Gemeenten zonder cijfer", summary.get("gemeenten_zonder_cijfer"), ""),
        KeyFigure(
            "Gemeenten die er volgens een secundaire of onzekere bron bij horen", summary.get("gemeenten_onzeker"), ""
        ),
    )


def region_report(
    profile,
    *,
    title: str,
    kind: str,
    gemeente_geojson: dict,
    sources: tuple[SourceRow, ...],
    attribution: str,
) -> RegionReport:
    """A RegionReport from `metrics.gemeenten_profile(...)`: headline figure, spread, arbeidsmarktregio's."""
    summary, gemeenten, per_am = profile
    national = summary.get("landelijk")
    values = {
        code: (None if pd.isna(v) else float(v)) for code, v in zip(gemeenten["gemeentecode"], gemeenten["value"])
    }
    region, around = map_layers(gemeente_geojson, values)
    figures = [KeyFigure("Tekort (geschat, % van de werkgelegenheid)", summary.get("value"), "%", national)]
    if summary.get("tekort_fte") is not None:
        figures.append(KeyFigure("Tekort in fte (afgeleid)", summary["tekort_fte"], "fte"))
        figures.append(KeyFigure("Werkgelegenheid (DUO)", summary["werkgelegenheid_fte"], "fte"))
    figures += [
        KeyFigure("Gemeenten", summary.get("gemeenten"), ""),
        KeyFigure("Arbeidsmarktregio's", summary.get("arbeidsmarktregios"), ""),
    ]
    comparison = [ComparisonRow(title, summary.get("value"), "afgeleid", highlight=True)]
    if national is not None:
        comparison.append(ComparisonRow("Nederland", national, "gemeten"))
    comparison += _measured_rows(gemeenten, per_am)
    return RegionReport(
        title=title,
        kind=kind,
        sector=summary.get("sector", ""),
        peildatum=fmt_peildatum(summary.get("peildatum", "")) or "onbekend",
        geojson=region,
        neighbours=around,
        figures=tuple(figures),
        comparison=tuple(comparison),
        comparison_title="Vergeleken met landelijk en met de arbeidsmarktregio's van de gemeenten (gemeten)",
        method=method_text(summary),
        spread=spread_figures(summary),
        sources=sources,
        attribution=attribution,
        notes=membership_notes(summary),
        headline=f"Geschat tekort aan leraren in het {sector_name(summary.get('sector', ''))}, "
        "in % van de werkgelegenheid.",
    )


def _measured_rows(gemeenten: pd.DataFrame, per_am: pd.DataFrame) -> list[ComparisonRow]:
    """The measured figures the derived one rests on: each arbeidsmarktregio (for the gemeenten that take its
    figure) and each G5 gemeente with its own measurement."""
    rows = []
    for row in per_am.itertuples():
        via_am = row.gemeenten - row.gemeenten_eigen_meting
        if via_am:
            value = None if pd.isna(row.value) else float(row.value)
            rows.append(ComparisonRow(row.arbeidsmarktregio, value, f"{via_am} van de gemeenten"))
    for row in gemeenten[gemeenten["herkomst"] == "eigen meting"].itertuples():
        rows.append(ComparisonRow(f"{row.gemeente} (eigen meting)", float(row.value), "1 van de gemeenten"))
    return rows


def membership_notes(summary: dict) -> tuple[str, ...]:
    """Caveats a reader must see next to the figures."""
    notes = []
    unsure, total = summary.get("gemeenten_onzeker", 0), summary.get("gemeenten", 0)
    if unsure:
        notes.append(
            f"Welke gemeenten bij deze regio horen is bij benadering bekend: {fmt_number(unsure)} van de "
            f"{fmt_number(total)} gemeenten volgens een secundaire of onzekere bron."
        )
    if summary.get("gemeenten_zonder_cijfer"):
        missing = fmt_number(summary["gemeenten_zonder_cijfer"])
        notes.append(f"{missing} gemeenten hebben geen cijfer en tellen niet mee.")
    return tuple(notes)


def measured_region_report(
    *,
    title: str,
    sector: str,
    peildatum: str,
    value: float | None,
    national: float | None,
    gemeente_values: dict[str, float | None],
    gemeente_geojson: dict,
    comparison: Iterable[tuple[str, float | None]],
    sources: tuple[SourceRow, ...],
    attribution: str,
    note: str = "",
) -> RegionReport:
    """A RegionReport of a measured region (an arbeidsmarktregio or a G5 gemeente): its own figure, no spread."""
    region, around = map_layers(gemeente_geojson, gemeente_values)
    rows = [ComparisonRow(title, value, "gemeten", highlight=True)]
    if national is not None:
        rows.append(ComparisonRow("Nederland", national, "gemeten"))
    rows += [ComparisonRow(name, other, "gemeten") for name, other in comparison if name != title]
    return RegionReport(
        title=title,
        kind="arbeidsmarktregio",
        sector=sector,
        peildatum=peildatum or "onbekend",
        geojson=region,
        neighbours=around,
        figures=(
            KeyFigure("Tekort in % van de werkgelegenheid (gemeten)", value, "%", national),
            KeyFigure("Gemeenten", len(gemeente_values), ""),
        ),
        comparison=tuple(rows),
        comparison_title="Tekort vergeleken met landelijk" + (" en met de gekozen regio's" if len(rows) > 2 else ""),
        method="Dit cijfer is gemeten: de tekortmeting (Centerdata, in opdracht van OCW) rapporteert het tekort per "
        "arbeidsmarktregio en voor de vijf grote gemeenten apart. Het is het openstaande plus het verborgen tekort in "
        "% van de werkgelegenheid. Binnen de regio kan het tekort per gemeente verschillen; dat is niet gemeten.",
        sources=sources,
        attribution=attribution,
        notes=(note,) if note else (),
        headline=f"Tekort aan leraren in het {sector_name(sector)}, in % van de werkgelegenheid (gemeten).",
    )
