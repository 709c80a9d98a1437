"""The data a page's lists are built from is made once per data, not once per option: a selectbox's format_func
asks for the names of every region on every rerun (bench/README.md, felt speed under load)."""

from __future__ import annotations

from dashboard.views import onderwijsregios as oviews
from dashboard.views import regionale_tekorten as views


def test_region_names_and_codes_are_made_once_per_data():
    data = views.regional_data("vo")
    assert data.names is data.names and data.codes is data.codes
    assert data.codes == tuple(data.frame["region_code"]) and data.names[data.codes[0]]
    odata = oviews.oregio_data("vo")
    assert odata.names is odata.names and odata.codes is odata.codes
    assert list(odata.codes) == sorted(odata.names, key=odata.names.get)
