"""A page's CSV holds what the page shows (issue 30): rounded as the table rounds, codes in the page's Dutch words,
no column that is empty in every row."""

import io

import pandas as pd

from dashboard.format import fmt_fte, fmt_pct, fmt_pp
from dashboard.tables import arrow_table, as_shown, labelled_csv, shown_decimals

FRAME = pd.DataFrame(
    {
        "regio": ["Achterhoek", "Haaglanden"],
        "value": [8.990909090909089, 4.3999999999999995],
        "verschil": [0.25, -1.04],
        "tekort_fte": [None, None],
        "fte": [1234.4, 98.6],
        "reliability": ["derived", "solid"],
        "lidmaatschap": ["secondary", ""],
    }
)
COLUMNS = {
    "regio": "Regio",
    "value": "Tekort (%, afgeleid)",
    "verschil": "Verschil (procentpunt)",
    "tekort_fte": "Tekort (fte)",
    "fte": "Werkgelegenheid (fte)",
    "reliability": "Betrouwbaarheid",
    "lidmaatschap": "Lidmaatschap",
}
FORMATS = {"value": fmt_pct, "verschil": fmt_pp, "fte": fmt_fte, "tekort_fte": fmt_fte}


def csv_rows() -> pd.DataFrame:
    body = labelled_csv(FRAME, tuple(COLUMNS.items()), shown_decimals(FRAME, FORMATS))
    return pd.read_csv(io.BytesIO(body), sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")


def test_decimals_follow_the_formatters():
    assert dict(shown_decimals(FRAME, FORMATS)) == {"value": 1, "verschil": 1, "fte": 0}


def test_the_csv_rounds_as_the_page_shows():
    rows = csv_rows()
    numbers = " ".join(rows["Tekort (%, afgeleid)"]) + " " + " ".join(rows["Werkgelegenheid (fte)"])
    assert "8,99" not in numbers and "4,39" not in numbers and "4.39" not in numbers
    assert [float(v.replace(",", ".")) for v in rows["Tekort (%, afgeleid)"]] == [9.0, 4.4]
    assert [int(v) for v in rows["Werkgelegenheid (fte)"]] == [1234, 99]


def test_codes_become_the_pages_words_and_empty_columns_go():
    rows = csv_rows()
    assert "Tekort (fte)" not in rows.columns
    assert not {"derived", "solid", "secondary"} & (set(rows["Betrouwbaarheid"]) | set(rows["Lidmaatschap"]))
    assert rows["Betrouwbaarheid"][0].startswith("afgeleid")
    assert rows["Lidmaatschap"][0].startswith("secundair")


def test_the_table_leaves_out_the_same_empty_columns():
    shown = arrow_table(FRAME, COLUMNS, FORMATS).column_names
    assert "Tekort (fte)" not in shown and "Werkgelegenheid (fte)" in shown
    assert list(as_shown(FRAME, COLUMNS).columns) == shown
