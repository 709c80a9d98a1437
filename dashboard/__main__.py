"""Command line for taking in new data without a developer: `python -m dashboard <opdracht>`.

    python -m dashboard ingest BESTAND...             cijfers in het datacontract (CSV/xlsx) blijvend toevoegen
    python -m dashboard ingest BESTAND --indicator tekort_pct --sector vo --peildatum 2025-10-01 --bron-titel ...
                                                      een brontabel van OCW in cijfers (regio, waarde) toevoegen
    python -m dashboard meting BESTAND ... [--naar-raw]
                                                      dezelfde brontabel controleren, of in data/raw/ zetten (build)
    python -m dashboard ingest-duo BESTAND --adressen VESTIGINGEN
                                                      DUO-onderwijspersoneel -> werkgelegenheid per gemeente/AM
    python -m dashboard onderwijsregios BESTAND       eigen indeling onderwijsregio -> gemeenten importeren
    python -m dashboard refresh-boundaries --year J   kaartgrenzen + gemeentetabel vernieuwen vanuit PDOK
    python -m dashboard herstel                       de generatie eigen data van vóór de laatste import terugzetten
    python -m dashboard build                         data/*.parquet opnieuw bouwen uit data/raw/*.csv
    python -m dashboard build --check                 tonen wat build zou veranderen, zonder te schrijven
    python -m dashboard controle                      nagaan of dataset, eigen data en kaartgrenzen heel zijn
    python -m dashboard uitgave maak|neem BUNDEL      de data als bundel inpakken / op een host in gebruik nemen
    python -m dashboard uitgave terug                 terug naar de uitgave van vóór de laatste 'neem'

Every command checks everything before it writes, writes via temporary files, and exits with status 1 and a
Dutch message (what and where) when the input is refused or a write fails (disk full, size limit, read-only,
no rights): then nothing has changed and no temp file is left. Only refresh-boundaries goes online.
Every command holds one write lock (dashboard.data.store.atomic) from before it reads until its new state is in place;
a second one waits (--wacht SECONDEN, or LERARENTEKORT_WACHT; standaard 60 s) and then gives up with status 1.
"""

from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from tqdm import tqdm

from dashboard.data.intake.readers import ReadError
from dashboard.data.model.paths import DATA_DIR, EIGEN_DIR, GEO_DIR, RAW_DIR
from dashboard.data.store import atomic, generations
from dashboard.data.store import transactions as store
from dashboard.format import fmt_number

if TYPE_CHECKING:
    from dashboard.data.intake.brontabel.options import Meta
    from dashboard.data.intake.brontabel.table import Brontabel


def _progress(description: str):
    return lambda items: tqdm(list(items), desc=description, unit="stap", file=sys.stderr, leave=False)


def _published() -> tuple[pd.DataFrame, pd.DataFrame]:
    return pd.read_parquet(DATA_DIR / "sources.parquet"), pd.read_parquet(DATA_DIR / "regions.parquet")


def _brontabel(args: argparse.Namespace) -> tuple[Meta, Brontabel]:
    """(Meta, Brontabel) of the one file named, with the notes on it printed; IngestError when refused."""
    from dashboard.data.intake.brontabel.names import regions_for
    from dashboard.data.intake.brontabel.options import check_options
    from dashboard.data.intake.brontabel.table import read_file
    from dashboard.data.intake.ingest import IngestError

    meta = check_options(vars(args))
    if len(args.files) != 1:
        raise IngestError(f"Geef één brontabel per opdracht (nu {len(args.files)} bestanden).")
    path = args.files[0]
    _, regions = _published()
    try:
        table = read_file(path, regions_for(regions, RAW_DIR))
    except (IngestError, ReadError) as err:
        raise IngestError(f"{path.name}: {err}") from err
    if table.header is not None:
        print(
            f"{path.name}: regel {table.header.number} gelezen als kopregel ({table.header.name}; "
            f"{table.header.value})."
        )
    for warning in table.warnings():
        print(f"Let op: {warning}", file=sys.stderr)
    return meta, table


def _brontabel_summary(meta: Meta, table: Brontabel) -> str:
    levels = [e.region.geo_level for e in table.entries]
    return (
        f"{meta.indicator} {meta.sector} {meta.peildatum}, {levels.count('arbeidsmarktregio')} "
        f"arbeidsmarktregio's en {levels.count('gemeente')} G5-gemeenten"
    )


