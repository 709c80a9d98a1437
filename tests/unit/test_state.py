from dashboard.ui.state import Param, parse, problem, serialize, unknown_key

SECTOR = Param("sector", "po", choices=("po", "vo", "mbo", "so"))
REGIOS = Param("vergelijk", [], kind="list", choices=("AM01", "AM02", "AM03", "AM05", "AM06"), max_items=4)
SHARE = Param("aandeel", 10.0, kind="float")


def test_round_trip():
    for param, value in ((SECTOR, "vo"), (REGIOS, ["AM02", "AM01"]), (SHARE, 12.5)):
        assert parse(param, serialize(param, value)) == value


def test_defaults_stay_out_of_the_url():
    assert serialize(SECTOR, "po") is None
    assert serialize(REGIOS, []) is None


def test_hostile_or_malformed_values_fall_back():
    assert parse(SECTOR, "<script>") == "po"
    assert parse(SHARE, "veel") == 10.0
    assert parse(REGIOS, "AM01,XX,AM01,AM02,AM03,AM05,AM06") == ["AM01", "AM02", "AM03", "AM05"]


def test_a_wrong_value_gets_a_notice_that_names_it():
    regio = Param("regio", "", choices=("AM09",), noun="Regio", instead="het landelijk beeld")
    assert problem(regio, "XX99") == "Regio 'XX99' bestaat niet; u ziet het landelijk beeld."
    assert problem(regio, "AM09") is None and problem(regio, None) is None and problem(regio, "") is None
    gemeenten = Param("eigen", [], kind="list", choices=("GM0363",), noun="Gemeentecode", instead="de rest")
    assert problem(gemeenten, "GM9999,GM0363") == "Gemeentecode 'GM9999' bestaat niet; u ziet de rest."
    assert "'GM1' en 'GM2' bestaan niet" in problem(gemeenten, "GM1,GM2")
    assert "hooguit 4" in problem(REGIOS, "AM01,AM02,AM03,AM05,AM06")
    assert problem(SHARE, "abc") == "'aandeel' 'abc' is geen getal; u ziet de standaardweergave."
    assert problem(SHARE, "nan") and problem(SHARE, "inf")  # no number either
    naam = Param("eigen_naam", "", max_length=80)
    assert "ingekort" in problem(naam, "x" * 81) and parse(naam, "x" * 5000) == "x" * 80


def test_numbers_take_a_comma_and_a_point():
    assert parse(SHARE, "0,5") == parse(SHARE, "0.5") == 0.5
    assert problem(SHARE, "0,5") is None
    assert parse(SHARE, "-5") == -5.0  # out of range is the calculator's to say, with the value as asked


def test_a_parameter_the_page_has_not_is_named():
    text = unknown_key("vak", "Klingon", ["sector", "vakken"])
    assert "'vak=Klingon'" in text and "geen keuze 'vak'" in text and "sector, vakken" in text
