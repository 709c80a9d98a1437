"""The releases (dashboard.data.publish.releases) as an Atom feed (RFC 4287) that feed readers and e-mail services
follow.

Ids are stable URNs (not the host's URL), so a reader that reaches the server under another name sees no new
entries. Pure: releases in, bytes out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from xml.etree import ElementTree as ET

from dashboard.data.publish.releases import KINDS, headline

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"
FEED_ID = "urn:lerarentekort-in-beeld:releases"
TITLE = "Lerarentekort in beeld: wat is er nieuw in de data"
NO_RELEASE_TIME = "1970-01-01T00:00:00Z"


def entry_id(release: Mapping) -> str:
    return f"{FEED_ID}:{release['versie']}:{release['tijd']}"


def entry_title(release: Mapping) -> str:
    where = KINDS.get(release.get("soort", ""), release.get("soort", ""))
    return f"{release['tijd'][:10]}, {where}: {headline(release)}"


def entry_summary(release: Mapping) -> str:
    """What changed in words, per indicator (all of it), then the version: what a feed reader shows."""
    news = "; ".join(release.get("nieuws", [])) or headline(release)
    return f"{news}. Datasetversie {release['versie']}."


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    element.text = text
    return element


def atom(releases: Sequence[Mapping], feed_url: str, releases_url: str) -> bytes:
    """An Atom feed of `releases` (newest first), linking to itself and to the JSON list."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "nl"})
    _add(feed, "id", FEED_ID)
    _add(feed, "title", TITLE)
    _add(feed, "updated", releases[0]["tijd"] if releases else NO_RELEASE_TIME)
    _add(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    _add(feed, "link", rel="alternate", type="application/json", href=releases_url)
    author = _add(feed, "author")
    _add(author, "name", "Lerarentekort in beeld")
    for release in releases:
        entry = _add(feed, "entry")
        _add(entry, "id", entry_id(release))
        _add(entry, "title", entry_title(release))
        _add(entry, "updated", release["tijd"])
        _add(entry, "link", rel="alternate", type="application/json", href=releases_url)
        _add(entry, "summary", entry_summary(release))
        news = [f"- {item}" for item in release.get("nieuws", [])]
        technical = ["", "Technisch:", *release.get("regels", [])] if news else release.get("regels", [])
        _add(entry, "content", "\n".join([*news, *technical]), type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
