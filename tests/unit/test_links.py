"""Download links (dashboard/links.py, dashboard/web/download.py): the link makes the same bytes as the page,
in any process, and a link that describes nothing known is refused."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyarrow.parquet as pq
import pytest

from dashboard import cache, links
from dashboard.views import onderwijsregios as oviews
from dashboard.views import regionale_tekorten as views
from dashboard.web import download
from dashboard.web.download import make_file
from dashboard.web.replica import link_key

REPO = Path(__file__).resolve().parents[2]
KEY = "testsleutel"
SHARED = "gedeeld-geheim-van-de-test-0123456789"


def _link(file_name: str, spec: dict, key: str = KEY) -> str:
    return links.url(file_name, spec, cache.version_tag(), key)


def _parts(url: str) -> tuple[str, str, str, str]:
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    return parts.path.rsplit("/", 1)[1], query.get("r", ""), query.get("v", ""), query.get("s", "")


def _served(url: str, key: str = KEY) -> bytes:
    """What the route sends for `url`: the link checked against the key and the current data, then made."""
    return make_file(links.check(*_parts(url), key, cache.version_tag()))


def test_map_csv_link_makes_the_bytes_the_page_made():
    view = views.shortage_map(views.regional_data("vo"), None)
    spec = links.csv_spec(view.frame, views.MAP_COLUMNS)
    url = _link(view.filename, spec)
    assert url.startswith("/download/tekort_vo_per_regio.csv?r=")
    assert _served(url) == cache.labelled_csv(view.frame, tuple(views.MAP_COLUMNS.items()))


def test_a_link_is_answered_by_a_process_that_never_made_the_view():
    """Stateless: another replica (here a fresh interpreter) makes the same file from the link alone."""
    data = views.regional_data("po", None, None)
    profile = views.profile(data, data.codes[0])
    view = views.vergelijking_regios(data, list(data.codes[:3]))
    url = _link(f"{view.key}.csv", links.csv_spec(view.frame, view.columns))
    here = hashlib.sha256(_served(url)).hexdigest()
    script = (
        f"from tests.unit.test_links import _served; import hashlib; "
        f"print(hashlib.sha256(_served({url!r})).hexdigest())"
    )
    there = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    assert there.stdout.strip() == here
    assert profile.code == data.codes[0]


def test_a_link_made_before_a_view_was_renamed_still_makes_its_file():
    """Views took their chart's name (links.RENAMED); a link naming the old function, same data, still works."""
    data = views.regional_data("vo")
    view = views.vergelijking_regios(data, list(data.codes[:2]))
    spec = links.csv_spec(view.frame, view.columns)
    made_by = spec["csv"]["of"]  # the frame of the view this call made
    assert made_by["f"] == "dashboard.views.regionale_tekorten.vergelijking_regios"
    old = spec | {"csv": spec["csv"] | {"of": made_by | {"f": "dashboard.views.regionale_tekorten.compare"}}}
    assert _served(_link("vergelijking_vo.csv", old)) == _served(_link(f"{view.key}.csv", spec))
    download._load_views()  # every page's views registered, as the route does
    for old_name, new_name in links.RENAMED.items():
        assert old_name not in links.FUNCTIONS and new_name in links.FUNCTIONS, old_name


def test_pdf_links_make_the_regioprofiel():
    data = views.regional_data("vo")
    profile = views.profile(data, "AM01")
    spec = links.file_spec(views.regioprofiel_pdf, (data, profile, ["AM02"]))
    body = _served(_link("regioprofiel_AM01.pdf", spec))
    assert body.startswith(b"%PDF") and body == views.regioprofiel_pdf(data, profile, ["AM02"])
    odata = oviews.oregio_data("vo")
    code = odata.codes[0]
    oprofile = oviews.profile(odata, code)
    comparison = oviews.compared_with(odata, code, list(odata.codes[1:3]))
    spec = links.file_spec(oviews.regioprofiel_pdf, (oprofile, comparison))
    assert _served(_link("regioprofiel_x.pdf", spec)).startswith(b"%PDF")


def test_own_region_definition_link():
    data = oviews.oregio_data("po")
    chosen = list(data.gemeenten)[:3]
    spec = links.file_spec(oviews.own_region_definition, (data, "Onze regio", chosen))
    body = _served(_link("onderwijsregio_indeling_eigen.csv", spec))
    assert "Onze regio" in body.decode("utf-8")


def test_a_view_of_a_session_upload_is_not_linkable():
    class Upload:  # stands for SessionData: an object no link can carry
        pass

    assert links.file_spec(oviews.own_region_definition, (Upload(), "x", [])) is None
    assert links.csv_spec(__import__("pandas").DataFrame({"a": [1]}), None) is None  # a frame of no view


