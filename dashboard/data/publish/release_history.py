"""The releases of the published data made again from its history in git: every commit that changed
data/*.parquet is a release, described by what changed since the commit before it
(dashboard/data/publish/release_notes.py).

For a maintainer after merging others' data changes: `python -m dashboard releases --uit-git` writes
data/releases.json anew (newest first), so each release says in words what it changed, also the ones recorded
before releases had words. The version of a release is that of its tables' bytes (as `build` computes it), the
time that of its commit. A commit whose tables mean the same as before (only order or notation) is a release
without news. Needs git and the repository; the dashboard never calls this at run time.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
from pathlib import Path

import pandas as pd

from dashboard.data.model.paths import DATA_DIR
from dashboard.data.publish import published, release_notes
from dashboard.data.publish.diff import diff_tables
from dashboard.data.publish.releases import RELEASES_FILE, make_release
from dashboard.data.store import atomic


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "TZ": "UTC"}  # commit times in UTC, as a build records its time
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False, env=env)


def commits(repo: Path, data_dir: str = "data") -> list[tuple[str, str]]:
    """(commit, time in UTC) of every commit that changed a published table, oldest first."""
    paths = [f"{data_dir}/{name}.parquet" for name in published.TABLES]
    out = _git(repo, "log", "--reverse", "--format=%H %ad", "--date=format-local:%Y-%m-%dT%H:%M:%SZ", "--", *paths)
    lines = out.stdout.decode().split("\n")
    return [(line.split(" ", 1)[0], line.split(" ", 1)[1]) for line in lines if line.strip()]


def files_at(repo: Path, commit: str, data_dir: str = "data") -> dict[str, bytes]:
    found = {}
    for name in published.TABLES:
        shown = _git(repo, "show", f"{commit}:{data_dir}/{name}.parquet")
        if shown.returncode == 0:
            found[name] = shown.stdout
    return found


def history(repo: Path, data_dir: str = "data") -> list[dict]:
    """Every release of the published data in git, newest first."""
    releases, before = [], None
    for commit, time in commits(repo, data_dir):
        files = files_at(repo, commit, data_dir)
        tables = {name: pd.read_parquet(io.BytesIO(body)) for name, body in files.items()}
        if before is not None:
            diff = diff_tables(before, tables)
            if not diff.empty:
                named = [(f"{data_dir}/{n}.parquet", files[n]) for n in published.TABLES if n in files]
                version = published.bytes_version(named)
                news = release_notes.notes(before, tables)
                if not news:  # only order or notation changed: not news
                    before = tables
                    continue
                releases.append(make_release(diff, version, f"build (commit {commit[:7]})", "build", time, news))
        before = tables
    return releases[::-1]


def write(releases: list[dict], data_dir: Path = DATA_DIR) -> Path:
    """data/releases.json with `releases`, atomically."""
    path = data_dir / RELEASES_FILE
    text = json.dumps(releases, ensure_ascii=False, indent=1) + "\n"
    atomic.atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return path