def cmd_ingest(args: argparse.Namespace) -> None:
    from dashboard.data.intake.brontabel.options import EXAMPLE, OPTIONS, given_options
    from dashboard.data.intake.brontabel.rows import import_brontabel
    from dashboard.data.intake.brontabel.table import looks_like_brontabel
    from dashboard.data.intake.ingest import IngestError, import_files

    sources, regions = _published()
    if given_options(vars(args)):
        meta, table = _brontabel(args)
        name = args.files[0].name
        report = import_brontabel(table, meta, name, sources, regions, EIGEN_DIR)
        for row in report:
            what = f"vervangen ({row['vervangen']} oude rijen)" if row["vervangen"] else "toegevoegd"
            print(
                f"{name}: brontabel {_brontabel_summary(meta, table)}; bron {row['source_id']}: {row['rijen']} "
                f"rijen {what}."
            )
        _saved("; de kaarten tonen de meting zonder herstart")
        return
    for path in args.files:
        if looks_like_brontabel(path):
            raise IngestError(
                f"{path.name} heeft twee kolommen (regio en waarde): een brontabel. Zeg dan wat het bestand meet en "
                f"waar het vandaan komt met {', '.join(OPTIONS.values())}, bijvoorbeeld:\n  "
                f"{EXAMPLE}"
            )
    results = import_files(args.files, sources, regions, EIGEN_DIR, progress=_progress("Bestanden controleren"))
    for result in results:
        for row in result.report:
            what = f"vervangen ({row['vervangen']} oude rijen)" if row["vervangen"] else "toegevoegd"
            print(f"{result.bestand}: bron {row['source_id']} ({row['title']}): {row['rijen']} rijen {what}")
    _saved()


def cmd_meting(args: argparse.Namespace) -> None:
    """A brontabel checked and shown (nothing written), or with --naar-raw written into data/raw/ for `build`."""
    from dashboard.data.intake.brontabel.rows import raw_table_name, write_raw

    meta, table = _brontabel(args)
    name = args.files[0].name
    if not args.naar_raw:
        for entry in table.entries:
            print(
                f"  regel {entry.line.number:>3}  {entry.line.name:<40} -> {entry.region.code} "
                f"{entry.region.name} ({entry.region.geo_level}): {fmt_number(entry.value, 2)}%"
            )
        print(
            f"{name}: brontabel {_brontabel_summary(meta, table)}, in orde. Er is niets geschreven: "
            "toevoegen met --naar-raw (data/raw/, daarna build) of met ingest (eigen data op deze server)."
        )
        return
    written = write_raw(table, meta, name, RAW_DIR)
    replaced = f", {written['vervangen']} oude rijen van deze bron vervangen" if written["vervangen"] else ""
    print(
        f"{name}: brontabel {_brontabel_summary(meta, table)}: {written['rijen']} rijen in "
        f"{RAW_DIR / raw_table_name(meta)}{replaced}; bron {meta.source_id} in {RAW_DIR / 'sources.csv'}."
    )
    print("Verder: python -m dashboard build --check, python -m dashboard build, en committen.")


def _saved(extra: str = "") -> None:
    now = generations.current(EIGEN_DIR)
    if now is None:
        return
    before = f"; de vorige (generatie {now.parent}) blijft bewaard, terugzetten: python -m dashboard herstel"
    print(f"Opgeslagen in {EIGEN_DIR} als generatie {now.number}{extra}{before if now.parent else ''}.")


