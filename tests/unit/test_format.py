from dashboard.format import fmt_euro, fmt_fte, fmt_number, fmt_pct, fmt_peildatum, fmt_pp, fmt_value


def test_dutch_notation():
    assert fmt_pct(9.7) == "9,7%"
    assert fmt_fte(9800) == "9.800 fte"
    assert fmt_number(1234567.891, 2) == "1.234.567,89"
    assert fmt_pp(0.2) == "+0,2 procentpunt"
    assert fmt_pp(-1.25).startswith("-1,")
    assert fmt_euro(9_000_000) == "€ 9,0 mln"
    assert fmt_euro(1_500_000_000) == "€ 1,5 mld"
    assert fmt_pct(None) == "–"
    assert fmt_pct(float("nan")) == "–"


def test_value_by_unit():
    assert fmt_value(5.8, "% werkgelegenheid") == "5,8%"
    assert fmt_value(3800, "fte") == "3.800 fte"
    assert fmt_value(2285, "personen") == "2.285"


def test_peildatum():
    assert fmt_peildatum("2023-10-01") == "okt 2023"
    assert fmt_peildatum("2021-02-01?") == "feb 2021 (datum onzeker)"
    assert fmt_peildatum("2024-07") == "jul 2024" and fmt_peildatum("2022-Q2") == "2e kwartaal 2022"
    assert fmt_peildatum("2013-2016") == "2013-2016" and fmt_peildatum("2023/2024") == "2023/2024"
    assert fmt_peildatum("IPTO2020") == "IPTO2020"


def test_sectors_and_indicator_labels():
    from dashboard.format import fmt_sectors, indicator_label

    assert fmt_sectors("po;vo;mbo (loket tags)") == "po, vo, mbo (volgens regioloket)"
    assert fmt_sectors("mbo | po | vo") == "po, vo, mbo"
    assert fmt_sectors("(not stated)") == "onbekend"
    assert indicator_label("tekort_pct") == "tekort (% werkgelegenheid)"
    assert indicator_label("zij_instromers_met_subsidie") == "zij instromers met subsidie"
