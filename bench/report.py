"""The benchmark table (bench/output/results.md): every section's figures against its budget, from the results
bench/run.py measured (or bench/output/results.json with --from-json)."""

from __future__ import annotations

from bench.cold import COLD_BUDGET, FIRST_VISIT_AFTER_S, VISIT_BUDGET
from bench.common import PAGES
from dashboard.format import fmt_number as fmt


def verdict(ok: bool) -> str:
    return "ja" if ok else "**NEE**"


def report(results: dict) -> str:
    lines = ["| meting | dashboard | naïef | verhouding | budget | binnen budget |", "|---|---:|---:|---:|---|---|"]
    if "warm" in results:
        real, naive = results["warm"]["real"], results["warm"]["naive"]
        for page in PAGES:
            r, n = real["warm_ms"][page], naive["warm_ms"][page]
            ok = r <= 150 and n / r >= 10
            lines.append(
                f"| warme rerun {page} (mediaan) | {fmt(r)} ms | {fmt(n)} ms | {fmt(n / r, 1)}x | "
                f"<= 150 ms, >= 10x | {verdict(ok)} |"
            )
        for name, value in real["bytes"].items():
            budget = {"kaart arbeidsmarktregio's": 500_000, "kaart gemeenten (alle 342)": 1_500_000}.get(name)
            n = naive["bytes"][name]
            ratio = f"{fmt(n / value, 1)}x" if value else "-"
            lines.append(
                f"| figuur-JSON {name} | {fmt(value / 1000)} KB | {fmt(n / 1000)} KB | {ratio} | "
                f"{'<= ' + fmt(budget / 1000) + ' KB' if budget else '-'} | "
                f"{verdict(value <= budget) if budget else '-'} |"
            )
    if "memo" in results:
        m = results["memo"]
        lines.append(
            f"| cache-opzoeking per aanroep: dashboard/memo.py tegen st.cache_resource(hash_funcs=...) | "
            f"{fmt(m['memo_us'], 1)} µs | {fmt(m['cache_resource_us'], 1)} µs | "
            f"{fmt(m['cache_resource_us'] / m['memo_us'], 1)}x | sneller houden | "
            f"{verdict(m['memo_us'] <= m['cache_resource_us'])} |"
        )
    if "cold" in results:
        c = results["cold"]
        if "floor" in c:  # the budget is a ratio to Streamlit's floor in the same run (the machine is shared)
            budget, ok = (
                f"<= {fmt(COLD_BUDGET, 1)}x ondergrens ({fmt(c['real'] / c['floor'], 2)}x)",
                c["real"] / c["floor"] <= COLD_BUDGET,
            )
        else:
            budget, ok = "<= 3 s", c["real"] <= 3
        lines.append(
            f"| koude start tot getekende eerste pagina | {fmt(c['real'], 2)} s | {fmt(c['naive'], 2)} s | "
            f"{fmt(c['naive'] / c['real'], 1)}x | {budget} | {verdict(ok)} |"
        )
        if "floor" in c:  # results of older runs lack these
            lines.append(
                f"| idem zonder opwarmen bij de serverstart (app.py) | {fmt(c['no_warmup'], 2)} s | - | - | - | - |"
            )
            lines.append(
                f"| idem ondergrens: Streamlit-app met alleen een titel en één plotly-grafiek | "
                f"{fmt(c['floor'], 2)} s | - | - | - | - |"
            )
            visit = (
                (
                    f"<= {fmt(VISIT_BUDGET, 2)}x ondergrens ({fmt(c['visit'] / c['floor_visit'], 2)}x) | "
                    f"{verdict(c['visit'] / c['floor_visit'] <= VISIT_BUDGET)}"
                )
                if "floor_visit" in c
                else "- | -"
            )
            lines.append(
                f"| eerste bezoek {FIRST_VISIT_AFTER_S} s na de serverstart, tot getekende pagina | "
                f"{fmt(c['visit'], 2)} s | {fmt(c['visit_no_warmup'], 2)} s zonder opwarmen | "
                f"{fmt(c['visit_no_warmup'] / c['visit'], 1)}x | {visit} |"
            )
            if "floor_visit" in c:
                lines.append(
                    f"| idem ondergrens: eerste bezoek {FIRST_VISIT_AFTER_S} s na de start | "
                    f"{fmt(c['floor_visit'], 2)} s | - | - | - | - |"
                )
    if "scale" in results:
        s = results["scale"]
        engines = s["engines"]
        naive_ms = next(v["ms"] for k, v in engines.items() if k.startswith("naive"))
        for name, v in engines.items():
            ok = v["ms"] <= 300 and v["peak_mb"] <= 1500
            lines.append(
                f"| {fmt(s['rows'])} rijen -> AM + onderwijsregio: {name} | {fmt(v['ms'])} ms, "
                f"piek {fmt(v['peak_mb'])} MB | {fmt(naive_ms)} ms | {fmt(naive_ms / v['ms'], 1)}x | "
                f"<= 300 ms, <= 1.500 MB | {verdict(ok)} |"
            )
    if "load" in results:
        ld = results["load"]
        cpu = ld.get("cpu") or {}
        lines += load_lines(
            ld,
            "",
            "in de browser",
            cpu
            and (
                f"CPU-tijd server / de rest (browsers) (van {fmt(2 * cpu['wall_s'])} s op 2 cores)",
                f"{fmt(cpu['server_s'])} s / {fmt(cpu['browsers_s'])} s",
            ),
        )
    if "server" in results:
        sv = results["server"]
        cpu = sv["cpu"]
        lines += load_lines(
            sv,
            " zonder browser (websocket-protocol)",
            "op de server",
            (f"CPU-tijd server (van {fmt(2 * cpu['wall_s'])} s op 2 cores)", f"{fmt(cpu['server_s'])} s"),
        )
    table = "\n".join(lines)
    if "felt" in results:
        from bench.felt import felt_table

        table += "\n\n" + felt_table(results["felt"])
    if "scaleout" in results:
        from bench.scaleout import felt_under_load_table, scaleout_table

        table += "\n\n" + scaleout_table(results["scaleout"]["scaleout"])
        table += "\n\n" + felt_under_load_table(results["scaleout"]["felt_under_load"])
    return table


def load_lines(ld: dict, kind: str, where: str, cpu: tuple[str, str] | None) -> list[str]:
    """The table rows of one load test: errors against the budget, rerun and page-change latency, CPU use."""
    rows = [
        f"| {ld['sessions']} gelijktijdige sessies{kind}, {fmt(ld['seconds'])} s: fouten | {len(ld['errors'])} | "
        f"- | - | 0 | {verdict(not ld['errors'])} |",
        f"| idem: rerun na filterwissel, p50 / p95 {where} ({ld['reruns']} reruns) | "
        f"{fmt(ld['p50_ms'])} / {fmt(ld['p95_ms'])} ms | - | - | - | - |",
        f"| idem: naar een andere pagina, p50 / p95 ({ld['page_loads']} keer) | "
        f"{fmt(ld['load_p50_ms'])} / {fmt(ld['load_p95_ms'])} ms | - | - | - | - |",
    ]
    if cpu:
        rows.append(f"| idem: {cpu[0]} | {cpu[1]} | - | - | - | - |")
    return rows
