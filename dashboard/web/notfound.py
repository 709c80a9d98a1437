"""An unknown path gets a Dutch page (issue 30), not Streamlit's English modal "Page not found" over the Overzicht.

Streamlit answers every path it does not serve itself with its index.html, and its frontend then shows the default
page under an English modal. The page-language middleware (dashboard/web/lang.py) sees that answer; for a path that
is no page of the registry it sends this page instead, with HTTP status 404: what was asked, and the pages with their
links (keeping the link's query, so ?sector=vo stays). No script: it works as it is, also for a screen reader.
"""

from __future__ import annotations

import html
from urllib.parse import quote

from dashboard.registry import PAGES

SITE = "Lerarentekort in beeld"


def is_page(path: str) -> bool:
    """'/', '/onderwijsregios' and '/onderwijsregios/' are pages; '/bestaat-niet' and '/data/x' are not."""
    return path.strip("/") in {p.url_path for p in PAGES}


def page(path: str, query: str = "") -> bytes:
    """The Dutch 404 page for `path` (as asked, shortened), linking every page with the link's `query`."""
    asked = html.escape(path if len(path) <= 80 else path[:80] + "…")
    suffix = f"?{html.escape(query)}" if query else ""
    items = "\n".join(
        f'      <li><a href="/{quote(p.url_path)}{suffix}">{html.escape(p.title)}</a></li>' for p in PAGES
    )
    return f"""<!DOCTYPE html>
<html lang="nl">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="shortcut icon" href="/app/static/favicon.png" />
    <title>Pagina niet gevonden · {SITE}</title>
    <style>
      body {{font-family: "Source Sans Pro", system-ui, sans-serif; color: #31333f; margin: 0; line-height: 1.6;}}
      main {{max-width: 46rem; margin: 3rem auto; padding: 0 1.25rem;}}
      h1 {{font-size: 2rem; margin: 0 0 1rem;}}
      code {{background: #f0f2f6; padding: .1rem .3rem; border-radius: .25rem; overflow-wrap: anywhere;}}
      a {{color: #0b4f8a;}}
      a:focus-visible {{outline: 3px solid #0072B2; outline-offset: 2px;}}
      li {{margin: .35rem 0; font-size: 1.1rem;}}
    </style>
  </head>
  <body>
    <main>
      <p>{SITE}</p>
      <h1>Pagina niet gevonden</h1>
      <p>De pagina <code>{asked}</code> bestaat niet. Misschien is de link verkeerd overgenomen of ingekort.
      Kies een van de pagina's van het dashboard:</p>
      <ul>
{items}
      </ul>
    </main>
  </body>
</html>
""".encode()
