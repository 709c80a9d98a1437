import sys
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def pytest_sessionfinish(session, exitstatus) -> None:
    from tests.browser import close_shared_browser

    close_shared_browser()


@pytest.fixture(scope="session")
def tables() -> dict[str, pd.DataFrame]:
    return {
        name: pd.read_parquet(REPO / "data" / f"{name}.parquet")
        for name in (
            "indicators",
            "sources",
            "regions",
            "onderwijsregios",
            "onderwijsregio_leden",
            "onderwijsregio_gemeenten",
        )
    }
