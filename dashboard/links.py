"""Download links that any replica can answer: a file is described by how its view was made, not stored.

Streamlit's own download buttons keep the file in the memory of one process, and a deferred file (made on click)
belongs to no session, so another session's finished run removes it before the browser's GET arrives (issue 19:
8 of 48 PDFs answered 404 with six visitors). Instead every download under a chart is a link to
`/download/<file name>?r=<recipe>`: the recipe names the cached view functions and their plain arguments
(sector, peildatum, chosen codes) that made the view, and the route (dashboard/web/download.py) makes the same
view again (from the cache when it is warm) and sends the same bytes. No state, so the proxy may cache it and any
replica may answer.

How a recipe is known: `cache.view` calls `note()` with every view it returns; the view, and the frames and views
inside it, are remembered by object identity while they live (like frame tokens in dashboard.memo). A view made
from a session upload is not linkable (the upload lives in one session): `spec` then returns None and the page
falls back to Streamlit's download button with the bytes made at once (dashboard/ui/widgets.py).

This module imports nothing of the dashboard: the cache layer registers into it, the web layer resolves from it.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import json
import re
import weakref
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import pandas as pd

ROUTE = "/download"
MAX_RECIPE_CHARS = 6000  # the encoded recipe; the longest a page makes (a comparison of 4 regions) is ~1.500
MAX_DEPTH = 8  # views made from views made from views: the pages nest 3 deep
MAX_COLUMNS = 40
MAX_LABEL = 80  # characters of a column label in a CSV link
NESTED_PARTS = 3  # how deep into a view its parts (frames, charts) are remembered
FILE_NAME = re.compile(r"[A-Za-z0-9_.-]{1,120}\.(csv|pdf|parquet|zip|json|png|svg)", re.ASCII)  # with fullmatch
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
    "parquet": "application/octet-stream",
    "zip": "application/zip",
    "json": "application/json",
    "png": "image/png",
    "svg": "image/svg+xml",
}

FUNCTIONS: dict[str, Callable] = {}  # every @cache.view function by its dotted name
# Views renamed to the name of their chart (one name from metric to view to chart key): a link made before the
# rename, for data that has not changed since, names the old function and still makes the same file.
RENAMED = {
    f"dashboard.views.{old}": f"dashboard.views.{new}"
    for old, new in (
        ("overzicht.trend", "overzicht.tekort_trend"),
        ("regionale_tekorten.compare", "regionale_tekorten.vergelijking_regios"),
        ("onderwijsregios.compare", "onderwijsregios.vergelijking_onderwijsregios"),
        ("opleiden.instroom", "opleiden.instroom_opleidingen"),
        ("opleiden.diplomas", "opleiden.diplomas_per_vak"),
        ("bevoegdheden.shortage", "bevoegdheden.tekort_per_vak"),
        ("bevoegdheden.shares", "bevoegdheden.bevoegdheid_per_vak"),
        ("onderwijstijd.hours", "onderwijstijd.lesuren"),
        ("onderwijstijd.hours_trend", "onderwijstijd.lesuren_trend"),
        ("onderwijstijd.instruction", "onderwijstijd.lestijd_leerlingen"),
    )
}
_RECIPES: dict[int, dict] = {}  # id(object) -> how it was made, while the object lives


class NotLinkable(Exception):
    """A value that a link cannot carry (a session upload, an object of unknown origin)."""


class BadLink(ValueError):
    """A link that names no known view, or arguments it does not take: answered with a Dutch 400."""


class StaleLink(ValueError):
    """A link made before the data changed: its file would no longer be what the page showed (Dutch 410)."""


def register(name: str, fn: Callable) -> None:
    FUNCTIONS[name] = fn


def note(result: object, name: str, args: tuple, kwargs: dict) -> None:
    """Remember how `result` (and what it holds) was made, unless it already is or cannot be linked."""
    if id(result) in _RECIPES:
        return
    try:
        recipe = {"f": name, "a": [encode(a) for a in args], "k": {k: encode(v) for k, v in kwargs.items()}}
    except NotLinkable:
        return
    _remember(result, recipe, depth=0)


def _remember(obj: object, recipe: dict, depth: int) -> None:
    if isinstance(obj, pd.DataFrame) or (dataclasses.is_dataclass(obj) and not isinstance(obj, type)):
        key = id(obj)
        if key not in _RECIPES:  # the first recipe stays: any recipe that gives this object gives its content
            try:
                weakref.finalize(obj, _RECIPES.pop, key, None)
            except TypeError:  # not weakly referenceable (a slotted class): not linkable
                return
            _RECIPES[key] = recipe
    if depth >= NESTED_PARTS:
        return
    for name in _field_names(obj):
        _remember(getattr(obj, name), {"of": recipe, "at": name}, depth + 1)
    if isinstance(obj, dict):
        for k, v in obj.items():
            if isinstance(k, str):
                _remember(v, {"of": recipe, "at": k}, depth + 1)


def _field_names(obj: object) -> tuple[str, ...]:
    """The named parts of a view: a dataclass's fields or a NamedTuple's (metrics return some as NamedTuples)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return tuple(f.name for f in dataclasses.fields(obj))
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return tuple(obj._fields)
    return ()


