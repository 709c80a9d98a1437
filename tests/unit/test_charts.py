import pandas as pd
import pytest

from dashboard.charts import maps
from dashboard.charts.basic import hbar, lines, stacked_share
from dashboard.charts.maps import location_from_points, shortage_map
from dashboard.data.model.geo import read_boundaries, subset


def _regional():
    return pd.DataFrame(
        {
            "region_code": ["AM01", "GM0363"],
            "region_name": ["Groningen", "Amsterdam"],
            "geo_level": ["arbeidsmarktregio", "gemeente"],
            "value": [3.5, 18.7],
            "unit": ["%", "%"],
            "peildatum": ["2023-10-01"] * 2,
            "reliability": ["solid"] * 2,
            "source_id": ["S"] * 2,
        }
    )


@pytest.mark.parametrize("svg", [False, True])
def test_map_has_both_layers_offline_style_and_dutch_hover(monkeypatch, svg):
    monkeypatch.setattr(maps, "SVG_MAPS", svg)
    am = read_boundaries("arbeidsmarktregio")
    gm = subset(read_boundaries("gemeente"), {"GM0363"})
    fig = shortage_map(_regional(), am, gm, selected="AM01")
    assert [list(t.locations) for t in fig.data] == [["AM01"], ["GM0363"]]
    assert {t.type for t in fig.data} == {"choropleth" if svg else "choroplethmap"}
    if svg:  # no base map (land, coast): nothing but the boundaries, no tiles
        assert fig.layout.geo.visible is False and fig.layout.geo.fitbounds == "locations"
    else:
        assert fig.layout.map.style == "white-bg"
    assert "18,7%" in fig.data[1].text[0] and "okt 2023" in fig.data[1].text[0]
    assert fig.data[0].marker.line.width[0] == 3.0


def test_every_map_region_has_a_boundary(tables):
    """Every region the maps colour has a shape: arbeidsmarktregio's and G5 gemeenten of each sector's map, and
    every onderwijsregio of the shipped definition once its gemeenten are dissolved."""
    from dashboard.data.model.geo import definition_groups, dissolve
    from dashboard.metrics import regional_shortage

    shapes = {
        level: {f["id"] for f in read_boundaries(level)["features"]} for level in ("arbeidsmarktregio", "gemeente")
    }
    assert len(shapes["arbeidsmarktregio"]) == 35
    for sector in ("po", "vo"):
        frame = regional_shortage(tables["indicators"], sector)
        for level, codes in frame.groupby("geo_level")["region_code"]:
            assert set(codes) <= shapes[level], (sector, level, set(codes) - shapes[level])
        groups = definition_groups(tables["onderwijsregio_gemeenten"], sector)
        drawn = {f["id"] for f in dissolve(read_boundaries("gemeente"), groups)["features"]}
        assert drawn == {name for name, _ in groups}, {name for name, _ in groups} - drawn


def test_map_sends_only_the_shapes_it_draws():
    """Each trace carries only its own features, without properties (figure JSON is what the browser parses)."""
    am = read_boundaries("arbeidsmarktregio")
    gm = read_boundaries("gemeente")
    fig = shortage_map(_regional(), am, gm)
    assert [[f["id"] for f in t.geojson["features"]] for t in fig.data] == [["AM01"], ["GM0363"]]
    assert set(fig.data[1].geojson["features"][0]) == {"type", "id", "geometry"}


