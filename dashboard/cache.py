"""Everything the dashboard caches, in one place: what, by which key, and how big it may grow.

| what                            | key                                                 | bound                 |
|---------------------------------|-----------------------------------------------------|-----------------------|
| tables and indicator reads      | file path + modification time (+ filters)           | 64 entries / 32 MB    |
| boundaries (GeoJSON)            | level (newest complete boundary year)               | 8 entries / 16 MB     |
| dissolved onderwijsregio's      | the (region, gemeentecodes) groups                  | 32 entries / 16 MB    |
| definition groups, members apart| definition token; a region's sorted gemeentecodes   | 256 entries / 16 MB   |
| metrics results, all together   | function + argument keys (frames by token)          | 4096 entries / 48 MB  |
| figures, all together           | function + argument keys                            | 512 entries / 48 MB   |
| table/CSV/source-line output    | function + frame token + columns                    | 4096 entries / 16 MB  |
| Arrow tables for st.dataframe   | frame token + columns + formats                     | 2048 entries / 16 MB  |
| dataset downloads, API snapshot | data version                                    | 4 / 32 MB and 2 / 16 MB |
| page views (@cache.view), all   | view function + arguments + data version            | 4096 entries / 64 MB  |

One budget per row, however many functions share it (CEILING is their sum; a test holds it). Frames count their
column memory, figures their JSON times 12 (what their Python objects hold, measured). The bound of a replica is
CEILING above the ~230 MB of a fresh server (README "Geheugen op duur"; bench/soak.py measures it). Shared
results are read-only (dashboard.memo: frames come out as copy-on-write copies, figures refuse mutation).
A function is cached where it is defined, by its family's mark (`@cached.metric`, `@cached.figure`,
`@cached.output`, `@cached.definitions`; dashboard/cached.py); this module offers each marked function of the
modules in DECLARED_IN under its own name (`cache.vacatures`), wrapped in its family. Data and geometry are read by
the data layer's pure functions; this module only wraps them and draws the maps that need boundaries. Keys are built by
dashboard.memo (frames by token, never by hashing a frame on every call). The bench compares this memo with
st.cache_resource(hash_funcs=...) (bench/run.py, part "memo"; README "Snelheid").
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard import cached, links, metrics, tables
from dashboard.charts import basic, maps
from dashboard.data.model import geo
from dashboard.data.publish import published
from dashboard.data.store import load
from dashboard.data.store.load import IndicatorFilter, SessionData
from dashboard.memo import F, Memo, call_key, canonical_call, frame_key, freeze_figure, register, shallow

MB = 1_000_000
CEILING = 320 * MB  # what all caches together may hold; README "Geheugen op duur" says what a replica needs


def _family(max_entries: int, max_bytes: int, share: Callable[[Any], Any] | None = None, prepare=None):
    """Cache several pure functions under ONE budget (a memo per function would multiply the bound by the number
    of functions): keys are function + arguments; a frame result gets that key as its token."""
    memo = Memo(lambda fn, args, kwargs: fn(*args, **kwargs), max_entries, max_bytes, share)

    def wrap(fn: F) -> F:
        name = f"{fn.__module__}.{fn.__qualname__}"
        compute = fn if prepare is None else (lambda *a, **k: prepare(fn(*a, **k)))
        canonical = canonical_call(fn)

        @functools.wraps(fn)
        def call(*args, **kwargs):
            args, kwargs = canonical(args, kwargs)
            key = f"{name}({call_key(args, kwargs)})"  # once: it is both the cache key and the result's token
            result = memo.get(key, (compute, args, kwargs), {})
            if isinstance(result, pd.DataFrame):
                register(result, key)
            return result

        call.memo = memo  # type: ignore[attr-defined]
        return call  # type: ignore[return-value]

    return wrap


def _share_frames(value: Any) -> Any:
    return shallow(value) if isinstance(value, pd.DataFrame) else value


# --- data ------------------------------------------------------------------------------------------------------------
_read = Memo(
    lambda path, version, own, own_version, wanted: load.read_table(Path(path), Path(own) if own else None, wanted),
    64,
    32 * MB,
    share=shallow,
)


def _session_token(session: SessionData | None) -> str:
    return "" if session is None else f"{frame_key(session.indicators)}/{frame_key(session.sources)}"


def _cached_read(name: str, own: Path | None, wanted: IndicatorFilter | None, session: SessionData | None):
    path = load.table_path(name)
    version, own_version = load.file_version(path), (load.file_version(own) if own else 0)
    frame = _read(str(path), version, str(own) if own_version else "", own_version, wanted)
    frame = load.with_session(frame, name, session, wanted)
    return register(frame, f"{name}:{path}:{version}:{own_version}:{wanted}:{_session_token(session)}")


def table(name: str, session: SessionData | None = None) -> pd.DataFrame:
    """A whole table (with this server's imports and `session`'s upload for indicators and sources)."""
    return _cached_read(name, load.own_path(name) if name in load.OWN_TABLES else None, None, session)


def indicators(
    indicators: tuple[str, ...] = (),
    sectors: tuple[str, ...] = (),
    geo_levels: tuple[str, ...] = (),
    session: SessionData | None = None,
) -> pd.DataFrame:
    """The indicator rows matching the filters, read with push-down; cached per filter and data version."""
    wanted = IndicatorFilter(tuple(indicators), tuple(sectors), tuple(geo_levels))
    return _cached_read("indicators", load.own_path("indicators"), wanted, session)


def definition() -> tuple[pd.DataFrame, bool]:
    """The onderwijsregio definition: an imported one on this server if there is one (True), else the shipped
    approximation (False)."""
    own = load.own_path(load.DEFINITION_FILE.removesuffix(".parquet"))
    if own.exists():
        version = load.file_version(own)
        return register(_read(str(own), version, "", 0, None), f"definition:{own}:{version}"), True
    return table("onderwijsregio_gemeenten"), False


# --- the families: every function marked where it is defined (dashboard/cached.py), one budget per family -----------
FAMILIES = {
    "metric": _family(4096, 48 * MB, _share_frames),  # all metrics functions together
    "figure": _family(512, 48 * MB, prepare=freeze_figure),  # one shared, frozen figure per function and arguments
    "output": _family(4096, 16 * MB, _share_frames),  # table/CSV/source-line output
    "definitions": _family(256, 16 * MB, _share_frames),  # what follows from a definition's groups of gemeenten
}
DECLARED_IN = cached.with_submodules(metrics, basic, tables, geo)  # marked functions here are offered, by name
OFFERED = {name: FAMILIES[getattr(fn, cached.FAMILY)](fn) for name, fn in cached.marked(*DECLARED_IN).items()}
globals().update(OFFERED)  # cache.vacatures(...) is metrics.vacatures, cached in the "metric" family

boundaries = Memo(geo.read_boundaries, 8, 16 * MB)  # shared read-only GeoJSON per level
_dissolved = Memo(lambda groups: geo.dissolve(boundaries("gemeente"), groups), 32, 16 * MB)
arrow_table = Memo(tables.arrow_table, 2048, 16 * MB)
dataset_exports = Memo(tables.dataset_exports, 4, 32 * MB)


# --- what needs the boundaries, read here (the data layer and the charts never load) --------------------------------
@FAMILIES["definitions"]
def members_apart(codes: tuple[str, ...]) -> tuple[str, ...]:
    """The members lying apart from the rest of a region (geo.apart), by the region's sorted gemeentecodes."""
    return geo.apart(boundaries("gemeente"), codes)


