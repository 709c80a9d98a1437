"""Licences of the sources (data/raw/sources.csv, column `licence`) and what follows from them for reuse.

A licence is an SPDX id where one exists (CC-BY-4.0, CC0-1.0), otherwise one of the Dutch descriptions below.
`redistributable(licence)` says whether the rows of such a source may be passed on (in a download, a copy of the
data package); every other licence, and an unknown one, means: cite it, link to it, do not redistribute it.
Pure: no files, no Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

UNKNOWN = "onbekend"
FACT = "feit overgenomen; tekst (c) uitgever"
# Kinds of publisher (sources.kind) whose licence may never be 'onbekend': their terms follow from the law or a
# published licence (data/raw/sources.csv, column licence_url).
OFFICIAL_KINDS = ("overheid", "gemeente", "onderzoek", "internationaal")
YES, NO = "ja", "nee"
REDISTRIBUTABLE_COLUMN = "herverdeelbaar"


@dataclass(frozen=True)
class Licence:
    title: str  # Dutch, for people
    redistributable: bool
    url: str = ""
    spdx: bool = False


LICENCES: dict[str, Licence] = {
    "CC-BY-4.0": Licence(
        "Creative Commons Naamsvermelding 4.0: hergebruik toegestaan met bronvermelding",
        True,
        "https://creativecommons.org/licenses/by/4.0/",
        spdx=True,
    ),
    "CC0-1.0": Licence(
        "Creative Commons Zero 1.0: vrij hergebruik, bronvermelding niet verplicht",
        True,
        "https://creativecommons.org/publicdomain/zero/1.0/",
        spdx=True,
    ),
    "openbare overheidsinformatie": Licence(
        "Overheidspublicatie (Kamerstuk, Staatscourant, regeling, cijfers van de Rijksoverheid): verveelvoudigen en "
        "openbaar maken toegestaan, tenzij het auteursrecht uitdrukkelijk is voorbehouden (Auteurswet art. 11 en "
        "15b); vermeld de bron",
        True,
        "https://wetten.overheid.nl/jci1.3:c:BWBR0001886&artikel=15b",
    ),
    "OESO-voorwaarden": Licence(
        "OESO-inhoud van vóór 1 juli 2024: hergebruik met bronvermelding toegestaan op voorwaarden die vergelijkbaar "
        "zijn met CC BY 4.0 (OECD Terms and Conditions)",
        True,
        "https://www.oecd.org/en/about/terms-conditions.html",
    ),
    FACT: Licence(
        "Feit overgenomen, met een link naar de bron: feiten en gegevens zijn geen werk in de zin van de Auteurswet, "
        "dus het cijfer mag met bronvermelding hergebruikt worden; de tekst, tabel en opmaak van het artikel of de "
        "pagina blijven (c) de uitgever en worden niet overgenomen",
        True,
        "https://www.auteursrechten.nl/gebruik/gebruiksvoorwaarden/",
    ),
    # Older own data may still name this one (before the facts rule above).
    "nieuwsartikel: citeren, niet herverdelen": Licence(
        "Nieuwsartikel (auteursrecht van de uitgever): het cijfer mag met bronvermelding geciteerd worden; het "
        "artikel of de tabel niet herverdelen",
        False,
    ),
    UNKNOWN: Licence(
        "Geen licentie bekend: de bron vermeldt er geen. Citeren met bronvermelding; niet herverdelen zonder "
        "toestemming van de uitgever",
        False,
    ),
}
# What this project adds to the figures (the tables in this form, the source register, the afgeleide cijfers, the
# translations): CC BY 4.0 rather than CC0, because the attribution it asks keeps the way back to this register and so
# to the publisher of each figure; the same terms as CBS and the OECD (since July 2024) already ask.
PROJECT_LICENCE = "CC-BY-4.0"
PROJECT_LICENCE_WHY = (
    "Wat dit project toevoegt (de tabellen in deze vorm, het bronnenregister, de afgeleide cijfers): Creative Commons "
    "Naamsvermelding 4.0. Gekozen boven CC0 omdat de naamsvermelding de weg terug houdt naar dit register en zo naar "
    "de uitgever van elk cijfer; dezelfde voorwaarden als CBS en de OESO vragen. Elk cijfer zelf volgt de licentie "
    "van zijn bron (kolom licence)."
)
# The boundaries behind the regions table (data/geo/SOURCE.md).
REGIONS_LICENCE = "CC-BY-4.0"
REGIONS_ATTRIBUTION = "Kaartgrenzen en gebiedsindelingen: CBS/PDOK Gebiedsindelingen (CC BY 4.0)"


def licence_of(value: object) -> str:
    """The licence as given, or 'onbekend' when empty or missing (own data imported before licences existed)."""
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()
    return text or UNKNOWN


def redistributable(licence: str) -> bool:
    known = LICENCES.get(licence_of(licence))
    return bool(known and known.redistributable)


def title(licence: str) -> str:
    known = LICENCES.get(licence_of(licence))
    return known.title if known else licence_of(licence)


def with_redistribution(sources: pd.DataFrame) -> pd.DataFrame:
    """The source register with the licence filled in ('onbekend' where empty) and `herverdeelbaar` (ja/nee)."""
    licence = sources["licence"].map(licence_of) if "licence" in sources else pd.Series(UNKNOWN, index=sources.index)
    out = sources.assign(licence=licence)
    out[REDISTRIBUTABLE_COLUMN] = licence.map(lambda lic: YES if redistributable(lic) else NO)
    return out


def unknown_licences(sources: pd.DataFrame) -> list[str]:
    """Licences in the register that are not in LICENCES (a typo in sources.csv)."""
    return sorted(set(sources["licence"].map(licence_of)) - set(LICENCES))
