"""Release bundles: the data of one host packed in one file, and taken in on every other host in one step.

    python -m dashboard uitgave maak BUNDEL    the data in use (built tables, manifest, boundaries, data/raw and the
                                               generation of own data in use) with its manifest, in one tar file
    python -m dashboard uitgave neem BUNDEL    checked file by file against its manifest and its data version,
                                               unpacked beside the data in use, then switched in one rename
    python -m dashboard uitgave terug          back to the release in use before the last `neem`

A host that takes bundles has its data folder (LERARENTEKORT_DATA_DIR, say /srv/lerarentekort/data) as a symlink:
    /srv/lerarentekort/data                        -> data.uitgaven/<versie>, replaced by one rename (atomic)
    /srv/lerarentekort/data.uitgaven/<versie>/     one complete data folder per release, named by its data version
                                                   (published.dataset_version: the content, so every host agrees)
    /srv/lerarentekort/data.uitgaven/GEZIEN        every version this host had, in order (the download route tells
                                                   an old link, 410, from one of a version still to come, 503)
The release in use and the KEEP - 1 before it are kept: `terug` switches back, and the download route answers a
link of a kept version from that version (dashboard/web/download.py). A damaged bundle is refused in Dutch and
changes nothing: the new folder is written under a temporary name and only renamed when every file checked out.
Files are written anew (not with the bundle's times), so caches keyed on modification times see new files.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tarfile
import time
from pathlib import Path, PurePosixPath

from filelock import FileLock, Timeout

from dashboard.data.model.paths import DATA_DIR, EIGEN_DIR
from dashboard.data.publish import published
from dashboard.data.store import generations
from dashboard.data.store.integrity import folder_problems, table_files

MANIFEST = "uitgave.json"
FORMAT = 1
KEEP = 3  # releases kept on a host: the one in use and the two before it
SEEN = "GEZIEN"
MAX_FILE = 512 * 1024 * 1024


class BundleError(Exception):
    """A bundle that cannot be made or taken in, in Dutch; nothing has changed."""


def store(data_dir: Path = DATA_DIR) -> Path:
    """Where the releases of `data_dir` are kept (beside it)."""
    return data_dir.parent / f"{data_dir.name}.uitgaven"


def managed(data_dir: Path = DATA_DIR) -> bool:
    return data_dir.is_symlink() and store(data_dir).is_dir()


def in_use(data_dir: Path = DATA_DIR) -> str | None:
    """The version the symlink names, None when the data folder is not one taken in from bundles."""
    return Path(os.readlink(data_dir)).name if data_dir.is_symlink() else None


def kept_folder(version: str, data_dir: Path = DATA_DIR) -> Path | None:
    """The folder of a kept release `version` on this host, or None."""
    if not managed(data_dir) or not version.isalnum():
        return None
    folder = store(data_dir) / version
    return folder if folder.is_dir() else None


def seen(data_dir: Path = DATA_DIR) -> list[str]:
    try:
        return (store(data_dir) / SEEN).read_text(encoding="utf-8").split()
    except OSError:
        return []


# --- maak ----------------------------------------------------------------------------------------------------------
def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def bundle_files(data_dir: Path, eigen_dir: Path) -> tuple[dict[str, Path], Path]:
    """name in the bundle ("data/...") -> file, and the folder of own tables in use. The data folder without its
    own data, hidden files and temp files; the own data only as the generation in use (or the old flat tables)."""
    problems = folder_problems(data_dir)
    reading = generations.resolve(eigen_dir)
    if problems or reading.problems:
        found = "; ".join(p.text() for p in [*problems, *reading.problems])
        raise BundleError(f"de data in gebruik is niet heel ({found}); controleer met 'python -m dashboard controle'")
    files: dict[str, Path] = {}
    for path in sorted(data_dir.rglob("*")):
        rel = path.relative_to(data_dir)
        skip = any(part.startswith(".") or part == "__pycache__" or part.endswith(".tmp") for part in rel.parts)
        if path.is_file() and not skip and not path.is_relative_to(eigen_dir) and rel.parts[0] != "eigen":
            files[f"data/{rel.as_posix()}"] = path
    if reading.folder is not None:
        name = reading.folder.name
        files["data/eigen/" + generations.POINTER] = eigen_dir / generations.POINTER
        for path in sorted(p for p in reading.folder.iterdir() if p.is_file()):
            files[f"data/eigen/{generations.GENERATIONS}/{name}/{path.name}"] = path
        return files, reading.folder
    for name, path in table_files(eigen_dir).items() if eigen_dir.is_dir() else ():
        files[f"data/eigen/{name}.parquet"] = path
    return files, eigen_dir


def make(bundle: Path, data_dir: Path = DATA_DIR, eigen_dir: Path = EIGEN_DIR) -> dict:
    """Write the bundle (via a temporary file and a rename); its manifest."""
    files, own = bundle_files(data_dir, eigen_dir)
    contents = {name: path.read_bytes() for name, path in files.items()}
    if (eigen_dir / generations.POINTER).exists() and "data/eigen/" + generations.POINTER in contents:
        contents["data/eigen/" + generations.POINTER] = own.name.encode() + b"\n"
    manifest = {
        "formaat": FORMAT,
        "versie": published.dataset_version(data_dir, own),
        "gemaakt": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "bestanden": {name: {"bytes": len(data), "sha256": _sha256(data)} for name, data in contents.items()},
    }
    temp = bundle.with_name(f".{bundle.name}.{os.getpid()}.tmp")
    try:
        with tarfile.open(temp, "w:gz") as tar:
            for name, data in [(MANIFEST, json.dumps(manifest, indent=1).encode()), *contents.items()]:
                info = tarfile.TarInfo(name)
                info.size, info.mtime, info.mode = len(data), int(time.time()), 0o644
                tar.addfile(info, io.BytesIO(data))
        os.replace(temp, bundle)
    finally:
        temp.unlink(missing_ok=True)
    return manifest


# --- neem ----------------------------------------------------------------------------------------------------------
def _read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        member = tar.getmember(MANIFEST)
        manifest = json.loads(tar.extractfile(member).read())
        files, version = manifest["bestanden"], manifest["versie"]
    except (KeyError, AttributeError, ValueError, TypeError) as err:
        raise BundleError(f"de bundel heeft geen leesbaar {MANIFEST} ({type(err).__name__})") from None
    if manifest.get("formaat") != FORMAT or not isinstance(files, dict) or not str(version).isalnum():
        raise BundleError(f"{MANIFEST} in de bundel is geen manifest van formaat {FORMAT}")
    return manifest


def _safe_name(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or len(path.parts) < 2 or path.parts[0] != "data":
        raise BundleError(f"de bundel bevat een bestand buiten de datamap ({name[:80]})")
    return PurePosixPath(*path.parts[1:])


def _unpack(bundle: Path, into: Path) -> dict:
    """Every file of the bundle checked against its manifest and written into `into`; the manifest."""
    try:
        tar = tarfile.open(bundle, "r:*")
    except (OSError, tarfile.TarError) as err:
        raise BundleError(f"{bundle} is geen leesbare bundel ({type(err).__name__})") from None
    with tar:
        try:
            manifest = _read_manifest(tar)
            expected, written = manifest["bestanden"], set()
            for member in tar:
                if member.name == MANIFEST:
                    continue
                if not member.isfile():
                    raise BundleError(f"de bundel bevat iets anders dan een bestand ({member.name[:80]})")
                entry = expected.get(member.name)
                if not isinstance(entry, dict):
                    raise BundleError(f"{member.name} staat niet in het manifest van de bundel")
                rel = _safe_name(member.name)
                data = tar.extractfile(member).read(MAX_FILE + 1)
                if len(data) != entry.get("bytes") or _sha256(data) != entry.get("sha256"):
                    raise BundleError(f"{member.name} is beschadigd (grootte of sha256 wijkt af van het manifest)")
                target = into / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                with open(target, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                written.add(member.name)
        except (OSError, EOFError, tarfile.TarError, UnicodeDecodeError) as err:
            raise BundleError(f"{bundle} is beschadigd of afgekapt ({type(err).__name__})") from None
    missing = sorted(set(expected) - written)
    if missing:
        raise BundleError(f"de bundel mist {len(missing)} bestand(en) uit zijn manifest, o.a. {missing[0]}")
    return manifest


def _check_unpacked(folder: Path, version: str) -> None:
    eigen = folder / "eigen"
    reading = generations.resolve(eigen)
    problems = [*folder_problems(folder), *reading.problems]
    if problems:
        raise BundleError(f"de data in de bundel is niet heel: {problems[0].short(folder)}")
    made = published.dataset_version(folder, reading.folder or eigen)
    if made != version:
        raise BundleError(f"de data in de bundel heeft versie {made}, het manifest zegt {version}")


def _switch(data_dir: Path, version: str) -> None:
    """Point data_dir at release `version` in one rename, and note the version as seen."""
    link = data_dir.parent / f".{data_dir.name}.{os.getpid()}.link"
    link.unlink(missing_ok=True)
    os.symlink(f"{store(data_dir).name}/{version}", link)
    os.replace(link, data_dir)
    fd = os.open(data_dir.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    history = [v for v in seen(data_dir) if v != version] + [version]
    temp = store(data_dir) / f".{SEEN}.tmp"
    temp.write_text("\n".join(history) + "\n", encoding="utf-8")
    os.replace(temp, store(data_dir) / SEEN)


def _prune(data_dir: Path) -> list[str]:
    """Remove releases beyond the KEEP most recent ones this host used."""
    keep = set(seen(data_dir)[-KEEP:]) | {in_use(data_dir)}
    removed = []
    for folder in store(data_dir).iterdir():
        if folder.is_dir() and not folder.name.startswith(".") and folder.name not in keep:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed


def _locked(data_dir: Path) -> FileLock:
    store(data_dir).mkdir(parents=True, exist_ok=True)
    return FileLock(store(data_dir) / ".slot")


def _check_target(data_dir: Path) -> None:
    if data_dir.exists() and not data_dir.is_symlink():
        raise BundleError(
            f"{data_dir} is een gewone map, geen map die uit bundels komt. Zet LERARENTEKORT_DATA_DIR op een nieuw "
            "pad (bijvoorbeeld /srv/lerarentekort/data): de eerste 'uitgave neem' maakt het aan"
        )


def take(bundle: Path, data_dir: Path = DATA_DIR) -> tuple[str, str | None]:
    """Check and take in `bundle`; (new version, version in use before)."""
    _check_target(data_dir)
    try:
        with _locked(data_dir).acquire(timeout=60):
            before = in_use(data_dir)
            temp = store(data_dir) / f".nieuw-{os.getpid()}-{time.time_ns()}"
            try:
                manifest = _unpack(bundle, temp)
                version = str(manifest["versie"])
                _check_unpacked(temp, version)
                target = store(data_dir) / version
                if target.is_dir():  # taken in before (and kept): the same content, by its name
                    shutil.rmtree(temp)
                else:
                    os.rename(temp, target)
            finally:
                shutil.rmtree(temp, ignore_errors=True)
            _switch(data_dir, version)
            _prune(data_dir)
            return version, before
    except Timeout:
        raise BundleError("een andere 'uitgave' is nog bezig; probeer het zo opnieuw") from None


def back(data_dir: Path = DATA_DIR) -> tuple[str, str]:
    """Switch to the kept release used before the one in use; (version now, version before)."""
    _check_target(data_dir)
    with _locked(data_dir):
        now = in_use(data_dir)
        earlier = [v for v in seen(data_dir) if v != now and (store(data_dir) / v).is_dir()]
        if not now or not earlier:
            raise BundleError(f"er is geen eerdere uitgave bewaard in {store(data_dir)}")
        _switch(data_dir, earlier[-1])
        return earlier[-1], now