@FAMILIES["figure"]
def shortage_map(regional: pd.DataFrame, selected: str | None = None, height: int = 560, zoom: float = 6.0):
    """The shortage map with the arbeidsmarktregio boundaries and the G5 gemeenten that have a figure."""
    gemeenten = set(regional.loc[regional["geo_level"] == "gemeente", "region_code"])
    return maps.shortage_map(
        regional,
        boundaries("arbeidsmarktregio"),
        geo.subset(boundaries("gemeente"), gemeenten),
        selected,
        height,
        zoom,
    )


@FAMILIES["figure"]
def membership_map(members: pd.DataFrame) -> go.Figure:
    return maps.membership_map(members, boundaries("gemeente"))


@FAMILIES["figure"]
def onderwijsregio_map(
    frame: pd.DataFrame,
    groups: tuple[tuple[str, tuple[str, ...]], ...],
    contested: tuple[tuple[str, str, tuple[str, ...]], ...] = (),
    voorlopers: tuple[str, ...] = (),
) -> go.Figure:
    """`contested`: (gemeentecode, name, regions) drawn outlined on top; `voorlopers`: region names with a star."""
    dissolved = _dissolved(groups)
    return maps.onderwijsregio_map(
        frame,
        dissolved,
        contested=geo.contested_features(boundaries("gemeente"), contested) if contested else None,
        voorlopers=geo.inner_points(dissolved, voorlopers) if voorlopers else None,
    )