def cmd_ingest_duo(args: argparse.Namespace) -> None:
    from dashboard.data.intake.duo import duo_source, source_id_for, werkgelegenheid_rows
    from dashboard.data.intake.ingest import MAX_IMPORT_BYTES, merge_own, read_own, write_own
    from dashboard.data.intake.readers import read_path

    _, regions = _published()
    steps = tqdm(total=4, desc="DUO-bestand verwerken", file=sys.stderr, leave=False)
    personnel = read_path(args.file, args.max_mb * 1_000_000, sheet_hint=("instelling",))
    steps.update()
    adressen = read_path(args.adressen, MAX_IMPORT_BYTES)
    steps.update()
    source_id = source_id_for(args.file.name)
    rows, summary = werkgelegenheid_rows(personnel, adressen, regions, source_id)
    steps.update()
    merged, _ = merge_own(read_own(EIGEN_DIR), (rows, duo_source(source_id, args.file.name, summary)))
    write_own(*merged, eigen_dir=EIGEN_DIR, description=f"ingest-duo {args.file.name}")
    steps.update()
    steps.close()
    unit = summary.measure
    print(
        f"{args.file.name}: werkgelegenheid in {unit}, sector(en) {', '.join(summary.sectors)}, "
        f"{summary.gemeenten} gemeenten, bron {source_id}."
    )
    for year, total in summary.placed.items():
        print(f"  {year}: {fmt_number(total, 1)} {unit} toegewezen aan gemeenten")
    for reason, value in summary.not_placed.items():
        if value:
            print(f"  niet toe te wijzen ({reason}): {fmt_number(value, 1)} {unit}")
    if summary.suppressed_cells:
        print(f"  {summary.suppressed_cells} cellen afgeschermd door DUO (*): niet als 0 geteld, weggelaten.")
    _saved(f" ({len(rows)} rijen)")


def cmd_onderwijsregios(args: argparse.Namespace) -> None:
    from dashboard.data.intake.definitions import import_definition

    _, regions = _published()
    table = import_definition(args.file, regions, EIGEN_DIR)
    counts = table.groupby("sector")["onderwijsregio"].nunique()
    print(
        f"Indeling geïmporteerd: {len(table)} regels, "
        + ", ".join(f"{n} onderwijsregio's {s}" for s, n in counts.items())
        + "."
    )
    _saved()


def cmd_refresh(args: argparse.Namespace) -> None:
    from dashboard.data.intake.refresh_geo import refresh

    written = refresh(args.year, args.base_url, progress=_progress("Lagen downloaden"))
    for level, count in written.items():
        print(f"{level}: {count} gebieden geschreven ({args.year})")
    print("Gemeentetabel (data/raw/gemeente_regions.csv) en data/regions.parquet vernieuwd.")


def cmd_herstel(args: argparse.Namespace) -> None:
    from dashboard.data.intake.ingest import IngestError, restore_previous

    restored = restore_previous(EIGEN_DIR)
    if restored is None:
        raise IngestError(f"er is geen vorige versie om terug te zetten (in {EIGEN_DIR}).")
    left, back = restored
    if left is None:
        print(
            f"Terug naar {back.label()}; {EIGEN_DIR / generations.POINTER} was beschadigd en wijst nu weer naar een "
            "leesbare generatie."
        )
    else:
        print(f"Terug naar {back.label()}; {left.label()} staat niet meer in gebruik maar blijft bewaard.")


def controle(args: argparse.Namespace) -> int:
    """Read-only: no lock, so it also runs on a read-only volume and while an import runs."""
    from dashboard.data.store.controle import check

    report = check(DATA_DIR, GEO_DIR, EIGEN_DIR)
    print("\n".join(report.lines()))
    print("Alles in orde." if report.ok else "Niet in orde: zie de bestanden hierboven.")
    return 0 if report.ok else 1


def uitgave(args: argparse.Namespace) -> int:
    """Release bundles (dashboard/bundle.py): `neem` and `terug` take their own lock beside the data folder."""
    from dashboard import bundle

    try:
        if args.actie == "maak":
            with atomic.writing(EIGEN_DIR, getattr(args, "wacht", None)):
                made = bundle.make(args.bundel, DATA_DIR, EIGEN_DIR)
            print(f"Bundel {args.bundel}: uitgave {made['versie']}, {len(made['bestanden'])} bestanden.")
        elif args.actie == "neem":
            version, before = bundle.take(args.bundel, DATA_DIR)
            kept = f"; {before} blijft bewaard ('uitgave terug')" if before and before != version else ""
            print(f"Uitgave {version} in gebruik in {DATA_DIR}{kept}.")
        else:
            version, before = bundle.back(DATA_DIR)
            print(f"Terug naar uitgave {version}; {before} blijft bewaard.")
    except (bundle.BundleError, atomic.LockTimeout, OSError) as error:
        print(f"Afgewezen: {error}.", file=sys.stderr)
        now = bundle.in_use(DATA_DIR)
        print("Er is niets gewijzigd." + (f" In gebruik blijft uitgave {now}." if now else ""), file=sys.stderr)
        return 1
    return 0