def _packed(spec: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(spec).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "recipe",
    [
        "",
        "!!!",
        _packed([1, 2]),
        _packed({"file": {"f": "os.system", "a": ["true"], "k": {}}}),
        _packed({"file": {"f": "dashboard.views.regionale_tekorten.regional_data", "a": [{"x": 1}], "k": {}}}),
        _packed(
            {
                "csv": {
                    "of": {"f": "dashboard.views.regionale_tekorten.regional_data", "a": ["vo"], "k": {}},
                    "at": "__class__",
                },
                "c": None,
            }
        ),
        _packed(
            {
                "csv": {
                    "of": {"f": "dashboard.views.regionale_tekorten.regional_data", "a": ["vo"], "k": {}},
                    "at": "frame",
                },
                "c": [["geen_kolom", "x"]],
            }
        ),
        "A" * (links.MAX_RECIPE_CHARS + 1),
    ],
)
def test_links_that_describe_nothing_known_are_refused(recipe):
    """Even when signed (a leaked key, or a bug that signs garbage), a recipe must name known views and parts."""
    version = cache.version_tag()
    with pytest.raises(links.BadLink):
        make_file(links.check("x.csv", recipe, version, links.signature(KEY, "x.csv", recipe, version), KEY, version))


def test_only_links_this_server_signed_for_the_current_data_are_served():
    view = views.shortage_map(views.regional_data("vo"), None)
    url = _link(view.filename, links.csv_spec(view.frame, views.MAP_COLUMNS))
    name, recipe, version, sig = _parts(url)
    with pytest.raises(links.BadLink):  # another key: not made by this deployment
        links.check(name, recipe, version, sig, "andere sleutel", version)
    with pytest.raises(links.BadLink):  # the name changed (another content type) with the same signature
        links.check("tekort_vo_per_regio.pdf", recipe, version, sig, KEY, version)
    with pytest.raises(links.BadLink):  # arguments changed
        links.check(name, recipe[:-4] + "AAAA", version, sig, KEY, version)
    with pytest.raises(links.StaleLink):  # made before an import: the file would differ from the page
        links.check(name, recipe, version, sig, KEY, "nieuwe-versie")


@pytest.mark.parametrize("name", ["../etc/passwd", "a.csv\n", "łodź.csv", "a.exe", "a" * 130 + ".csv"])
def test_file_names_outside_the_pattern_make_no_link(name):
    with pytest.raises(ValueError):
        links.url(name, {"csv": {}}, "x", KEY)
    with pytest.raises(links.BadLink):
        links.check(name, "", "", "", KEY, "")


def test_route_path_and_key():
    assert download.ROUTE == links.ROUTE
    assert link_key() and link_key() == link_key()


def _link_made_with_data_in(data_dir: Path, eigen_dir: Path) -> str:
    """The download link a fresh server makes for one view, with its data in `data_dir` (a host of its own)."""
    script = (
        "from dashboard import cache, links; from dashboard.views import regionale_tekorten as views; "
        "from dashboard.web.replica import link_key; "
        "view = views.shortage_map(views.regional_data('vo'), None); "
        "spec = links.csv_spec(view.frame, views.MAP_COLUMNS); "
        "print(links.url(view.filename, spec, cache.version_tag(), link_key()))"
    )
    env = {**os.environ, "LERARENTEKORT_DATA_DIR": str(data_dir), "LERARENTEKORT_EIGEN_DIR": str(eigen_dir)}
    env["LERARENTEKORT_GEHEIM"] = SHARED  # each host is given the deployment's secret the same way
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_the_same_data_in_two_places_signs_the_same_link(tmp_path):
    """The data version is the content (published.dataset_version), not path or mtime: two hosts with the same
    data copied to them (other folders, other modification times) sign the same link; other bytes sign another."""
    ignore = shutil.ignore_patterns("eigen", ".schrijfslot*")
    one, two = tmp_path / "host-a" / "data", tmp_path / "elders" / "kopie"
    shutil.copytree(REPO / "data", one, ignore=ignore)
    shutil.copytree(REPO / "data", two, ignore=ignore, copy_function=shutil.copyfile)  # new mtimes
    for path in two.glob("*.parquet"):
        os.utime(path, (1_000_000_000, 1_000_000_000))
    assert (one / "sources.parquet").stat().st_mtime != (two / "sources.parquet").stat().st_mtime
    first = _link_made_with_data_in(one, tmp_path / "eigen-a")
    assert first == _link_made_with_data_in(two, tmp_path / "eigen-b")
    assert first == links.url(*_link_parts_of(first), cache.version_tag(), SHARED)  # and this process agrees
    table = pq.read_table(two / "sources.parquet")
    pq.write_table(table.slice(1), two / "sources.parquet")  # other data: another version, another link
    other = _link_made_with_data_in(two, tmp_path / "eigen-b")
    assert parse_qs(urlsplit(other).query)["v"] != parse_qs(urlsplit(first).query)["v"]


def _link_parts_of(url: str) -> tuple[str, dict]:
    name, recipe, _, _ = _parts(url)
    return name, json.loads(base64.urlsafe_b64decode(recipe + "=" * (-len(recipe) % 4)))
