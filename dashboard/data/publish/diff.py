"""What a new build would change against the published dataset (`python -m dashboard build --check`).

`diff_tables(current, new)` compares two sets of tables (name -> frame) and says, per (indicator, sector,
geo_level): which peildata are new or gone, which regions gained or lost a figure in a peildatum both builds
have, and which values changed; for every table the row counts and, where the contract has a key, the keys
added or removed. Pure: the caller reads and builds, this module only compares. `report_lines` words it in Dutch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard.data.model.contract import FIGURE_KEY, SCHEMAS

SERIES = ["indicator", "sector", "geo_level"]
KEYS = {"onderwijsregio_leden": ["onderwijsregio_code", "member_type", "member_name"]}
MAX_LISTED = 20  # per section; a rebuilt table can differ in hundreds of rows


@dataclass
class BuildDiff:
    row_counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    new_peildata: list[dict[str, object]] = field(default_factory=list)  # series + peildatum + rows
    removed_peildata: list[dict[str, object]] = field(default_factory=list)
    regions_gained: list[dict[str, object]] = field(default_factory=list)  # series + peildatum + regions
    regions_lost: list[dict[str, object]] = field(default_factory=list)
    changed_values: list[dict[str, object]] = field(default_factory=list)  # figure + old + new
    figures_added: list[dict[str, object]] = field(default_factory=list)  # new figures in an existing peildatum
    figures_removed: list[dict[str, object]] = field(default_factory=list)
    keys_added: dict[str, list[str]] = field(default_factory=dict)
    keys_removed: dict[str, list[str]] = field(default_factory=dict)
    rows_changed: dict[str, int] = field(default_factory=dict)  # rows (any column) in only one of the builds

    @property
    def empty(self) -> bool:
        same_counts = all(old == new for old, new in self.row_counts.values())
        lists = (
            self.new_peildata,
            self.removed_peildata,
            self.regions_gained,
            self.regions_lost,
            self.changed_values,
            self.figures_added,
            self.figures_removed,
        )
        return (
            same_counts
            and not any(lists)
            and not any(self.keys_added.values())
            and not any(self.keys_removed.values())
            and not any(self.rows_changed.values())
        )


def _region(row: pd.Series) -> str:
    return str(row["region_code"] or row["region_name"])


def _peildata(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.groupby([*SERIES, "peildatum"], sort=True).size().rename("rows").reset_index()


def _records(part: pd.DataFrame, columns: list[str]) -> list[dict]:
    return [{**r, "rows": int(r["rows"])} for r in part[columns].to_dict("records")]


def _regions_per_peildatum(frame: pd.DataFrame) -> pd.Series:
    return frame.assign(_region=frame.apply(_region, axis=1)).groupby([*SERIES, "peildatum"])["_region"].agg(set)


def _values_per_figure(frame: pd.DataFrame) -> pd.Series:
    return frame.groupby(FIGURE_KEY, sort=True)["value"].agg(lambda s: tuple(sorted(s.round(10))))


def _row_set(frame: pd.DataFrame) -> set[tuple]:
    return set(frame.astype(str).itertuples(index=False, name=None))


def peildata_changes(old: pd.DataFrame, new: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    """(new, removed) peildata per series, with the number of rows in that peildatum."""
    keys = [*SERIES, "peildatum"]
    both = _peildata(old).merge(_peildata(new), on=keys, how="outer", suffixes=("_old", "_new"), indicator=True)
    added = both[both["_merge"] == "right_only"].rename(columns={"rows_new": "rows"})
    removed = both[both["_merge"] == "left_only"].rename(columns={"rows_old": "rows"})
    return _records(added, [*keys, "rows"]), _records(removed, [*keys, "rows"])


def region_changes(old: pd.DataFrame, new: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    """(gained, lost): regions with a figure in only one build, for peildata both builds have."""
    keys = [*SERIES, "peildatum"]
    before, after = _regions_per_peildatum(old), _regions_per_peildatum(new)
    gained, lost = [], []
    for key in sorted(set(before.index) & set(after.index)):
        base = dict(zip(keys, key, strict=True))
        if more := sorted(after[key] - before[key]):
            gained.append({**base, "regions": more})
        if fewer := sorted(before[key] - after[key]):
            lost.append({**base, "regions": fewer})
    return gained, lost


def value_changes(old: pd.DataFrame, new: pd.DataFrame) -> list[dict]:
    """Figures present in both builds whose value differs (several rows per figure: compared as sorted lists)."""
    both = pd.concat(
        [_values_per_figure(old).rename("old"), _values_per_figure(new).rename("new")], axis=1, join="inner"
    )
    changed = both[both["old"] != both["new"]]
    out = []
    for key, row in changed.iterrows():
        figure = dict(zip(FIGURE_KEY, key, strict=True))
        out.append({**figure, "old": list(row["old"]), "new": list(row["new"])})
    return out


def _figure_dicts(figures: set[tuple]) -> list[dict]:
    return [dict(zip(FIGURE_KEY, f, strict=True)) for f in sorted(figures)]


def figure_changes(old: pd.DataFrame, new: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    """(added, removed) figures in a peildatum both builds have, e.g. a second source for the same date."""
    keys = [*SERIES, "peildatum"]
    shared = old[keys].drop_duplicates().merge(new[keys].drop_duplicates(), on=keys)
    before = set(old.merge(shared, on=keys)[FIGURE_KEY].itertuples(index=False, name=None))
    after = set(new.merge(shared, on=keys)[FIGURE_KEY].itertuples(index=False, name=None))
    return _figure_dicts(after - before), _figure_dicts(before - after)


def _keys(frame: pd.DataFrame, name: str) -> pd.Series:
    columns = KEYS.get(name) or list(SCHEMAS[name].unique)
    return frame[columns].astype(str).agg(" / ".join, axis=1)


def diff_tables(current: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame]) -> BuildDiff:
    """Compare the published tables with a new build; a table missing on one side counts as empty."""
    diff = BuildDiff()
    for name in sorted(set(current) | set(new)):
        old_frame = current.get(name, pd.DataFrame(columns=SCHEMAS[name].column_names))
        new_frame = new.get(name, pd.DataFrame(columns=SCHEMAS[name].column_names))
        diff.row_counts[name] = (len(old_frame), len(new_frame))
        diff.rows_changed[name] = len(_row_set(old_frame) ^ _row_set(new_frame))
        if name != "indicators" and (name in KEYS or SCHEMAS[name].unique):
            before, after = set(_keys(old_frame, name)), set(_keys(new_frame, name))
            diff.keys_added[name] = sorted(after - before)
            diff.keys_removed[name] = sorted(before - after)
    if "indicators" in current and "indicators" in new:
        old, fresh = current["indicators"], new["indicators"]
        diff.new_peildata, diff.removed_peildata = peildata_changes(old, fresh)
        diff.regions_gained, diff.regions_lost = region_changes(old, fresh)
        diff.changed_values = value_changes(old, fresh)
        diff.figures_added, diff.figures_removed = figure_changes(old, fresh)
    return diff


def _series(item: dict) -> str:
    return f"{item['indicator']} {item['sector']} {item['geo_level']}"


def _dated(item: dict) -> str:
    rows = "1 rij" if item["rows"] == 1 else f"{item['rows']} rijen"
    return f"{_series(item)}: {item['peildatum']} ({rows})"


def _figure(item: dict) -> str:
    """'tekort_pct po land NL01 2024-10-01 [landelijk] (HVN_2025_PABO)'."""
    where = item["region_code"] or item["region_name"]
    extra = (f" {item['vak']}" if item["vak"] else "") + (f" [{item['categorie']}]" if item["categorie"] else "")
    return f"{_series(item)} {where} {item['peildatum']}{extra} ({item['source_id']})"


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _listed(lines: list[str], header: str, items: list[str]) -> None:
    if not items:
        return
    lines.append(f"{header} ({len(items)}):")
    lines.extend(f"  {item}" for item in items[:MAX_LISTED])
    if len(items) > MAX_LISTED:
        lines.append(f"  ... en nog {len(items) - MAX_LISTED}")


def report_lines(diff: BuildDiff) -> list[str]:
    """The diff in Dutch, one finding per line."""
    if diff.empty:
        return ["Geen wijzigingen: de nieuwe build is gelijk aan de huidige data/*.parquet."]
    lines = ["Rijen per tabel (huidig -> nieuw):"]
    for name, (old, new) in diff.row_counts.items():
        change = "" if old == new else f" ({new - old:+d})"
        lines.append(f"  {name}: {old} -> {new}{change}")
    _listed(lines, "Nieuwe peildata", [_dated(i) for i in diff.new_peildata])
    _listed(lines, "Verdwenen peildata", [_dated(i) for i in diff.removed_peildata])
    _listed(
        lines,
        "Regio's met een nieuw cijfer",
        [f"{_series(i)} {i['peildatum']}: {', '.join(i['regions'])}" for i in diff.regions_gained],
    )
    _listed(
        lines,
        "Regio's die een cijfer verliezen",
        [f"{_series(i)} {i['peildatum']}: {', '.join(i['regions'])}" for i in diff.regions_lost],
    )
    _listed(lines, "Nieuwe cijfers in een bestaande peildatum", [_figure(i) for i in diff.figures_added])
    _listed(lines, "Verdwenen cijfers in een bestaande peildatum", [_figure(i) for i in diff.figures_removed])
    _listed(
        lines,
        "Gewijzigde waarden in een bestaande peildatum",
        [
            f"{_figure(i)}: {'; '.join(map(_number, i['old']))} -> {'; '.join(map(_number, i['new']))}"
            for i in diff.changed_values
        ],
    )
    for name in diff.keys_added:
        _listed(lines, f"{name}: nieuw", diff.keys_added[name])
        _listed(lines, f"{name}: verdwenen", diff.keys_removed[name])
    for name, count in diff.rows_changed.items():
        if count:
            lines.append(f"{name}: {count} rijen komen maar in één van beide builds voor (elke kolom telt)")
    return lines


def read_current(names: list[str], data_dir: Path) -> dict[str, pd.DataFrame]:
    """The published tables that exist (a first build compares against nothing)."""
    paths = {name: data_dir / f"{name}.parquet" for name in names}
    return {name: pd.read_parquet(path) for name, path in paths.items() if path.exists()}


def check_lines(new: dict[str, pd.DataFrame], data_dir: Path) -> list[str]:
    """`build --check`: the report of a new build against data_dir, before anything is written."""
    return report_lines(diff_tables(read_current(list(new), data_dir), new))