def cmd_build(args: argparse.Namespace) -> None:
    from dashboard.data.intake.build import build_all, write_all

    built = build_all()
    if args.check:  # only report what the build would change; write nothing
        from dashboard.data.publish.diff import check_lines

        print("\n".join(check_lines(built, DATA_DIR)))
        return
    from dashboard.data.publish.releases import build_release, current_tables, headline

    release, write_release = build_release(current_tables(list(built), DATA_DIR), built, DATA_DIR)
    write_all(built, DATA_DIR, write_release)
    for name, table in built.items():
        print(f"{name}: {len(table)} rijen")
    print(f"Release {release['versie']}: {headline(release)}." if release else "Geen wijzigingen: geen nieuwe release.")


def cmd_releases(args: argparse.Namespace) -> None:
    from dashboard.data.publish import release_history
    from dashboard.data.publish.releases import all_releases, headline

    if args.from_git:
        made = release_history.history(DATA_DIR.parent, DATA_DIR.name)
        print(f"{release_history.write(made, DATA_DIR)}: {len(made)} releases uit git")
    for release in made if args.from_git else all_releases():
        print(f"{release['tijd']} {release['versie']}: {headline(release)}")


def _clean_up() -> None:
    """What a killed command left behind (unfinished generation, temp files); we hold the lock, so none is live."""
    left = store.cleanup(EIGEN_DIR) + atomic.remove_temp_files(DATA_DIR, RAW_DIR, GEO_DIR)
    if left:
        print(f"Opgeruimd na een afgebroken opdracht: {', '.join(str(p) for p in left)}", file=sys.stderr)


def parser() -> argparse.ArgumentParser:
    from dashboard.data.intake.refresh_geo import PDOK

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(  # on the main parser and each opdracht; SUPPRESS so the one not given overwrites nothing
        "--wacht",
        type=float,
        metavar="SECONDEN",
        default=argparse.SUPPRESS,
        help=f"hoe lang te wachten op een andere opdracht die de data bijwerkt (standaard {atomic.WAIT_ENV} of "
        f"{atomic.DEFAULT_WAIT:g})",
    )
    main = argparse.ArgumentParser(
        prog="python -m dashboard", description="Gegevens van het dashboard bijwerken.", parents=[common]
    )
    sub = main.add_subparsers(dest="command", required=True, metavar="opdracht")
    add = partial(sub.add_parser, parents=[common])
    p = add(
        "ingest",
        help="cijfers in het datacontract (CSV of xlsx), of een brontabel (met --indicator ...), blijvend toevoegen",
    )
    p.add_argument("files", nargs="+", type=Path, metavar="BESTAND")
    _brontabel_options(p)
    p.set_defaults(run=cmd_ingest)
    p = add("meting", help="een brontabel van OCW in cijfers controleren, of met --naar-raw in data/raw/ zetten")
    p.add_argument("files", nargs="+", type=Path, metavar="BESTAND")
    _brontabel_options(p)
    p.add_argument(
        "--naar-raw",
        action="store_true",
        help="de meting in data/raw/regional_shortage_<sector>.csv en sources.csv schrijven (voor build)",
    )
    p.set_defaults(run=cmd_meting)
    p = add("ingest-duo", help="DUO-bestand onderwijspersoneel -> werkgelegenheid per gemeente en AM")
    p.add_argument("file", type=Path, metavar="BESTAND")
    p.add_argument(
        "--adressen",
        type=Path,
        required=True,
        help="DUO-bestand met vestigingen (INSTELLINGSCODE/BRIN NUMMER en GEMEENTENUMMER)",
    )
    p.add_argument("--max-mb", type=int, default=200, help="grootste toegestane bestand in MB (standaard 200)")
    p.set_defaults(run=cmd_ingest_duo)
    p = add("onderwijsregios", help="indeling onderwijsregio -> gemeenten importeren (CSV of xlsx)")
    p.add_argument("file", type=Path, metavar="BESTAND")
    p.set_defaults(run=cmd_onderwijsregios)
    p = add("refresh-boundaries", help="kaartgrenzen en gemeentetabel vernieuwen vanuit PDOK (online)")
    p.add_argument("--year", "--jaar", type=int, required=True, dest="year")
    p.add_argument("--base-url", default=PDOK)
    p.set_defaults(run=cmd_refresh)
    p = add("herstel", help="de eigen data van vóór de laatste import terugzetten")
    p.set_defaults(run=cmd_herstel)
    p = add("build", help="data/*.parquet opnieuw bouwen uit data/raw/*.csv")
    p.add_argument("--check", action="store_true", help="alleen tonen wat de build zou veranderen; niets schrijven")
    p.set_defaults(run=cmd_build)
    p = add("releases", help="wat elke release veranderde, in woorden; met --uit-git data/releases.json opnieuw maken")
    p.add_argument(
        "--uit-git",
        action="store_true",
        dest="from_git",
        help="de releases opnieuw afleiden uit de geschiedenis van data/*.parquet in git (na het samenvoegen)",
    )
    p.set_defaults(run=cmd_releases)
    p = add("controle", help="nagaan of dataset, eigen data en kaartgrenzen heel zijn (status 1 als niet)")
    p.set_defaults(run=controle, read_only=True)
    p = add("uitgave", help="de data als bundel inpakken (maak), op een host in gebruik nemen (neem), of terug")
    p.add_argument("actie", choices=("maak", "neem", "terug"))
    p.add_argument("bundel", type=Path, nargs="?", metavar="BUNDEL")
    p.set_defaults(run=uitgave, read_only=True)
    return main


