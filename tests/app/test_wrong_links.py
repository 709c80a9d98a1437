"""A wrong link says so (issue 30): each parameter with an unknown value gives a Dutch notice naming what was asked
and what is shown instead, and the link keeps the parts that were right."""

import pytest

from tests.app.helpers import open_page


def notices(at) -> list[str]:
    """The wrong link's notices, as the page shows them (without markdown's escapes)."""
    return [w.value.replace("\\", "") for w in at.warning if w.icon == ":material/link_off:"]


CASES = [  # page, link, words the notice must hold, the parameters the link keeps afterwards
    ("overzicht", {"sector": "hbo"}, ["Sector 'hbo' bestaat niet", "primair onderwijs"], {}),
    (
        "regionale_tekorten",
        {"sector": "vo", "regio": "XX99"},
        ["Regio 'XX99' bestaat niet", "landelijk beeld"],
        {"sector": "vo"},
    ),
    ("onderwijsregios", {"oregio": "OR-bestaat-niet"}, ["Onderwijsregio 'OR-bestaat-niet' bestaat niet"], {}),
    (
        "onderwijsregios",
        {"eigen": "GM9999,GM0363"},
        ["Gemeentecode 'GM9999' bestaat niet", "andere gemeenten"],
        {"eigen": "GM0363"},
    ),
    ("behoud", {"calc_regio": "XXX"}, ["Gebied 'XXX' bestaat niet", "Nederland"], {}),
    ("opleiden", {"onderdeel": "Bestaat niet"}, ["Onderdeel 'Bestaat niet' bestaat niet", "Instroom"], {}),
    ("bevoegdheden", {"vak": "Klingon"}, ["'vak=Klingon'", "geen keuze 'vak'", "vakken"], {}),
    ("behoud", {"extra": "abc"}, ["Aandeel dat extra werkt 'abc' is geen getal"], {}),
]


@pytest.mark.parametrize(("page", "query", "words", "kept"), CASES, ids=[str(c[1]) for c in CASES])
def test_a_wrong_link_says_what_was_asked_and_what_is_shown(page, query, words, kept):
    at = open_page(page, **query)
    found = [text for text in notices(at) if all(word in text for word in words)]
    assert found, [w.value for w in at.warning]
    for key, value in kept.items():
        assert at.query_params[key] == value, (key, at.query_params)
    wrong = set(query) - set(kept) - {"vak"}  # a parameter the page has not is named, and left alone
    assert not wrong & set(at.query_params), at.query_params  # the wrong value left the link


def test_a_right_link_gives_no_notice():
    at = open_page("regionale_tekorten", sector="vo", regio="AM09", vergelijk="AM09,AM20")
    assert not notices(at), [w.value for w in at.warning]


def test_the_notice_goes_when_the_visitor_chooses():
    at = open_page("regionale_tekorten", regio="XX99")
    assert notices(at)
    at.selectbox(key="regio").set_value("AM09").run()
    assert not notices(at)


def test_calculator_shows_the_value_asked_for():
    at = open_page("behoud", extra="-5")
    assert at.number_input(key="extra").value == -5
    assert any("-5" in w.value and "buiten het bereik" in w.value for w in at.warning), [w.value for w in at.warning]
    assert at.query_params["extra"] == "-5"


@pytest.mark.parametrize("fte", ["0,5", "0.5"])
def test_calculator_takes_a_comma_and_a_point(fte):
    at = open_page("behoud", gem_fte=fte)
    assert at.select_slider(key="gem_fte").value == 0.5
    assert not notices(at)


def test_coverage_above_the_whole_shortage_says_so():
    at = open_page("behoud", extra="100")
    covered = [m.value for m in at.metric if "gedekt" in m.label]
    assert covered and covered[0].startswith("Meer dan het hele tekort"), covered


def test_a_long_own_region_name_is_cut():
    at = open_page("onderwijsregios", eigen="GM0363", eigen_naam="x" * 5000)
    assert len(at.text_input(key="eigen_naam").value) == 80
    assert any("ingekort" in w.value for w in at.warning)
