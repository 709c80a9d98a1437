"""Run every page with AppTest on the dataset named by LERARENTEKORT_DATA_DIR and print what it shows as JSON.

Started as a subprocess by test_next_measurement.py: the data directory is read when dashboard.data.model.paths is
imported, so another dataset needs another process.
"""

import json
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from dashboard.registry import PAGES  # noqa: E402


def shown(at: AppTest) -> dict:
    texts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    texts += [h.value for h in at.header] + [s.value for s in at.subheader]
    texts += [f"{m.label} {m.value} {m.help or ''}" for m in at.metric]
    sliders = {s.key: [s.min, s.max] for s in at.slider}
    selects = {s.key: list(s.options) for s in at.selectbox}
    return {
        "texts": "\n".join(texts),
        "sliders": sliders,
        "selects": selects,
        "errors": [e.value for e in at.exception],
    }


out = {}
for sector in ("po", "vo"):
    for page in PAGES:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
        at.query_params["sector"] = sector
        at.run()
        at.switch_page(page.script)
        at.run()
        out[f"{page.name}/{sector}"] = shown(at)
    for name, script in (("verschil", "regionale_tekorten"), ("verschil-oregio", "onderwijsregios")):
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
        at.query_params["sector"] = sector
        at.query_params["weergave"] = "verschil"
        at.run()
        at.switch_page(f"app_pages/{script}.py")
        at.run()
        out[f"{name}/{sector}"] = shown(at)
print(json.dumps(out))
