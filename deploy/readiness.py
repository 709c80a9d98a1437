"""Readiness for nginx: a replica gets traffic only while its GET /warmup says it is ready.

Open-source nginx has no active health checks, so this small loop (a supervisord program) asks every replica's
/warmup once a second and, when the set of ready replicas changes, rewrites DIR/upstreams.conf (not ready = `down`)
and tells nginx to reload it (SIGHUP: new workers take new connections; open websockets stay on the old ones).
A replica that dies is passed by at once anyway (nginx tries the next server on a refused connection); this loop
keeps a restarted replica out until it is warm. DIR/ready.json says what it last saw (deploy/start.sh waits on it).
"""

from __future__ import annotations

import argparse
import http.client
import json
import logging
import os
import signal
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from deploy.configure import Layout, read_layout, upstreams_conf  # noqa: E402

log = logging.getLogger("readiness")


READY, NOT_READY, NO_ANSWER = "ready", "not ready", "no answer"


def is_ready(port: int, timeout: float = 2.0, address: str = "127.0.0.1", connect_timeout: float = 1.0) -> str:
    """READY; NOT_READY when the replica says so (503), is not there (refused) or cannot be reached at all (the
    connection is not made within `connect_timeout`: a host cut off or gone; a busy replica's kernel still
    accepts); NO_ANSWER when it is connected but too busy to answer in time."""
    connection = http.client.HTTPConnection(address, port, timeout=connect_timeout)
    try:
        connection.connect()
    except OSError:
        return NOT_READY
    try:
        connection.sock.settimeout(timeout)
        connection.request("GET", "/warmup")
        response = connection.getresponse()
        if response.status != 200:
            return NOT_READY
        return READY if json.loads(response.read()).get("ready") is True else NOT_READY
    except TimeoutError:
        return NO_ANSWER
    except (OSError, ValueError, http.client.HTTPException):
        return NOT_READY
    finally:
        connection.close()


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


MISSES_BEFORE_DOWN = 3  # one slow answer from a busy replica must not move its visitors' uploads elsewhere


def next_state(seen: dict[str, bool] | None, answered: dict[str, str], misses: dict[str, int]) -> dict[str, bool]:
    """In at once when it answers ready; out at once when it says it is not ready or is gone (a restarted replica
    warms up first); out after MISSES_BEFORE_DOWN checks in a row without an answer in time (merely busy)."""
    state = {}
    for name, answer in answered.items():
        misses[name] = misses.get(name, 0) + 1 if answer == NO_ANSWER else 0
        was = bool(seen and seen.get(name))
        state[name] = answer == READY or (answer == NO_ANSWER and was and misses[name] < MISSES_BEFORE_DOWN)
    return state


def check_once(
    layout: Layout, seen: dict[str, bool] | None, misses: dict[str, int], pool: ThreadPoolExecutor
) -> dict[str, bool]:
    """Every replica asked at once (a host cut off costs one timeout, not one per replica)."""
    answered = dict(zip(layout.names, pool.map(lambda m: is_ready(m.port, address=m.address), layout.members)))
    ready = next_state(seen, answered, misses)
    if ready != seen:
        write_atomically(layout.run / "upstreams.conf", upstreams_conf(layout, ready))
        reloaded = reload_nginx(layout.run)
        log.info(
            "klaar: %s%s",
            ", ".join(n for n, r in ready.items() if r) or "geen enkele replica",
            "" if reloaded else " (nginx draait nog niet)",
        )
    write_atomically(layout.run / "ready.json", json.dumps({"ready": ready, "time": time.time()}))
    return ready


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", type=Path, required=True)
    parser.add_argument("--interval", type=float, default=1.0)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    layout = read_layout(args.run.resolve())
    seen, misses = None, {}
    pool = ThreadPoolExecutor(max(1, len(layout.members)))
    while True:
        seen = check_once(layout, seen, misses, pool)
        time.sleep(args.interval)


if __name__ == "__main__":
    main()