def test_maps_serialise_in_one_pass_without_plotlys_value_by_value_cleaning():
    """orjson refuses object arrays; plotly then walks the whole figure in Python on every rerun (~10x slower)."""
    orjson = pytest.importorskip("orjson")  # in requirements.txt: plotly's fast JSON engine
    gm = read_boundaries("gemeente")
    members = pd.DataFrame({"gemeente_code": ["GM0363"], "gemeente": ["Amsterdam"], "reliability": ["solid"]})
    oregio = pd.DataFrame({"onderwijsregio": ["Amstel"], "value": [9.7]}).assign(
        weging="fte", gemeenten_met_cijfer=1, gemeenten=1, peildatum="2023-10-01", source_id="S"
    )
    amstel = {"type": "FeatureCollection", "features": [{**gm["features"][0], "id": "Amstel"}]}
    figures = [
        shortage_map(_regional(), read_boundaries("arbeidsmarktregio"), gm),
        maps.membership_map(members, gm),
        maps.onderwijsregio_map(oregio, amstel),
    ]
    for fig in figures:
        orjson.dumps(fig.to_plotly_json(), option=orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY)


@pytest.mark.parametrize("svg", [False, True])
def test_membership_map_of_all_gemeenten_is_small(monkeypatch, svg):
    monkeypatch.setattr(maps, "SVG_MAPS", svg)
    members = pd.DataFrame({"gemeente_code": ["GM0363"], "gemeente": ["Amsterdam"], "reliability": ["solid"]})
    fig = maps.membership_map(members, read_boundaries("gemeente"))
    assert len(fig.data[1].geojson["features"]) == 1
    assert len(fig.to_json()) < 300_000


def test_location_from_points():
    assert location_from_points([{"point_index": 3, "location": "AM18"}]) == "AM18"
    assert location_from_points([]) is None
    # a click on an SVG geo map (Streamlit passes plotly's point through, `location` included)
    assert location_from_points([{"curve_number": 0, "point_number": 4, "location": "AM09", "z": 1.8}]) == "AM09"


def test_offline_topojson_for_svg_maps():
    """SVG geo maps fetch a topojson even with the base map hidden: the app serves an empty one itself."""
    import json
    from pathlib import Path

    static = Path(__file__).resolve().parents[2] / "static" / "topojson" / "world_110m.json"
    assert json.loads(static.read_text())["type"] == "Topology"
    assert not maps.MAP_CONFIG["topojsonURL"].startswith(("http", "/"))  # own server, relative to the page


def test_hbar_reference_and_labels():
    frame = pd.DataFrame({"naam": ["A", "B"], "v": [4.0, 8.25]})
    fig = hbar(frame, "naam", "v", "%", reference=9.7)
    assert list(fig.data[0].y) == ["B", "A"]  # first row on top
    assert "8,2%" in fig.data[0].text[0] or "8,3%" in fig.data[0].text[0]
    assert fig.layout.shapes[0].x0 == 9.7


def test_lines_dash_forecasts():
    frame = pd.DataFrame({"jaar": [2022, 2023, 2027], "v": [1, 2, 3], "reeks": ["gemeten", "gemeten", "raming"]})
    fig = lines(frame, "jaar", "v", "reeks", "fte", dashed_groups=("raming",))
    styles = {t.name: t.line.dash for t in fig.data}
    assert styles == {"gemeten": "solid", "raming": "dash"}


def test_stacked_share():
    frame = pd.DataFrame({"vak": ["Wiskunde"], "b": [84.1], "n": [11.4], "o": [4.5]})
    fig = stacked_share(frame, "vak", [("b", "Bevoegd"), ("n", "Benoembaar"), ("o", "Onbevoegd")])
    assert [t.name for t in fig.data] == ["Bevoegd", "Benoembaar", "Onbevoegd"]


def test_measurements_style_by_reliability():
    from dashboard.charts.basic import measurements

    frame = pd.DataFrame(
        {"peildatum": ["2021-10-01", "2023-10-01"], "value": [15.3, 18.7], "reliability": ["secondary", "solid"]}
    )
    fig = measurements(frame, "%")
    assert [t.name for t in fig.data[1:]] == [
        "secundair (overgenomen of niet-officiële bron)",
        "betrouwbaar (officiële bron)",
    ]
    assert list(fig.layout.xaxis.ticktext) == ["okt 2021", "okt 2023"]
    assert fig.layout.xaxis.tickvals[1] - fig.layout.xaxis.tickvals[0] == 2  # okt 2022 missing: a gap of two years
    assert problems(fig) == []
    undated = measurements(frame.assign(peildatum=["2021/2022", "2023"]), "%")
    assert list(undated.layout.xaxis.categoryarray) == ["2021/2022", "2023"]


