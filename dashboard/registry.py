"""The constants the whole app shares, written once: the pages and the sectors.

app.py builds its navigation from PAGES, the warm-up warms each page's views, the bench and the tests walk the same
list. Light to import (no pandas, no Streamlit): serve.py imports it before the server answers.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    title: str
    url_path: str  # "" for the default page; part of every shared link, never rename
    script: str  # relative to the repository root
    icon: str
    views: str  # the module whose warm() builds this page's default views

    @property
    def name(self) -> str:
        """A short name for logs, the bench and test ids."""
        return self.url_path or "overzicht"


PAGES: tuple[PageSpec, ...] = (
    PageSpec("Overzicht", "", "app_pages/overzicht.py", ":material/dashboard:", "dashboard.views.overzicht"),
    PageSpec(
        "Onderwijsregio's",
        "onderwijsregios",
        "app_pages/onderwijsregios.py",
        ":material/hub:",
        "dashboard.views.onderwijsregios",
    ),
    PageSpec(
        "Regionale tekorten",
        "regionale-tekorten",
        "app_pages/regionale_tekorten.py",
        ":material/map:",
        "dashboard.views.regionale_tekorten",
    ),
    PageSpec("Opleiden", "opleiden", "app_pages/opleiden.py", ":material/school:", "dashboard.views.opleiden"),
    PageSpec(
        "Bevoegdheden",
        "bevoegdheden",
        "app_pages/bevoegdheden.py",
        ":material/verified:",
        "dashboard.views.bevoegdheden",
    ),
    PageSpec(
        "Onderwijstijd",
        "onderwijstijd",
        "app_pages/onderwijstijd.py",
        ":material/schedule:",
        "dashboard.views.onderwijstijd",
    ),
    PageSpec("Behoud & werving", "behoud", "app_pages/behoud.py", ":material/group_add:", "dashboard.views.behoud"),
    PageSpec("Tabel maken", "tabel", "app_pages/tabel.py", ":material/table_chart:", "dashboard.views.tabel"),
    PageSpec("Data & verantwoording", "data", "app_pages/data.py", ":material/description:", "dashboard.views.data"),
)
PAGE_BY_PATH = {page.url_path: page for page in PAGES}


def page(url_path: str) -> PageSpec:
    return PAGE_BY_PATH[url_path]
