"""The Data page's sources before the whole register: figures and sources per publishing organisation."""

import pandas as pd

from dashboard.metrics.bronnen import publisher_summary


def _catalogue(rows: list[tuple[str, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["publisher", "cijfers"])


def test_a_publisher_with_its_series_in_brackets_is_one_organisation():
    catalogue = _catalogue(
        [
            ("Ministerie van OCW (OCW in cijfers)", 10),
            ("Ministerie van OCW (OCW in cijfers); bron Centerdata", 5),
            ("Centerdata", 3),
            ("Voion, arbeidsmarktplatform", 2),
        ]
    )
    summary = publisher_summary(catalogue)
    assert summary.to_dict("records") == [
        {"publisher": "Ministerie van OCW", "cijfers": 15, "bronnen": 2},
        {"publisher": "Centerdata", "cijfers": 3, "bronnen": 1},
        {"publisher": "Voion", "cijfers": 2, "bronnen": 1},
    ]


def test_the_rest_is_one_row_and_nothing_is_lost_or_counted_twice():
    catalogue = _catalogue([(f"Uitgever {i}", i) for i in range(10)])  # Uitgever 0 gave no figure
    summary = publisher_summary(catalogue, top=3)
    assert summary["publisher"].tolist() == ["Uitgever 9", "Uitgever 8", "Uitgever 7", "6 andere uitgevers"]
    assert summary["cijfers"].sum() == sum(range(10)) and summary["bronnen"].sum() == 9
