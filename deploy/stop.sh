#!/usr/bin/env bash
# Stop what `bash deploy/start.sh --port P` or `bash deploy/replicas.sh --port P` started: the replicas (they finish
# their open requests), nginx and the readiness check if there, then supervisord itself.
#   bash deploy/stop.sh --port P [--run DIR]
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
RUN="${RUN:-deploy/run/$PORT}"
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
