#!/usr/bin/env bash
# Start the deployment: nginx on --port, --replicas Streamlit replicas on the loopback ports after it, under
# supervisord (restarted when they die). Returns when nginx answers and every replica is warm; prints the URL.
#   bash deploy/start.sh --replicas N --port P [--host 0.0.0.0] [--api-rate 20] [--run DIR]
# Logs, configs and the nginx cache go to DIR (default deploy/run/P). Stop it with: bash deploy/stop.sh --port P
set -euo pipefail
cd "$(dirname "$0")/.."
REPLICAS=2; PORT=8080; HOST=0.0.0.0; RATE=""; RUN=""; TIMEOUT=300
while [ $# -gt 0 ]; do
  case "$1" in
    --replicas) REPLICAS="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --host) HOST="$2"; shift 2 ;;
    --api-rate) RATE="$2"; shift 2 ;;
    --run) RUN="$2"; shift 2 ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    *) echo "Onbekende optie: $1 (gebruik --replicas N --port P [--host H] [--api-rate R] [--run MAP] [--timeout S])" >&2
       exit 2 ;;
  esac
done
RUN="${RUN:-deploy/run/$PORT}"
for tool in nginx supervisord supervisorctl; do
  command -v "$tool" >/dev/null || { echo "$tool ontbreekt: apt-get install -y nginx supervisor" >&2; exit 1; }
done
if [ -S "$RUN/supervisor.sock" ] && supervisorctl -c "$RUN/supervisord.conf" pid >/dev/null 2>&1; then
  echo "Er draait al een dashboard op poort $PORT (stop het met: bash deploy/stop.sh --port $PORT)" >&2; exit 1
fi
for i in $(seq 0 "$REPLICAS"); do  # nginx on P, the replicas on P+1..P+N: a taken port would only show in the logs
  if python3 -c "import socket,sys; s=socket.socket(); s.bind(('127.0.0.1', int(sys.argv[1])))" $((PORT + i)) 2>/dev/null; then :
  else echo "Poort $((PORT + i)) is al in gebruik; kies een andere --port (nginx op P, replica's op P+1..P+$REPLICAS)." >&2; exit 1
  fi
done
python3 deploy/configure.py --run "$RUN" --port "$PORT" --replicas "$REPLICAS" --host "$HOST" ${RATE:+--api-rate "$RATE"}
nginx -t -q -c "$(cd "$RUN" && pwd)/nginx.conf"
supervisord -c "$RUN/supervisord.conf"
echo "Gestart: $REPLICAS replica's en nginx; wachten tot elke replica is opgewarmd (logboeken in $RUN/logs) ..."
deadline=$(( $(date +%s) + TIMEOUT ))
until python3 - "$RUN" "$PORT" <<'PY'
import json, sys, urllib.request
run, port = sys.argv[1], sys.argv[2]
ready = json.load(open(f"{run}/ready.json"))["ready"]
assert ready and all(ready.values())
assert urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=3).read() == b"ok"
PY
do
  if [ "$(date +%s)" -gt "$deadline" ]; then
    echo "Niet binnen ${TIMEOUT} s klaar; zie $RUN/logs. Stoppen met: bash deploy/stop.sh --port $PORT" >&2; exit 1
  fi
  sleep 1
done 2>/dev/null
echo "Klaar: http://$( [ "$HOST" = 0.0.0.0 ] && hostname -f 2>/dev/null || echo "$HOST" ):$PORT"
