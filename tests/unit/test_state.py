from dashboard.ui.state import Param, parse, serialize

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