def encode(value: Any) -> Any:
    """An argument as JSON: plain values as they are, a tuple marked, a remembered view or frame by its recipe."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise NotLinkable
        return value
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, tuple):
        return {"t": [encode(v) for v in value]}
    recipe = _RECIPES.get(id(value))
    if recipe is None:
        raise NotLinkable
    return {"r": recipe}


def recipe_of(value: object) -> dict | None:
    return _RECIPES.get(id(value))


# --- the link ----------------------------------------------------------------------------------------------------
def csv_spec(
    frame: pd.DataFrame, columns: dict[str, str] | None, decimals: tuple[tuple[str, int], ...] = ()
) -> dict | None:
    """What the route needs to make the CSV of `frame` (under `columns`' Dutch names, numbers rounded to `decimals`
    as the page shows them), or None if not linkable."""
    recipe = recipe_of(frame)
    if recipe is None:
        return None
    spec = {"csv": recipe, "c": [[k, v] for k, v in columns.items()] if columns else None}
    return spec | ({"d": [[k, n] for k, n in decimals]} if decimals else {})


def file_spec(maker: Callable, args: tuple) -> dict | None:
    """What the route needs to call the view function `maker(*args)` (a file: bytes), or None if not linkable."""
    name = getattr(maker, "view_name", None)
    if name is None:
        return None
    try:
        return {"file": {"f": name, "a": [encode(a) for a in args], "k": {}}}
    except NotLinkable:
        return None


def signature(key: str, file_name: str, recipe: str, version: str) -> str:
    """Only the dashboard makes links: a recipe carries arguments (names, values in a comparison) that end up in a
    PDF, so a link someone else wrote must not be served as ours. The key is the server's cookie secret, which
    all replicas of a deployment share."""
    message = f"{file_name}\n{recipe}\n{version}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()[:32]


def url(file_name: str, spec: dict, version: str, key: str) -> str | None:
    """`/download/<file name>?r=...&v=...&s=...`; `v` (the data version) makes a new link after new data, so no
    cache serves an old file for it; `s` signs all three. None if the recipe is too long to be a link."""
    if not FILE_NAME.fullmatch(file_name):
        raise ValueError(f"bestandsnaam {file_name!r} past niet in een downloadlink")
    packed = json.dumps(spec, separators=(",", ":"), ensure_ascii=False).encode()
    recipe = base64.urlsafe_b64encode(packed).decode().rstrip("=")
    if len(recipe) > MAX_RECIPE_CHARS:
        return None
    return f"{ROUTE}/{quote(file_name)}?r={recipe}&v={version}&s={signature(key, file_name, recipe, version)}"


def check(file_name: str, recipe: str, version: str, sig: str, key: str, current_version: str) -> dict:
    """The spec of a link this server made for the current data (raises BadLink or StaleLink)."""
    if not FILE_NAME.fullmatch(file_name):
        raise BadLink("de bestandsnaam is ongeldig")
    if not hmac.compare_digest(sig.encode(), signature(key, file_name, recipe, version).encode()):
        raise BadLink("de link is niet door dit dashboard gemaakt of is beschadigd")
    if version != current_version:
        raise StaleLink("de gegevens zijn intussen vernieuwd")
    return decode_spec(recipe)


# --- back from a link (the route) ----------------------------------------------------------------------------------
def decode_spec(recipe: str) -> dict:
    if not recipe or len(recipe) > MAX_RECIPE_CHARS:
        raise BadLink("de link mist zijn beschrijving of is te lang")
    try:
        spec = json.loads(base64.urlsafe_b64decode(recipe + "=" * (-len(recipe) % 4)))
    except ValueError as err:
        raise BadLink("de link is beschadigd") from err
    if not isinstance(spec, dict) or not ({"csv"} <= spec.keys() or {"file"} <= spec.keys()):
        raise BadLink("de link beschrijft geen bestand")
    return spec


def resolve(recipe: Any, depth: int = 0) -> Any:
    """The object a recipe describes, made again by the same (cached) view functions."""
    if depth > MAX_DEPTH or not isinstance(recipe, dict):
        raise BadLink("de link is te diep genest of onleesbaar")
    if "of" in recipe:
        parent, step = resolve(recipe["of"], depth + 1), recipe.get("at")
        if step in _field_names(parent):
            return getattr(parent, step)
        if isinstance(parent, dict) and isinstance(step, str) and step in parent:
            return parent[step]
        raise BadLink("de link wijst naar een onderdeel dat niet bestaat")
    name = recipe.get("f", "")
    fn = FUNCTIONS.get(RENAMED.get(name, name) if isinstance(name, str) else name)
    args, kwargs = recipe.get("a", []), recipe.get("k", {})
    if fn is None or not isinstance(args, list) or not isinstance(kwargs, dict):
        raise BadLink("de link noemt geen bekende weergave")
    return fn(*[decode(a, depth) for a in args], **{str(k): decode(v, depth) for k, v in kwargs.items()})


def decode(value: Any, depth: int) -> Any:
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, list):
        return [decode(v, depth) for v in value]
    if isinstance(value, dict) and set(value) == {"t"} and isinstance(value["t"], list):
        return tuple(decode(v, depth) for v in value["t"])
    if isinstance(value, dict) and set(value) == {"r"}:
        return resolve(value["r"], depth + 1)
    raise BadLink("de link bevat een onbekende waarde")


def decimals_of(spec: dict, frame: pd.DataFrame) -> tuple[tuple[str, int], ...]:
    """The (column, decimals) pairs of a CSV spec, checked against the frame."""
    pairs = spec.get("d", [])
    ok = isinstance(pairs, list) and len(pairs) <= MAX_COLUMNS
    ok = ok and all(
        isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) and type(p[1]) is int and 0 <= p[1] <= 10
        for p in pairs
    )
    if not ok or any(k not in frame.columns for k, _ in pairs):
        raise BadLink("de link noemt kolommen die niet bestaan")
    return tuple((k, n) for k, n in pairs)


def columns_of(spec: dict, frame: pd.DataFrame) -> tuple[tuple[str, str], ...] | None:
    """The (column, Dutch label) pairs of a CSV spec, checked against the frame."""
    pairs = spec.get("c")
    if pairs is None:
        return None
    ok = (
        isinstance(pairs, list)
        and 0 < len(pairs) <= MAX_COLUMNS
        and all(isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in pairs)
    )
    if not ok or any(k not in frame.columns or len(v) > MAX_LABEL for k, v in pairs):
        raise BadLink("de link noemt kolommen die niet bestaan")
    return tuple((k, v) for k, v in pairs)
