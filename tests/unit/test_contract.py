import pandas as pd
import pytest

from dashboard.data.model.contract import ContractError, validate, validate_references


def _indicator_row(**overrides) -> dict:
    row = {
        "indicator": "tekort_pct",
        "sector": "po",
        "vak": "",
        "geo_level": "land",
        "region_code": "NL01",
        "region_name": "Nederland",
        "categorie": "",
        "peildatum": "2023-10-01",
        "year": 2023,
        "value": 9.7,
        "unit": "%",
        "kind": "meting",
        "reliability": "solid",
        "source_id": "CD_2023",
        "note": "",
    }
    return {**row, **overrides}


def test_valid_frame_gets_contract_dtypes():
    out = validate(pd.DataFrame([_indicator_row()]), "indicators")
    assert out["year"].dtype == "Int64"
    assert out["value"].dtype == "float64"
    assert out.loc[0, "region_code"] == "NL01"


def test_codes_stay_strings_with_leading_zeros():
    out = validate(pd.DataFrame([_indicator_row(region_code="GM0034", geo_level="gemeente")]), "indicators")
    assert out.loc[0, "region_code"] == "GM0034"


def test_missing_column_is_named():
    frame = pd.DataFrame([_indicator_row()]).drop(columns="reliability")
    with pytest.raises(ContractError, match="ontbreken: reliability"):
        validate(frame, "indicators")


def test_non_numeric_value_names_column_and_row():
    frame = pd.DataFrame([_indicator_row(), _indicator_row(value="veel")])
    with pytest.raises(ContractError, match=r"kolom 'value' moet een getal zijn; rij 2 \(bijv. 'veel'\)"):
        validate(frame, "indicators")


def test_unknown_sector_and_kind_are_rejected():
    frame = pd.DataFrame([_indicator_row(sector="kinderopvang", kind="schatting")])
    with pytest.raises(ContractError) as err:
        validate(frame, "indicators")
    assert "kolom 'sector'" in str(err.value)
    assert "kolom 'kind'" in str(err.value)


def test_empty_required_cell_is_rejected():
    with pytest.raises(ContractError, match="kolom 'source_id' is leeg in rij 1"):
        validate(pd.DataFrame([_indicator_row(source_id=" ")]), "indicators")


def test_duplicate_source_ids_are_rejected():
    sources = pd.DataFrame(
        {
            "source_id": ["A", "A"],
            "title": ["t", "u"],
            "publisher": ["p", "p"],
            "year": ["2023", "2023"],
            "url": ["", ""],
            "kind": ["", ""],
        }
    )
    with pytest.raises(ContractError, match="uniek"):
        validate(sources, "sources")


def test_every_figure_needs_a_source():
    indicators = validate(pd.DataFrame([_indicator_row(source_id="ONBEKEND")]), "indicators")
    sources = pd.DataFrame({"source_id": ["CD_2023"]})
    with pytest.raises(ContractError, match="ONBEKEND"):
        validate_references(indicators, sources)


def test_many_bad_rows_are_summarised():
    frame = pd.DataFrame([_indicator_row(value="x")] * 8)
    with pytest.raises(ContractError, match=r"rij 1, 2, 3, 4, 5 \(en nog 3\)"):
        validate(frame, "indicators")
