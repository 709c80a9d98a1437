#!/usr/bin/env bash
# Stop what `bash deploy/start.sh --port P` or `bash deploy/replicas.sh --port P` started: the replicas (they finish
# their open requests), nginx and the readiness check if there, then supervisord itself.
#   bash deploy/stop.sh --port P [--run DIR]
# Without --run: this host's replicas.sh run (deploy/run/ADRES-P, ADRES an address of this host), else deploy/run/P.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=8080; RUN=""
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT="$2"; shift 2 ;;
    --run) RUN="$2"; shift 2 ;;
    *) echo "Onbekende optie: $1 (gebruik --port P [--run MAP])" >&2; exit 2 ;;
  esac
done
if [ -z "$RUN" ]; then  # this host's replicas (deploy/run/ADRES-P, ADRES one of this host's) before nginx's run
  RUN="deploy/run/$PORT"
  for dir in deploy/run/*-"$PORT"; do
    [ -f "$dir/supervisord.pid" ] || continue
    addr="$(basename "$dir")"; addr="${addr%-"$PORT"}"
    if python3 -c "import socket,sys; socket.socket().bind((sys.argv[1], 0))" "$addr" 2>/dev/null; then RUN="$dir"; break; fi
  done
fi
if [ ! -f "$RUN/supervisord.pid" ]; then
  echo "Geen dashboard gestart op poort $PORT (geen $RUN/supervisord.pid)." >&2; exit 0
fi
PID="$(cat "$RUN/supervisord.pid")"
supervisorctl -c "$RUN/supervisord.conf" shutdown >/dev/null 2>&1 || kill -TERM "$PID" 2>/dev/null || true
for _ in $(seq 1 60); do
  kill -0 "$PID" 2>/dev/null || { echo "Gestopt: poort $PORT."; exit 0; }
  sleep 0.5
done
echo "supervisord ($PID) stopte niet binnen 30 s; zie $RUN/logs." >&2; exit 1
