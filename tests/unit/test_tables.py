import pandas as pd

from dashboard.format import reliability_label
from dashboard.tables import formatted, labelled, safe_csv, source_text


def test_csv_neutralises_formulas_and_uses_dutch_decimals():
    frame = pd.DataFrame({"naam": ['=HYPERLINK("x")', "Groningen", "-1+1"], "waarde": [1.5, 2.0, 3.0]})
    text = safe_csv(frame).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'-1+1" in text
    assert "1,5" in text


def test_labelled_and_formatted_share_rows():
    frame = pd.DataFrame({"region_name": ["A"], "value": [9.7], "raw": ["x"]})
    cols = {"region_name": "Regio", "value": "Tekort (%)"}
    assert list(labelled(frame, cols).columns) == ["Regio", "Tekort (%)"]
    assert formatted(frame, cols, {"value": lambda v: f"{v}".replace(".", ",") + "%"}).iloc[0, 1] == "9,7%"


def test_source_text_names_publisher_peildatum_and_reliability(tables):
    frame = pd.DataFrame({"source_id": ["OCW_PO_REG_2023"], "peildatum": ["2023-10-01"], "reliability": ["solid"]})
    text = source_text(frame, tables["sources"])
    assert text.startswith("Bron: Ministerie van OCW")
    assert "okt 2023" in text and "betrouwbaar" in text


def test_markdown_in_user_sources_is_shown_literally_not_rendered():
    sources = pd.DataFrame(
        [
            {
                "source_id": "EIGEN-X",
                "title": "![pixel](http://evil.example/p.png) *vet*",
                "publisher": "[klik](x)",
                "year": "2024",
                "url": "javascript:alert(1)",
                "kind": "eigen data",
            }
        ]
    )
    text = source_text(pd.DataFrame({"source_id": ["EIGEN-X"]}), sources)
    assert "\\!\\[pixel\\]\\(http://evil\\.example/p\\.png\\) \\*vet\\*" in text
    assert "\\[klik\\]\\(x\\)" in text
    assert "](javascript" not in text  # only http(s) addresses become links


def test_the_on_screen_table_shows_reliability_in_words_unless_told_otherwise():
    frame = pd.DataFrame({"value": [1.0], "reliability": ["solid"]})
    columns = {"value": "Waarde", "reliability": "Betrouwbaarheid"}
    assert formatted(frame, columns, {})["Betrouwbaarheid"].iloc[0] == reliability_label("solid") != "solid"
    assert formatted(frame, columns, {"reliability": str.upper})["Betrouwbaarheid"].iloc[0] == "SOLID"


def test_several_sources_are_listed_one_line_per_publisher_with_peildatum_and_reliability(tables):
    frame = pd.DataFrame(
        {
            "source_id": ["CD_2021", "CD_2023", "RD_2024A"],
            "peildatum": ["2021-10-01", "2023-10-01", "2024-10-01"],
            "reliability": ["solid", "solid", "secondary"],
        }
    )
    text = source_text(frame, tables["sources"])
    head, *lines = text.split("  \n")
    assert head == "Bronnen:" and len(lines) == 2  # Centerdata (two reports) and Reformatorisch Dagblad
    centerdata = next(line for line in lines if line.startswith("Centerdata: "))
    assert centerdata.count("](https://") == 2 and "peildatum okt 2021" in centerdata and "betrouwbaar" in centerdata
    assert any("peildatum okt 2024" in line and "secundair" in line for line in lines)


def test_a_source_address_with_a_remark_after_it_still_makes_one_working_link():
    sources = pd.DataFrame(
        [
            {
                "source_id": "S",
                "title": "Titel",
                "publisher": "Uitgever",
                "year": "2019",
                "url": "https://x.nl/node/1 (origineel: https://y.nl/a.pdf)",
                "kind": "news",
            }
        ]
    )
    text = source_text(pd.DataFrame({"source_id": ["S"]}), sources)
    assert text == "Bron: Uitgever, [Titel](https://x.nl/node/1) (2019)"
