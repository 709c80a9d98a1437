"""The register of publications newer than the data: a line stays until its measurement is in the data."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data.model import newer
from dashboard.data.model.contract import ContractError
from dashboard.metrics.bronnen import newer_line, newer_publications


def _register() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "publisher": ["OCW", "OCW", "OCW"],
            "title": ["po 2025", "vo 2025", "po 2024"],
            "published": ["2025-12-18"] * 3,
            "url": ["https://example.org"] * 3,
            "label": ["Kamerbrief 18 december 2025"] * 3,
            "adds": ["x"] * 3,
            "indicator": ["tekort_pct"] * 3,
            "sector": ["po", "vo", "po"],
            "peildatum": ["2025-10-01", "2025-10-01", "2024-10-01"],
        }
    )


def _figures(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["sector", "peildatum", "kind"]).assign(indicator="tekort_pct")


def test_the_shipped_register_names_okt_2024_and_okt_2025():
    register = newer.register()
    assert {"2024-10-01", "2025-10-01"} <= set(register["peildatum"])
    assert register["url"].str.contains("kst-27923-518").all()


def test_a_line_goes_when_its_measurement_is_in_the_data_and_not_for_a_news_report():
    register = _register()
    none = _figures()
    assert newer_line(newer_publications(register, none, ("po", "vo"))) == (
        "**Nieuwer gepubliceerd:** okt 2024 en okt 2025 (Kamerbrief 18 december 2025), nog niet in dit dashboard; "
        "[zo voegt u ze toe](/data#nieuwer-gepubliceerd)."
    )
    reported = _figures(("po", "2024-10-01", "bericht"))  # a news figure is not the measurement
    assert len(newer_publications(register, reported, ("po",))) == 2
    measured = _figures(("po", "2024-10-01", "meting"))
    assert newer_line(newer_publications(register, measured, ("po",))).startswith(
        "**Nieuwer gepubliceerd:** okt 2025 ("
    )
    everything = _figures(
        ("po", "2024-10-01", "meting"), ("po", "2025-10-01", "meting"), ("vo", "2025-10-01", "meting")
    )
    assert newer_line(newer_publications(register, everything, ("po", "vo"))) == ""


def test_a_broken_register_is_refused_in_dutch(tmp_path):
    (tmp_path / newer.FILE).write_text("publisher,title\nOCW,\n", encoding="utf-8")
    with pytest.raises(ContractError, match="newer_publications.csv"):
        newer.register(tmp_path)
