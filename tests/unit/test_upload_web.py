"""The browser upload's limit is one figure everywhere, and the CSS that puts the browser's refusal in Dutch
is scoped to the uploader."""

from __future__ import annotations

import tomllib

from conftest import REPO

from dashboard.data.intake.ingest import MAX_UPLOAD_BYTES
from dashboard.web.upload import TOO_LARGE, UPLOAD_MB, WRONG_TYPE, refusal_css


def test_uploader_server_and_app_limits_agree():
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    assert UPLOAD_MB == MAX_UPLOAD_BYTES // 1_000_000 == config["server"]["maxUploadSize"] == 5
    assert f"groter dan {UPLOAD_MB} MB" in TOO_LARGE


def test_refusal_css_replaces_the_alert_of_the_keyed_uploader_only():
    css = refusal_css("eigen_upload")
    assert css.startswith("<style>") and css.endswith("</style>")
    assert ".st-key-eigen_upload [data-testid='stFileChip'][aria-invalid='true'] span[role='alert']::after" in css
    assert f'content: "{WRONG_TYPE}"' in css and f'content: "{TOO_LARGE}"' in css
    assert "[title$='.csv' i]" in css and "[title$='.xlsx' i]" in css
