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
import socket
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from deploy.configure import Layout, read_layout, upstreams_conf  # noqa: E402

log = logging.getLogger("readiness")


READY, NOT_READY, NO_ANSWER = "ready", "not ready", "no answer"


def is_ready(port: int, timeout: float = 2.0) -> str:
    """READY; NOT_READY when the replica says so (503) or is not there (refused); NO_ANSWER when it is too busy to
    answer in time."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/warmup", timeout=timeout) as response:
            return READY if response.status == 200 and json.load(response).get("ready") is True else NOT_READY
    except urllib.error.HTTPError:
        return NOT_READY
    except TimeoutError:
        return NO_ANSWER
    except urllib.error.URLError as err:
        return NO_ANSWER if isinstance(err.reason, TimeoutError | socket.timeout) else NOT_READY
    except (OSError, ValueError):
        return NOT_READY


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


def check_once(layout: Layout, seen: dict[str, bool] | None, misses: dict[str, int]) -> dict[str, bool]:
    answered = {name: is_ready(layout.replica_port(name)) for name in layout.names}
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
    while True:
        seen = check_once(layout, seen, misses)
        time.sleep(args.interval)


if __name__ == "__main__":
    main()
