import html
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.registry import PAGES

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_page(page: str, **query: str) -> AppTest:
    """Run app.py (shared sidebar + navigation) on `page` with the given URL parameters."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    script = f"app_pages/{page}.py"
    if any(p.script == script and p.url_path not in ("", page) for p in PAGES):
        at.run()  # AppTest finds a page with its own url_path only after st.navigation has run once
    at.switch_page(script)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [h.value for h in at.header] + [s.value for s in at.subheader]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join(parts)


LINK = re.compile(
    r'<a class="download-link" href="(?P<href>[^"]+)" download="(?P<name>[^"]+)">.*?</span> (?P<label>[^<]+)</a>'
)


def downloads(at: AppTest) -> list[tuple[str, str]]:
    """Every download link the page offers (dashboard/links.py), as (label, link) in page order."""
    found = []
    for element in at.get("html"):
        for match in LINK.finditer(element.proto.body):
            found.append((html.unescape(match["label"]), html.unescape(match["href"])))
    return found