def test_hbar_highlight():
    frame = pd.DataFrame({"naam": ["Nederland · po", "OESO-gemiddelde · po"], "v": [930.0, 773.0]})
    fig = hbar(frame, "naam", "v", "uur", highlight="Nederland")
    colors = dict(zip(fig.data[0].y, fig.data[0].marker.color, strict=True))
    assert colors["Nederland · po"] != colors["OESO-gemiddelde · po"]


# --- the figure rules (tests/figure_checks.py) hold for the builders, and catch what they must -----------------------

from tests.figure_checks import problems  # noqa: E402


def test_the_rules_catch_si_ticks_clipped_labels_decimal_points_and_hidden_gaps():
    import plotly.graph_objects as go

    si = go.Figure(
        go.Bar(x=[41000, 2150], y=["a", "b"], orientation="h", hovertemplate="%{text}"), layout={"separators": ",."}
    )
    assert any("tickformat" in p for p in problems(si))  # plotly would write "10k"
    clipped = hbar(pd.DataFrame({"n": ["a"], "v": [41000.0]}), "n", "v", "vacatures")
    clipped.update_xaxes(range=None)
    assert any("afgesneden" in p for p in problems(clipped))
    point = go.Figure(go.Bar(x=["a"], y=[0.7], text=["0.70"], hovertemplate="%{text}"), layout={"separators": ",."})
    assert any("Nederlandse notatie" in p for p in problems(point))
    raw_hover = go.Figure(go.Bar(x=["a"], y=[7], hovertemplate="%{y}"), layout={"separators": ",."})
    assert any("zonder opmaak" in p for p in problems(raw_hover))
    hidden = go.Figure(go.Bar(x=["2020", "2022"], y=[1, 2], hovertemplate="%{text}"), layout={"separators": ",."})
    assert any("[2021]" in p for p in problems(hidden))
    joined = go.Figure(
        go.Scatter(x=[2020, 2022], y=[1, 2], mode="lines", hovertemplate="%{text}"), layout={"separators": ",."}
    )
    assert any("loopt door" in p for p in problems(joined))
    assert any("separators" in p for p in problems(go.Figure()))
    by_year = go.Figure(go.Bar(x=["2020", "2021"], y=[1, 2], hovertemplate="%{text}"), layout={"separators": ",."})
    by_year.update_xaxes(type="category").add_annotation(x="2021", y=0, text="geen cijfer")
    assert any("als positie" in p for p in problems(by_year))


def test_hbar_with_large_values_has_dutch_ticks_and_room_for_its_longest_label():
    frame = pd.DataFrame({"naam": ["CBS 2022/23", "UWV"], "v": [41000.0, 2150.0]})
    fig = hbar(frame, "naam", "v", "vacatures")
    assert fig.layout.xaxis.tickformat == "," and fig.layout.separators == ",."
    assert fig.layout.xaxis.range[1] >= 41000 * 1.1
    assert list(fig.data[0].text) == ["2.150", "41.000"]
    assert problems(fig) == []


def test_grouped_bar_of_years_keeps_a_slot_for_a_year_without_a_figure():
    from dashboard.charts.basic import grouped_bar

    frame = pd.DataFrame({"jaar": ["2020", "2022"], "v": [1777.0, 2000.0], "g": ["a", "a"], "b": ["", "circa"]})
    fig = grouped_bar(frame, "jaar", "v", "g", "personen", years=True, qualifier="b")
    assert list(fig.layout.xaxis.categoryarray) == ["2020", "2021", "2022"]
    assert [a.text for a in fig.layout.annotations] == ["geen cijfer"]
    assert fig.layout.annotations[0].x == 1  # by position: "2021" would be read as the 2021st category
    assert list(fig.data[0].text) == ["1.777", "circa 2.000"]
    assert problems(fig) == []