# --- page views (dashboard/views/*: every function decorated with @cache.view) --------------------------------------
def files_version() -> tuple[tuple[str, int], ...]:
    """Every data file a view can read, with its version: a rebuild, an import or a herstel is a new key."""
    paths = [load.table_path(name) for name in load.TABLES]
    paths += [load.own_path(name) for name in (*load.OWN_TABLES, load.DEFINITION_FILE.removesuffix(".parquet"))]
    return tuple((str(p), load.file_version(p)) for p in paths)


# The version a page run works with, looked up once at its start (app.py): a run asks for it per view and link
# (8 times on Overzicht, a stat of every file each time: 40-100 µs). Per thread, so the API and other threads look
# for themselves; an import reruns the page, and the next run looks again.
_run_version: ContextVar[tuple[tuple[str, int], ...] | None] = ContextVar("run_version", default=None)


def begin_run() -> None:
    """Look at the data files once for this page run (app.py, before the page runs)."""
    _run_version.set(files_version())


def data_version() -> tuple[tuple[str, int], ...]:
    """The data files' version: the one the page run started with, else from the files now."""
    return _run_version.get() or files_version()


_tags: dict[tuple, str] = {}  # the cheap file key (paths, mtimes) -> the content version it has


def version_tag() -> str:
    """The data version from the content (published.dataset_version: bytes, not paths or mtimes), for links that
    must change when the data does and be the same on every host with the same data (dashboard/links.py), and for
    the view cache's key. Hashed again only when a file's path or mtime changed (a stat per file per call)."""
    key = data_version()
    tag = _tags.get(key)
    if tag is None:
        tag = published.dataset_version(load.table_path("indicators").parent, load.own_path("indicators").parent)
        _tags.clear()  # one data state at a time: the old one's tag is not asked for again
        _tags[key] = tag
    return tag


# One budget for all views, counted with what they hold (their frames and figures, also when the caches above have
# let go of those): a view keeps its figure alive, so an unbounded view cache would bound nothing.
_views = Memo(lambda fn, args, kwargs: fn(*args, **kwargs), 4096, 64 * MB)


def view(fn: F) -> F:
    """Cache a view builder per argument values (a session upload by its frames' tokens) and data version: a warm
    rerun then costs a dict lookup per section. Views hold shared frames and figures; sections only read them."""

    canonical = canonical_call(fn)
    name = f"{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def call(*args, **kwargs):
        args, kwargs = canonical(args, kwargs)
        result = _views.get(f"{name}|{version_tag()}|{call_key(args, kwargs)}", (fn, args, kwargs), {})
        links.note(result, name, args, kwargs)  # a download link can name how it was made (dashboard/links.py)
        return result

    call.memo = _views  # type: ignore[attr-defined]
    call.view_name = name  # type: ignore[attr-defined]
    links.register(name, call)
    return call  # type: ignore[return-value]


# --- the open data API (dashboard/api/): the newest snapshot of the published tables ------------------------------
_snapshot = Memo(lambda key, data_dir, eigen_dir: published.read_snapshot(data_dir, eigen_dir), 2, 16 * MB)


def snapshot(data_dir: Path | None = None, eigen_dir: Path | None = None) -> published.Snapshot:
    """Read again only when a file changed (keyed on path, mtime and size of every file served)."""
    data_dir, eigen_dir = data_dir or published.DATA_DIR, eigen_dir or load.EIGEN_DIR
    return _snapshot(published.signature(published.files(data_dir, eigen_dir)), data_dir, eigen_dir)


def all_memos() -> list[Memo]:
    """Every memo of this module (for the memory soak and the tests)."""
    found = [v for v in globals().values() if isinstance(v, Memo)]
    found += [v.memo for v in globals().values() if isinstance(getattr(v, "memo", None), Memo)]
    return list({id(m): m for m in found}.values())
