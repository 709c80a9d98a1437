"""The warm-up builds what a first visitor's default page asks for, under the keys that page uses."""

import pytest
from helpers import open_page

from dashboard import cache, warmup
from dashboard.registry import PAGES


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_after_the_warm_up_the_default_page_builds_no_view_of_its_own(page):
    warmup.warm_page(page)
    warmed = set(cache._views.entries)
    open_page(page.script.removeprefix("app_pages/").removesuffix(".py"))
    built = set(cache._views.entries) - warmed
    assert not built, f"{page.name}: de opwarming bouwde deze views niet (of onder een andere sleutel): {built}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_after_the_warm_up_no_tab_of_the_page_builds_a_view_of_its_own(page):
    """Every tab, found from the page itself (a new tab is held without a change here), is warmed too."""
    name = page.script.removeprefix("app_pages/").removesuffix(".py")
    warmup.warm_page(page)
    tabs = [tab.label for tab in open_page(name).tabs]
    for label in tabs:
        warmed = set(cache._views.entries)
        open_page(name, onderdeel=label)
        built = set(cache._views.entries) - warmed
        assert not built, f"{page.name}, tabblad {label}: de opwarming bouwde deze views niet: {built}"
