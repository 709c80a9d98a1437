#!/usr/bin/env bash
# Start the deployment, under supervisord. Returns when nginx answers and every replica is warm; prints the URL.
#   bash deploy/start.sh --replicas N --port P [--host 0.0.0.0] [--api-rate 20] [--run DIR]
#       one host: nginx on --port, N Streamlit replicas on the loopback ports after it (restarted when they die)
#   bash deploy/start.sh --upstreams [NAAM=]ADRES:POORT,... --port P [--host H] [--api-rate R] [--run DIR]
#       only nginx and the readiness loop, in front of replicas on other hosts (bash deploy/replicas.sh there)
# Logs, configs and the nginx cache go to DIR (default deploy/run/P). Stop it with: bash deploy/stop.sh --port P
set -euo pipefail
cd "$(dirname "$0")/.."
REPLICAS=2; PORT=8080; HOST=0.0.0.0; RATE=""; RUN=""; TIMEOUT=300; UPSTREAMS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --replicas) REPLICAS="$2"; shift 2 ;;
    --upstreams) UPSTREAMS="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --host) HOST="$2"; shift 2 ;;
    --api-rate) RATE="$2"; shift 2 ;;
    --run) RUN="$2"; shift 2 ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    *) echo "Onbekende optie: $1 (gebruik --replicas N of --upstreams ADRES:POORT,... en --port P [--host H] [--api-rate R] [--run MAP] [--timeout S])" >&2
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
free() { python3 -c "import socket,sys; s=socket.socket(); s.bind((sys.argv[1], int(sys.argv[2])))" "$1" "$2" 2>/dev/null; }
if [ -n "$UPSTREAMS" ]; then
  ROLE=proxy; LOCAL=0
  free "$HOST" "$PORT" || { echo "Poort $PORT is al in gebruik; kies een andere --port." >&2; exit 1; }
else
  ROLE=alles; LOCAL="$REPLICAS"
  for i in $(seq 0 "$REPLICAS"); do  # nginx on P, the replicas on P+1..P+N: a taken port would only show in the logs
    free 127.0.0.1 $((PORT + i)) || {
      echo "Poort $((PORT + i)) is al in gebruik; kies een andere --port (nginx op P, replica's op P+1..P+$REPLICAS)." >&2; exit 1; }
  done
fi
python3 deploy/configure.py --run "$RUN" --port "$PORT" --replicas "$LOCAL" --host "$HOST" --role "$ROLE" \
  ${UPSTREAMS:+--upstreams "$UPSTREAMS"} ${RATE:+--api-rate "$RATE"}
nginx -t -q -c "$(cd "$RUN" && pwd)/nginx.conf"
supervisord -c "$RUN/supervisord.conf"
if [ "$ROLE" = proxy ]; then
  echo "Gestart: nginx voor $UPSTREAMS; wachten tot elke replica warm is (logboeken in $RUN/logs) ..."
else
  echo "Gestart: $REPLICAS replica's en nginx; wachten tot elke replica is opgewarmd (logboeken in $RUN/logs) ..."
fi
deadline=$(( $(date +%s) + TIMEOUT ))
until python3 - "$RUN" "$PORT" "$HOST" <<'PY'
import json, sys, urllib.request
run, port, host = sys.argv[1], sys.argv[2], sys.argv[3]
ready = json.load(open(f"{run}/ready.json"))["ready"]
assert ready and all(ready.values())
host = "127.0.0.1" if host == "0.0.0.0" else host
assert urllib.request.urlopen(f"http://{host}:{port}/_stcore/health", timeout=3).read() == b"ok"
PY
do
  if [ "$(date +%s)" -gt "$deadline" ]; then
    echo "Niet binnen ${TIMEOUT} s klaar; zie $RUN/logs. Stoppen met: bash deploy/stop.sh --port $PORT" >&2; exit 1
  fi
  sleep 1
done 2>/dev/null
echo "Klaar: http://$( [ "$HOST" = 0.0.0.0 ] && hostname -f 2>/dev/null || echo "$HOST" ):$PORT"