def test_a_measured_line_breaks_at_a_missing_year_and_a_raming_does_not():
    frame = pd.DataFrame(
        {
            "jaar": [2021, 2023, 2022, 2027],
            "v": [1700.0, 3800.0, 5093.0, 3167.0],
            "reeks": ["vo gemeten", "vo gemeten", "raming", "raming"],
        }
    )
    fig = lines(frame, "jaar", "v", "reeks", "fte", dashed_groups=("raming",))
    measured, forecast = fig.data
    assert list(measured.x) == [2021, 2022, 2023] and pd.isna(measured.y[1])
    assert list(forecast.x) == [2022, 2027]
    assert problems(fig) == []


def test_panels_give_each_count_its_own_axis():
    from dashboard.charts.basic import hbar_panels

    frame = pd.DataFrame(
        {
            "telling": ["CBS", "CBS", "UWV"],
            "label": ["2023/24", "2022/23", "po"],
            "v": [39000.0, 41000.0, 700.0],
            "b": ["ruim", "ruim", ""],
        }
    )
    fig = hbar_panels(frame, "telling", "label", "v", "vacatures", qualifier="b")
    assert [t.xaxis for t in fig.data] == ["x", "x2"]
    assert fig.layout.xaxis.range[1] >= 41000 * 1.1 and fig.layout.xaxis2.range[1] >= 700 * 1.1
    assert "ruim 41.000" in fig.data[0].text
    assert problems(fig) == []


def test_members_apart_from_the_rest_of_their_region_come_from_the_boundaries():
    from dashboard.data.model.geo import apart

    gm = read_boundaries("gemeente")
    # Rotterdam, Schiedam and Vlaardingen touch; Leiden and Katwijk touch each other but not them; Ede is far away
    region = ("GM0599", "GM0606", "GM0622", "GM0546", "GM0537", "GM0228")
    assert apart(gm, region) == ("GM0228", "GM0537", "GM0546")
    assert apart(gm, ("GM0983", "GM0984")) == ("GM0983", "GM0984")  # Venlo and Venray: two equal parts, no rest
    assert apart(gm, ("GM0363",)) == ()


def test_hbar_keeps_room_for_the_value_label_of_the_longest_bar():
    frame = pd.DataFrame({"naam": ["A", "B"], "v": [10.3, 2.2]})
    fig = hbar(frame, "naam", "v", "%", reference=5.5)
    assert fig.layout.margin.r >= 60  # pixels: '10,3%' at 14 px fits beside the bar at any width
    assert fig.data[0].textposition == "outside" and fig.data[0].cliponaxis is False


def test_long_bar_names_are_wrapped_on_the_axis_but_kept_whole_for_hover():
    frame = pd.DataFrame({"naam": ["EU-gemiddelde · bovenbouw vo (2015)", "NL"], "v": [632.0, 750.0]})
    fig = hbar(frame, "naam", "v", "uur")
    axis = fig.layout.yaxis
    assert "EU-gemiddelde ·<br>bovenbouw vo (2015)" in axis.ticktext and "NL" in axis.ticktext
    assert list(axis.tickvals) == list(fig.data[0].y)  # the bars keep their full names
    assert all(len(line) <= 20 for text in axis.ticktext for line in text.split("<br>"))
    vak = pd.DataFrame({"vak": ["Gezondheidszorg en Welzijn (avo)"], "a": [90.0]})
    shares = stacked_share(vak, "vak", [("a", "A")])
    assert shares.layout.yaxis.ticktext == ("Gezondheidszorg en<br>Welzijn (avo)",)