def _brontabel_options(p: argparse.ArgumentParser) -> None:
    """No argparse `required` or `choices`: a missing or wrong option is refused in Dutch (check_options)."""
    p.add_argument("--indicator", help="brontabel: wat het bestand meet (tekort_pct)")
    p.add_argument("--sector", help="brontabel: po of vo")
    p.add_argument("--peildatum", help="brontabel: de peildatum, bijv. 2025-10-01")
    p.add_argument("--bron-titel", dest="bron_titel", help="brontabel: titel van de bron")
    p.add_argument("--bron-uitgever", dest="bron_uitgever", help="brontabel: uitgever, bijv. 'Ministerie van OCW'")
    p.add_argument("--bron-jaar", dest="bron_jaar", help="brontabel: jaar van de bron, bijv. 2025")
    p.add_argument("--bron-url", dest="bron_url", help="brontabel: webadres van de pagina met de brontabel")


def _unchanged(command: str) -> str:
    """What stays in use after a refused or failed command, for the operator."""
    if command in ("build", "refresh-boundaries"):
        return f"Er is niets gewijzigd. {DATA_DIR} is zoals het was."
    try:
        now = generations.current(EIGEN_DIR)
    except OSError:
        now = None
    return "Er is niets gewijzigd." + (f" In gebruik blijft {now.label()}." if now else "")


def main(argv: list[str] | None = None) -> int:
    from dashboard.data.intake.ingest import IngestError
    from dashboard.data.intake.readers import ReadError
    from dashboard.data.intake.refresh_geo import RefreshError
    from dashboard.data.model.errors import BrokenData, WriteError

    args = parser().parse_args(argv)
    if args.command == "uitgave" and args.actie != "terug" and args.bundel is None:
        print(f"Afgewezen: 'uitgave {args.actie}' heeft een BUNDEL nodig (een bestandsnaam).", file=sys.stderr)
        return 1
    if getattr(args, "read_only", False):
        return args.run(args)
    try:
        with atomic.writing(EIGEN_DIR, getattr(args, "wacht", None)):
            with atomic.guarded("Het opruimen na een afgebroken opdracht", EIGEN_DIR):
                _clean_up()
            args.run(args)
    except WriteError as error:
        print(f"Niet gelukt: {error}", file=sys.stderr)
        print(_unchanged(args.command), file=sys.stderr)
        return 1
    except (IngestError, ReadError, RefreshError, BrokenData, atomic.LockTimeout) as error:
        print(f"Afgewezen: {error}", file=sys.stderr)
        print(_unchanged(args.command), file=sys.stderr)
        return 1
    except OSError as error:  # anything else the system refused (a read error of the disk, ...): no traceback
        where = f" ({error.filename})" if error.filename else ""
        print(f"Niet gelukt: het systeem weigerde een bestand{where}: {error.strerror or error}.", file=sys.stderr)
        print(_unchanged(args.command), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
