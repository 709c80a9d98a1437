"""One format per date column where tables leave the dashboard (issue 30): an ISO peildatum for a measurement, a
periode for a year, school year, span, quarter, month or named round, and no value lost."""

import pandas as pd
import pytest

from dashboard.data.model.contract import public_dates, split_peildatum

CASES = {
    "2023-10-01": ("2023-10-01", "", ""),
    "2021-02-01?": ("2021-02-01", "", "ja"),
    "2023": ("", "2023", ""),
    "2021/2022": ("", "2021/2022", ""),
    "2013-2016": ("", "2013-2016", ""),
    "2022-Q2": ("", "2022-Q2", ""),
    "2024-07": ("", "2024-07", ""),
    "IPTO2020": ("", "IPTO2020", ""),
    "onbekend": ("", "onbekend", ""),
}


@pytest.mark.parametrize(("raw", "split"), CASES.items())
def test_each_form_has_its_column(raw, split):
    assert split_peildatum(raw) == split


def test_nothing_is_lost_and_each_column_has_one_form(tables):
    indicators = tables["indicators"]
    public = public_dates(indicators)
    assert len(public) == len(indicators)
    assert public["peildatum"].str.fullmatch(r"(\d{4}-\d{2}-\d{2})?").all()
    assert ((public["peildatum"] != "") != (public["periode"] != "")).all()  # exactly one of the two
    back = public["peildatum"] + public["peildatum_afgeleid"].map({"ja": "?", "": ""}) + public["periode"]
    assert back.tolist() == indicators["peildatum"].tolist()
    columns = list(public.columns)
    assert columns[columns.index("peildatum") + 1 : columns.index("peildatum") + 3] == ["periode", "peildatum_afgeleid"]


def test_a_table_that_has_them_passes_unchanged():
    frame = pd.DataFrame({"peildatum": ["2023-10-01"], "periode": [""], "peildatum_afgeleid": [""]})
    assert public_dates(frame) is frame
