"""The URL is the state: widget values <-> `st.query_params`.

Parsing and serialising are pure (tested without Streamlit). `bind` seeds a widget's session state from the URL on
first use; `publish` writes the current values back, leaving defaults out of the URL.

A wrong link says so (issue 30): a value the page does not know is not taken silently. `problem` names what was
asked and what is shown instead, in Dutch; `bind` keeps that notice while the page still shows the fallback, and
`show_notices` (called once by app.py, after the page ran) writes them at the top of the page, with a notice for
every parameter in the link that the page does not know at all. The link keeps what was right: a wrong value is
left out of it (publish writes what is shown), the rest stays.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import streamlit as st

from dashboard.format import md_text

NOTICES = "_link_notices"  # session state: parameter key -> (notice, the value shown instead)
BOUND = "_link_bound"  # session state: the parameter keys bound in this run (reset by app.py per run)
SHOWN = 60  # characters of a wrong value that a notice repeats


@dataclass(frozen=True)
class Param:
    key: str
    default: Any
    kind: str = "str"  # "str" | "list" | "int" | "float"
    choices: tuple[str, ...] = ()
    max_items: int = 0  # for lists: 0 = no limit
    noun: str = ""  # what the parameter chooses, for a wrong link's notice ("Regio"); empty: the parameter's name
    instead: str = ""  # what the page shows when the link's value is wrong ("het landelijk beeld")
    max_length: int = 0  # for free text: cut at this many characters (0 = no limit)


def _number(raw: str) -> float:
    """'0,5' and '0.5' -> 0.5 (the page writes Dutch commas, other tools points); NaN and infinity are no number."""
    value = float(raw.strip().replace(",", "."))
    if not math.isfinite(value):
        raise ValueError(raw)
    return value


def parse(param: Param, raw: str | None) -> Any:
    """URL text -> widget value; anything unknown or malformed falls back to the default."""
    if raw is None or raw == "":
        return param.default
    try:
        if param.kind == "list":
            items = [x for x in raw.split(",") if x]
            if param.choices:
                items = [x for x in items if x in param.choices]
            items = list(dict.fromkeys(items))
            return items[: param.max_items] if param.max_items else items
        if param.kind == "int":
            return int(raw)
        if param.kind == "float":
            return _number(raw)
    except ValueError:
        return param.default
    if param.choices and raw not in param.choices:
        return param.default
    return raw[: param.max_length] if param.max_length else raw


def _quoted(values: list[str]) -> str:
    shown = [f"'{v[:SHOWN]}{'…' if len(v) > SHOWN else ''}'" for v in values[:5]]
    more = f" en nog {len(values) - 5}" if len(values) > 5 else ""
    return (", ".join(shown[:-1]) + " en " + shown[-1] if len(shown) > 1 and not more else ", ".join(shown)) + more


def problem(param: Param, raw: str | None) -> str | None:
    """The Dutch notice for a link value the page cannot show as asked, or None when it is fine (pure)."""
    if raw is None or raw == "":
        return None
    noun = param.noun or f"'{param.key}'"
    instead = param.instead or "de standaardweergave"
    if param.kind == "list":
        items = list(dict.fromkeys(x for x in raw.split(",") if x))
        unknown = [x for x in items if param.choices and x not in param.choices]
        if unknown:
            verb = "bestaat" if len(unknown) == 1 else "bestaan"
            return f"{noun} {_quoted(unknown)} {verb} niet; u ziet {instead}."
        if param.max_items and len(items) > param.max_items:
            return f"Er passen hooguit {param.max_items} in deze keuze; u ziet de eerste {param.max_items}."
        return None
    if param.kind in ("int", "float"):
        try:
            int(raw) if param.kind == "int" else _number(raw)
        except ValueError:
            return f"{noun} {_quoted([raw])} is geen getal; u ziet {instead}."
        return None
    if param.choices and raw not in param.choices:
        return f"{noun} {_quoted([raw])} bestaat niet; u ziet {instead}."
    if param.max_length and len(raw) > param.max_length:
        return f"{noun} is langer dan {param.max_length} tekens en is ingekort."
    return None


def serialize(param: Param, value: Any) -> str | None:
    """Widget value -> URL text; None when it equals the default (keeps links short)."""
    if value is None or value == param.default:
        return None
    if param.kind == "list":
        return ",".join(value) if value else None
    if param.kind == "float":
        return f"{value:g}"
    return str(value)


def begin_run() -> None:
    """Start a run's record of the parameters the page binds (app.py, before the page runs)."""
    st.session_state[BOUND] = set()


def known(*keys: str) -> None:
    """Mark link parameters that a page reads itself (not through `bind`) as its own, so no notice calls them
    unknown (dashboard/ui/multi.py, the Tabel maken page)."""
    st.session_state.setdefault(BOUND, set()).update(keys)


def bind(*params: Param) -> None:
    """Seed session state from the URL for widgets that have no state yet (first run, fresh link); a value that
    cannot be shown as asked leaves a notice, kept while the page shows what it shows instead."""
    bound = st.session_state.setdefault(BOUND, set())
    notices = st.session_state.setdefault(NOTICES, {})
    for param in params:
        bound.add(param.key)
        if param.key not in st.session_state:
            raw = st.query_params.get(param.key)
            st.session_state[param.key] = parse(param, raw)
            if (text := problem(param, raw)) is not None:
                notices[param.key] = (text, st.session_state[param.key])
            else:
                notices.pop(param.key, None)


def publish(*params: Param) -> None:
    """Mirror the current widget values into the URL."""
    for param in params:
        text = serialize(param, st.session_state.get(param.key, param.default))
        if text is None:
            if param.key in st.query_params:
                del st.query_params[param.key]
        elif st.query_params.get(param.key) != text:
            st.query_params[param.key] = text


def unknown_key(key: str, value: str, known: list[str]) -> str:
    """The notice for a link parameter that the page does not have at all (pure)."""
    asked = _quoted([f"{key}={value}"])
    return (
        f"Deze pagina heeft geen keuze '{key[:SHOWN]}' (de link vraagt {asked}); u ziet de pagina zonder die keuze. "
        f"Keuzes op deze pagina: {', '.join(known)}."
    )


def show_notices(area: Any, page: str) -> None:
    """Write the wrong link's notices into `area` (a container at the top of the page), after the page ran: for
    each bound parameter still showing its fallback, and for each link parameter the page did not bind (that one
    stays in the link, as another page may know it, and is only named)."""
    bound = st.session_state.get(BOUND, set())
    notices = st.session_state.setdefault(NOTICES, {})
    for key in [k for k in st.query_params if k not in bound]:
        notices[f"?{key}"] = (unknown_key(key, st.query_params[key], sorted(bound)), page)
    texts = []
    for key, (text, shown) in list(notices.items()):
        if key.startswith("?"):
            keep = shown == page
        else:
            keep = key in bound and st.session_state.get(key) == shown
        if keep:
            texts.append(text)
        else:
            del notices[key]
    with area:
        for text in texts:
            st.warning(md_text(text), icon=":material/link_off:")


def year_slider(label: str, start: Param, end: Param, bounds: tuple[int, int], key: str) -> tuple[int, int]:
    """A year-range slider whose ends live in the URL as two parameters, clamped to the data's years and ordered
    whatever the link says; the bounds come from the data, so a new year appears without a code change."""
    low, high = bounds
    clamped = sorted(min(max(st.session_state[p.key], low), high) for p in (start, end))
    st.session_state.setdefault(key, tuple(clamped))
    years = st.slider(label, low, high, key=key) if low < high else (low, high)
    st.session_state[start.key], st.session_state[end.key] = years
    return years
