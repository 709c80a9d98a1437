"""Readiness for nginx: a replica gets traffic only while its GET /warmup says it is ready.

Open-source nginx has no active health checks, so this small loop (a supervisord program) asks every replica's
/warmup once a second and, when the set of ready replicas changes, rewrites DIR/upstreams.conf (not ready = `down`)
and tells nginx to reload it (SIGHUP: new workers take new connections; open websockets stay on the old ones).
A replica that dies is passed by at once anyway (nginx tries the next server on a refused connection); this loop
keeps a restarted replica out until it is warm. DIR/ready.json says what it last saw (deploy/start.sh waits on it).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from deploy.configure import Layout, read_layout, upstreams_conf  # noqa: E402

log = logging.getLogger("readiness")


def is_ready(port: int, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/warmup", timeout=timeout) as response:
            return response.status == 200 and json.load(response).get("ready") is True
    except (OSError, ValueError, urllib.error.HTTPError):
        return False


def write_atomically(path: Path, text: str) -> None:
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text(text)
    os.replace(temp, path)


def reload_nginx(run: Path) -> bool:
    try:
        os.kill(int((run / "nginx.pid").read_text().strip()), signal.SIGHUP)
        return True
    except (OSError, ValueError):
        return False  # nginx not (yet) running: it reads upstreams.conf when it starts


def check_once(layout: Layout, seen: dict[str, bool] | None) -> dict[str, bool]:
    ready = {name: is_ready(layout.replica_port(name)) for name in layout.names}
    if ready != seen:
        write_atomically(layout.run / "upstreams.conf", upstreams_conf(layout, ready))
        reloaded = reload_nginx(layout.run)
        log.info("klaar: %s%s", ", ".join(n for n, r in ready.items() if r) or "geen enkele replica",
                 "" if reloaded else " (nginx draait nog niet)")
    write_atomically(layout.run / "ready.json", json.dumps({"ready": ready, "time": time.time()}))
    return ready


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", type=Path, required=True)
    parser.add_argument("--interval", type=float, default=1.0)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    layout = read_layout(args.run.resolve())
    seen = None
    while True:
        seen = check_once(layout, seen)
        time.sleep(args.interval)


if __name__ == "__main__":
    main()
