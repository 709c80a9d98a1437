"""Run a command while busy processes load the machine's cores: proof that the tests wait for what they assert.

    python scripts/busy.py -- bash scripts/test.sh            # two busy processes (both cores of this machine)
    python scripts/busy.py --workers 4 -- python3 -m pytest tests/e2e

Each busy process spins in pure Python until the command ends. Prints the command's wall time and exits with its
exit status, so `busy.py -- bash scripts/test.sh` fails exactly when the tests fail.
"""

from __future__ import annotations

import argparse
import multiprocessing
import subprocess
import sys
import time


def spin(stop: multiprocessing.synchronize.Event) -> None:
    """Keep one core busy until told to stop."""
    while not stop.is_set():
        sum(i * i for i in range(10_000))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="busy processes (default 2: both cores here)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("geef het commando na --, bijvoorbeeld: python scripts/busy.py -- bash scripts/test.sh")
    stop = multiprocessing.Event()
    workers = [multiprocessing.Process(target=spin, args=(stop,), daemon=True) for _ in range(args.workers)]
    for worker in workers:
        worker.start()
    started = time.monotonic()
    try:
        status = subprocess.call(command)
    finally:
        stop.set()
        for worker in workers:
            worker.join(5)
    minutes = (time.monotonic() - started) / 60
    took = f"{minutes:.1f}".replace(".", ",")
    print(f"busy.py: {args.workers} bezige processen; {' '.join(command)}: exit {status}, {took} min")
    return status


if __name__ == "__main__":
    sys.exit(main())
