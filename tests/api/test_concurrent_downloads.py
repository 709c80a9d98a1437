"""Downloads while other visitors browse: six sessions on one server, each fetching every CSV and PDF its page
offers while the others rerun their pages (issue 19: Streamlit's deferred downloads answered 404 here)."""

from __future__ import annotations

import asyncio
import random

from tests.streamlit_protocol import Visitor, fetch, run

SESSIONS = 6
ROUNDS = 4
PAGE, QUERY = "regionale-tekorten", "sector=vo&regio=AM01"


async def _visitor(url: str, seed: int, results: list[tuple[str, int, bytes]], errors: list[str]) -> None:
    rng = random.Random(seed)
    async with Visitor(url) as visitor:
        for _ in range(ROUNDS):
            page = await visitor.open(PAGE, QUERY)
            errors.extend(page.exceptions)
            for offer in page.offers:
                if offer.url.split("?")[0].endswith((".png", ".svg")):  # one Chromium: test_share_browser.py
                    continue
                link = visitor.absolute(await visitor.resolve(offer))
                await asyncio.sleep(rng.uniform(0, 0.05))  # the browser's GET follows the click a moment later
                status, headers, body = await asyncio.to_thread(fetch, link)
                results.append((f"{offer.label} {link}", status, body))


def _run(url: str) -> tuple[list[tuple[str, int, bytes]], list[str]]:
    async def main():
        results, errors = [], []
        await asyncio.gather(*(_visitor(url, seed, results, errors) for seed in range(SESSIONS)))
        return results, errors

    return run(main())


def test_every_download_succeeds_while_five_other_sessions_browse(server):
    results, errors = _run(server.url)
    assert not errors
    # Per visit: the map CSV and the regioprofiel PDF (a profile with one measurement draws no development).
    assert len(results) >= SESSIONS * ROUNDS * 2
    failed = [(what, status) for what, status, _ in results if status != 200]
    assert not failed, f"{len(failed)} van {len(results)} downloads mislukten: {failed[:5]}"
    csvs = [body for what, _, body in results if ".csv" in what]
    pdfs = [body for what, _, body in results if ".pdf" in what]
    assert csvs and all(body.startswith("\ufeff".encode()) for body in csvs)  # UTF-8 with BOM, as before
    assert pdfs and all(body.startswith(b"%PDF") for body in pdfs)
