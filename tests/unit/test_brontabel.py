"""Reading a "Brontabel als csv" (region, value): shapes, names to codes, refusals
(dashboard/data/intake/brontabel/*.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.data.intake.brontabel import names as brontabel_names
from dashboard.data.intake.brontabel import options as brontabel_options
from dashboard.data.intake.brontabel import rows as brontabel_rows
from dashboard.data.intake.brontabel import table as brontabel
from dashboard.data.intake.ingest import IngestError
from dashboard.data.model.paths import RAW_DIR
from tests.brontabel_files import SHAPES, brontabel_text, made_up_values, ocw_names, write_brontabel, write_lines


@pytest.fixture(scope="module")
def known(tables) -> dict[str, brontabel_names.Region]:
    return brontabel_names.regions_for(tables["regions"])


def read(text: str, known) -> brontabel.Brontabel:
    return brontabel.read_text(text, known)


def refusal(text: str, known) -> str:
    with pytest.raises(IngestError) as caught:
        read(text, known)
    return str(caught.value)


@pytest.mark.parametrize("shape", SHAPES)
def test_every_shape_gives_the_same_40_regions_and_values(shape, known, tmp_path: Path):
    values = made_up_values()
    path = write_brontabel(tmp_path / f"{shape}.csv", values, shape)
    table = brontabel.read_file(path, known)
    assert len(table.entries) == 40 and table.missing == ()
    codes = ocw_names()
    assert {e.region.code: e.value for e in table.entries} == {codes[n]: v for n, v in values.items()}
    assert (table.header is not None) == (SHAPES[shape][1] is not None)


def test_arbeidsmarktregio_and_g5_levels_as_the_shipped_rows(known):
    table = read(brontabel_text(made_up_values(), "puntkomma-zonder-kop"), known)
    levels = {e.region.code: (e.region.geo_level, e.region.name, e.region.parent) for e in table.entries}
    assert levels["AM09"] == ("arbeidsmarktregio", "Achterhoek", "")
    assert levels["AM36"] == ("arbeidsmarktregio", "Regio Zwolle", "")
    assert levels["GM0518"] == ("gemeente", "'s-Gravenhage", "Haaglanden")
    assert levels["GM0344"] == ("gemeente", "Utrecht", "Midden-Utrecht")  # the G5 city, not Midden-Utrecht
    assert sum(level == "arbeidsmarktregio" for level, _, _ in levels.values()) == 35


@pytest.mark.parametrize(
    "written, code",
    [
        ("regio zwolle", "AM36"),
        ("Zwolle", "AM36"),
        ("REGIO ZWOLLE", "AM36"),
        ("Regio Achterhoek", "AM09"),
        ("regio Twente", "AM05"),
        ("Gooi- en Vechtstreek", "AM12"),
        ("gooi en vechtstreek", "AM12"),
        ("Food Valley", "AM38"),
        ("Zaanstreek / Waterland", "AM17"),
        ("Zaanstreek-Waterland", "AM17"),
        ("Noord-Holland (Noord)", "AM15"),
        ("Helmond - De Peel", "AM32"),
        ("Veluwe Stedendriehoek", "AM06"),  # the boundary name
        ("  Midden  Utrecht ", "AM13"),
        ("s-Gravenhage", "GM0518"),
        ("Den Haag", "GM0518"),
        ("’s-Gravenhage", "GM0518"),
        ("ROTTERDAM", "GM0599"),
        ("Groningen", "AM01"),
    ],
)
def test_names_are_matched_forgiving_case_hyphens_spaces_and_regio(written, code, known):
    table = read(f"{written};5,0%\n", known)
    assert [e.region.code for e in table.entries] == [code]


@pytest.mark.parametrize(
    "written, hint",
    [
        ("Groot-Amstrdam", "Groot Amsterdam"),
        ("Amsterdam-Noord", "Amsterdam"),
        ("Utrecht provincie", "Utrecht"),
        ("Zuid Limburgg", "Zuid-Limburg"),
        ("Nederland", None),
        ("Regio", None),
    ],
)
def test_a_name_that_is_no_region_is_refused_never_guessed(written, hint, known):
    message = refusal(f"Groningen;3,5\n{written};4,0\n", known)
    assert f'regel 2: "{written}" is geen bekende arbeidsmarktregio of G5-gemeente' in message
    if hint:
        assert f'bedoelt u "{hint}"?' in message


def test_every_unknown_name_is_listed_with_its_line_and_a_hint(known):
    message = refusal("Regio;Tekort\nGroningen;3,5\nFrieslandd;4\nAchterhoekk;5\nZeeuws-Vlaanderen;6\n", known)
    for line, name, hint in (
        (3, "Frieslandd", "Friesland"),
        (4, "Achterhoekk", "Achterhoek"),
        (5, "Zeeuws-Vlaanderen", None),
    ):
        assert f'regel {line}: "{name}" is geen bekende' in message
        if hint:
            assert f'bedoelt u "{hint}"?' in message
    assert message.count("bedoelt u") == 3  # a hint for every one, even the far-fetched


def test_a_region_twice_is_refused_even_when_spelled_differently(known):
    message = refusal("Groningen;3,5\n's-Gravenhage;4\nDen Haag;4\n", known)
    assert 'regel 3: "Den Haag" is dezelfde regio als "\'s-Gravenhage" op regel 2' in message
    assert "elke regio mag één keer voorkomen" in refusal("Zeeland;3\nzeeland;3\n", known)


@pytest.mark.parametrize(
    "value, message",
    [
        ("n.v.t.", 'de waarde "n.v.t." bij "Zeeland" is geen getal'),
        ("", 'de waarde "" bij "Zeeland" is geen getal'),
        ("3,5,1", "is geen getal"),
        ("1.234,5", "is geen getal"),
        ("101", 'de waarde 101 bij "Zeeland" ligt niet tussen 0 en 100%'),
        ("-0,5%", "ligt niet tussen 0 en 100%"),
        ("=1+1", "is geen getal"),
    ],
)
def test_a_value_that_is_no_percentage_is_refused(value, message, known):
    assert message in refusal(f"Groningen;3,5\nZeeland;{value}\n", known)


def test_values_are_read_in_every_writing(known):
    text = "Groningen;3,50%\nFriesland;3,5\nDrenthe;3.5\nTwente;13\nZeeland;0,0 %\nAchterhoek;100%\n"
    assert [e.value for e in read(text, known).entries] == [3.5, 3.5, 3.5, 13.0, 0.0, 100.0]


def test_all_problems_come_in_one_message(known):
    message = refusal("Groningen;abc\nGrunn;3\nZeeland;300\nZeeland;3\n", known)
    assert message.count("\n- regel") == 4


@pytest.mark.parametrize(
    "lines, message",
    [
        (("Groningen", "Friesland"), "Het bestand heeft één kolom"),
        (("Regio;Tekort;Bron", "Groningen;3,5;OCW"), "Regel 1 heeft 3 kolommen"),
        (("Groningen;3,5", "Friesland;3,5;x"), "Regel 2 heeft 3 kolommen"),
        (("Groningen,3,5", "Friesland,4,0"), "Staat er een decimale komma zonder aanhalingstekens ('3,5')?"),
        (("Regio;Tekort",), "een kopregel maar geen regels"),
        (("", "  "), "Het bestand is leeg"),
    ],
)
def test_a_file_that_is_no_two_column_table_is_refused(lines, message, known, tmp_path: Path):
    path = write_lines(tmp_path / "tabel.csv", *lines)
    with pytest.raises((IngestError, Exception)) as caught:
        brontabel.read_file(path, known)
    assert message in str(caught.value)


def test_empty_trailing_columns_and_excel_sep_line_are_no_columns(known):
    table = read("sep=;\nRegio;Tekort;;\nGroningen;3,5;;\nZeeland;4;;\n", known)
    assert [(e.line.number, e.region.code) for e in table.entries] == [(3, "AM01"), (4, "AM24")]


def test_the_first_line_is_a_header_only_when_it_is_no_region_and_no_percentage(known):
    assert read("Arbeidsmarktregio;2025\nGroningen;3\n", known).header.name == "Arbeidsmarktregio"
    assert read("Groningen;3\nZeeland;4\n", known).header is None
    assert 'bij "Groningen" is geen getal' in refusal("Groningen;onbekend\nZeeland;4\n", known)


def test_missing_regions_are_accepted_with_a_warning_that_names_them(known):
    values = made_up_values()
    del values["Achterhoek"], values["Almere"]
    table = read(brontabel_text(values, "puntkomma-zonder-kop"), known)
    assert len(table.entries) == 38
    assert {r.code for r in table.missing} == {"AM09", "GM0034"}
    assert table.warnings() == [
        "2 regio's staan niet in het bestand en krijgen op de kaart 'geen cijfer': Achterhoek, Almere."
    ]
    assert read(brontabel_text(made_up_values(), "puntkomma-zonder-kop"), known).warnings() == []


def test_excel_and_web_pages_are_refused_as_brontabel(known, tmp_path: Path):
    xlsx = tmp_path / "tabel.xlsx"
    xlsx.write_bytes(b"PK\x03\x04rest")
    with pytest.raises(IngestError, match="Een brontabel is een CSV-bestand"):
        brontabel.read_file(xlsx, known)
    html = tmp_path / "tabel.csv"
    html.write_text("<!DOCTYPE html><html>niet gevonden</html>")
    with pytest.raises(Exception, match="webpagina"):
        brontabel.read_file(html, known)


def test_no_name_key_points_at_two_regions(known):
    regions = list(known.values())
    assert len({r.code for r in regions}) == 40
    assert brontabel_names.name_key("Regio Zwolle") == brontabel_names.name_key("zwolle") == "zwolle"
    assert brontabel_names.name_key("Regio") == "regio"  # a lone word 'regio' is no region


OPTIONS = {
    "indicator": "tekort_pct",
    "sector": "vo",
    "peildatum": "2025-10-01",
    "bron_titel": "Tekorten vo",
    "bron_uitgever": "Ministerie van OCW",
    "bron_jaar": "2025",
    "bron_url": "https://example.org/t",
}


def test_options_become_meta_with_one_source_id_per_measurement():
    meta = brontabel_options.check_options(OPTIONS)
    assert meta.source_id == "BRONTABEL-VO-TEKORT_PCT-2025-10-01"
    assert (meta.bron_jaar, meta.bron_url) == ("2025", "https://example.org/t")


@pytest.mark.parametrize(
    "change, message",
    [
        ({"peildatum": None}, "ontbreekt: --peildatum."),
        ({"bron_titel": "", "bron_uitgever": None}, "ontbreekt: --bron-titel, --bron-uitgever."),
        ({"bron_jaar": None, "bron_url": " "}, "ontbreekt: --bron-jaar, --bron-url."),
        ({"sector": "mbo"}, "--sector 'mbo': regionale tekorten zijn er voor po en vo"),
        ({"peildatum": "1-10-2025"}, "--peildatum '1-10-2025' is geen datum als 2025-10-01"),
        ({"peildatum": "2025-02-30"}, "is geen datum"),
        ({"indicator": "tekort_fte"}, "--indicator 'tekort_fte' kan niet uit een brontabel komen"),
        ({"bron_jaar": "vorig jaar"}, "--bron-jaar 'vorig jaar' is geen jaartal"),
        ({"bron_url": "ocwincijfers.nl"}, "--bron-url 'ocwincijfers.nl' is geen webadres"),
        ({"bron_titel": "=HYPERLINK(1)"}, "--bron-titel bevat een formule of HTML"),
        ({"bron_uitgever": "OCW <script>"}, "--bron-uitgever bevat een formule of HTML"),
    ],
)
def test_a_missing_or_wrong_option_is_refused_in_dutch(change, message):
    with pytest.raises(IngestError) as caught:
        brontabel_options.check_options({**OPTIONS, **change})
    assert message in str(caught.value)


def test_rows_in_the_contract_and_in_the_raw_layout(known):
    meta = brontabel_options.check_options(OPTIONS)
    table = read(brontabel_text(made_up_values(), "komma-punt-zonder-kop"), known)
    contract = brontabel_rows.contract_frame(table, meta, "t.csv")
    assert set(contract["geo_level"]) == {"arbeidsmarktregio", "gemeente"}
    assert (contract["unit"] == "% werkgelegenheid").all() and (contract["categorie"] == "").all()
    raw = brontabel_rows.raw_rows(table, meta, "t.csv")
    assert set(raw["geo_level"]) == {"arbeidsmarktregio (excl. G5-gemeente)", "gemeente (G5)"}
    assert raw.loc[raw["region_name"] == "Rotterdam", "parent_region"].item() == "Rijnmond"
    assert raw["source"].iloc[0] == "Ministerie van OCW (2025), 'Tekorten vo', https://example.org/t"
    shipped = pd.read_csv(RAW_DIR / "regional_shortage_vo.csv", dtype=str, nrows=1)
    assert list(raw.columns) == list(shipped.columns)
