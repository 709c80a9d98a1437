"""A regioprofiel as an A4 PDF: title, peildatum, a map of the region, its figures against national, a comparison,
how a derived figure was made and its spread, every source with its reliability, and the boundary attribution.

`regioprofiel_pdf(RegionReport) -> bytes` lays out what dashboard.report.regioprofiel filled (or a page filled by
hand) with reportlab only, the map and bars as vector drawings (dashboard.report.drawings), so it works offline and
without a browser. The wording of the figures (Dutch notation, the difference with national) is decided here, where
it is shown.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from dashboard.data.model.sectors import SECTOR_LABELS, sector_name
from dashboard.format import fmt_fte, fmt_number, fmt_pct, fmt_value, reliability_label
from dashboard.report.drawings import ACCENT, INK, MUTED, PALE, RULE, bar_drawing, map_drawing
from dashboard.report.model import KeyFigure, RegionReport
from dashboard.texts import KIND_LABELS


def _fmt(value: float | None, unit: str) -> str:
    if unit == "%":
        return fmt_pct(value)
    if unit == "fte":
        return fmt_fte(value)
    return fmt_value(value, unit) if unit else fmt_number(value)


def _difference(value: float | None, national: float | None, unit: str, short: bool = False) -> str:
    """'2,3 procentpunt lager' ('2,3 pp lager' when short) / 'even hoog'; '' without both figures."""
    if value is None or national is None:
        return ""
    delta = round(value - national, 1)
    if delta == 0:
        return "even hoog"
    size = f"{fmt_number(abs(delta), 1)} {'pp' if short else 'procentpunt'}" if unit == "%" else _fmt(abs(delta), unit)
    return f"{size} {'hoger' if delta > 0 else 'lager'}"


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName="Helvetica", fontSize=9, leading=12, textColor=INK, alignment=TA_LEFT)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5, textColor=MUTED),
        "kicker": ParagraphStyle("kicker", parent=base, fontSize=8, textColor=ACCENT, fontName="Helvetica-Bold"),
        "title": ParagraphStyle("title", parent=base, fontName="Helvetica-Bold", fontSize=20, leading=24),
        "sub": ParagraphStyle("sub", parent=base, fontSize=10, textColor=MUTED),
        "h2": ParagraphStyle(
            "h2", parent=base, fontName="Helvetica-Bold", fontSize=11, leading=14, spaceBefore=8, spaceAfter=3
        ),
        "big": ParagraphStyle("big", parent=base, fontName="Helvetica-Bold", fontSize=28, leading=32, textColor=ACCENT),
        "head": ParagraphStyle("head", parent=base, fontSize=8, leading=10, textColor=MUTED),
        "lead": ParagraphStyle("lead", parent=base, fontSize=10.5, leading=14),
        "note": ParagraphStyle(
            "note", parent=base, fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=4, leftIndent=6, borderPadding=0
        ),
    }


def _esc(text: object) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def headline(report: RegionReport) -> str:
    """The one sentence a reader needs: the main figure against national."""
    if not report.figures or report.figures[0].value is None:
        return "Voor deze regio is geen tekortcijfer beschikbaar."
    main = report.figures[0]
    sector = sector_name(report.sector)
    text = report.headline or f"{main.label} ({sector})."
    difference = _difference(main.value, main.national, main.unit)
    if difference == "even hoog":
        text += f" Dat is even hoog als landelijk ({_fmt(main.national, main.unit)})."
    elif difference:
        text += f" Dat is {difference} dan landelijk ({_fmt(main.national, main.unit)})."
    return text


def _figures_table(report: RegionReport, styles: dict[str, ParagraphStyle], width: float) -> Table:
    rows = [["", "Regio", "Landelijk", Paragraph("<b>Verschil</b>", styles["head"])]]
    for figure in report.figures:
        rows.append(
            [
                Paragraph(_esc(figure.label), styles["base"]),
                _fmt(figure.value, figure.unit),
                "" if figure.national is None else _fmt(figure.national, figure.unit),
                Paragraph(_esc(_difference(figure.value, figure.national, figure.unit, short=True)), styles["base"]),
            ]
        )
    table = Table(rows, colWidths=[width * 0.43, width * 0.15, width * 0.18, width * 0.24])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
                ("FONT", (1, 1), (-1, -1), "Helvetica", 9),
                ("FONT", (1, 1), (1, 1), "Helvetica-Bold", 9),
                ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
                ("ALIGN", (1, 0), (2, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, MUTED),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _spread_table(spread: Sequence[KeyFigure], styles: dict[str, ParagraphStyle], width: float) -> Table:
    """The spread figures two by two, so the page keeps room for the sources."""
    cells = [[Paragraph(_esc(f.label), styles["base"]), _fmt(f.value, f.unit)] for f in spread]
    rows = [cells[i] + (cells[i + 1] if i + 1 < len(cells) else ["", ""]) for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=[width * 0.38, width * 0.1, width * 0.42, width * 0.1])
    table.setStyle(
        TableStyle(
            [
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("ALIGN", (3, 0), (3, -1), "RIGHT"),
                ("FONT", (0, 0), (-1, -1), "Helvetica-Bold", 9),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (1, 0), (1, -1), 10),
            ]
        )
    )
    return table


def _sources_table(report: RegionReport, styles: dict[str, ParagraphStyle], width: float) -> Table:
    rows = [
        [
            Paragraph("<b>Bron</b>", styles["small"]),
            Paragraph("<b>Jaar</b>", styles["small"]),
            Paragraph("<b>Betrouwbaarheid</b>", styles["small"]),
        ]
    ]
    for source in report.sources:
        title = f"<b>{_esc(source.publisher)}</b>: {_esc(source.title)}"
        if source.used_for:
            title += f"<br/><i>Gebruikt voor: {_esc(source.used_for)}</i>"
        if source.url:
            title += f"<br/><font color='{MUTED.hexval()}'>{_esc(source.url)}</font>"
        rows.append(
            [
                Paragraph(title, styles["small"]),
                Paragraph(_esc(source.year), styles["small"]),
                Paragraph(_esc(reliability_label(source.reliability)), styles["small"]),
            ]
        )
    table = Table(rows, colWidths=[width * 0.68, width * 0.08, width * 0.24], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def citation(report: RegionReport, styles: dict[str, ParagraphStyle]) -> list:
    """'Gemaakt op <datum> · dataversie <v>' and the link to the exact view, under the title: what a citation needs."""
    made = " · ".join(
        p for p in (f"Gemaakt op {report.made_on}" if report.made_on else "", _version(report.data_version)) if p
    )
    lines = [Paragraph(_esc(made), styles["note"])] if made else []
    if report.link:
        link = _esc(report.link)
        lines.append(Paragraph(f'Deze weergave: <link href="{link}" color="#0b4f8a">{link}</link>', styles["note"]))
    return lines


def _version(version: str) -> str:
    return f"dataversie {version}" if version else ""


def regioprofiel_pdf(report: RegionReport) -> bytes:
    """The regioprofiel as an A4 PDF (bytes); all figures in Dutch notation."""
    styles = _styles()
    buffer = io.BytesIO()
    margin = 16 * mm
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=14 * mm,
        bottomMargin=16 * mm,
        title=f"Regioprofiel {report.title}",
        author="Lerarentekort in beeld",
        subject="Regioprofiel lerarentekort",
    )
    width = A4[0] - 2 * margin
    kind = KIND_LABELS.get(report.kind, report.kind.capitalize())
    sector = SECTOR_LABELS.get(report.sector, report.sector)
    story: list = [
        Paragraph("REGIOPROFIEL LERARENTEKORT", styles["kicker"]),
        Paragraph(_esc(report.title), styles["title"]),
        Paragraph(f"{_esc(kind)} · {_esc(sector)} · peildatum {_esc(report.peildatum)}", styles["sub"]),
        *citation(report, styles),
        Spacer(1, 3 * mm),
    ]
    main = report.figures[0] if report.figures else None
    big = Paragraph(_fmt(main.value if main else None, main.unit if main else "%"), styles["big"])
    box = Table([[big, Paragraph(_esc(headline(report)), styles["lead"])]], colWidths=[width * 0.25, width * 0.75])
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), PALE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    story += [box, Spacer(1, 3 * mm)]
    map_w = width * 0.47
    right = [Paragraph("Kerncijfers", styles["h2"]), _figures_table(report, styles, width * 0.51)]
    right += [Spacer(1, 3 * mm)] + [Paragraph(_esc(note), styles["note"]) for note in report.notes]
    layout = Table([[map_drawing(report, map_w, map_w * 0.86), right]], colWidths=[map_w + 2 * mm, width * 0.51])
    layout.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story.append(layout)
    if report.comparison:
        story.append(
            KeepTogether(
                [Paragraph(_esc(report.comparison_title), styles["h2"]), bar_drawing(report.comparison, width)]
            )
        )
    if report.method or report.spread:
        block = [Paragraph("Hoe is dit cijfer gemaakt?", styles["h2"]), Paragraph(_esc(report.method), styles["base"])]
        if report.spread:
            block += [
                Spacer(1, 2 * mm),
                Paragraph("<b>Spreiding binnen de regio</b>", styles["base"]),
                _spread_table(report.spread, styles, width),
            ]
        story.append(KeepTogether(block))
    if report.sources:
        story.append(KeepTogether([Paragraph("Bronnen", styles["h2"]), _sources_table(report, styles, width)]))

    def footer(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7)
        canvas.setFillColor(MUTED)
        canvas.drawString(margin, 9 * mm, report.attribution or "Kaartgrenzen: bron niet opgegeven")
        made = f"gemaakt op {report.made_on} · " if report.made_on else ""
        canvas.drawRightString(A4[0] - margin, 9 * mm, f"Lerarentekort in beeld · {made}pagina {document.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
