#!/usr/bin/env bash
# Start only the supervised Streamlit replicas of this host, no nginx: N replicas on ADRES:P .. ADRES:P+N-1
# (restarted when they die). Returns when every replica is warm (GET /warmup). nginx runs elsewhere:
#   bash deploy/start.sh --upstreams ADRES:P,ADRES:P+1,... --port 80     (on the proxy host)
#   bash deploy/replicas.sh --replicas N --port P --listen ADRES [--names a1,a2] [--run DIR] [--timeout S]
# Every host needs the same secret (cookie secret and the key of download links): LERARENTEKORT_GEHEIM_BESTAND
# (a file) or LERARENTEKORT_GEHEIM, and the same data (python -m dashboard uitgave neem BUNDEL; docs/uitrol.md).
# A replica is named ADRES:POORT (the proxy's --upstreams names it alike), or by --names (then NAAM=ADRES:POORT
# on the proxy). Logs and configs go to DIR (default deploy/run/ADRES-P). Stop it with: bash deploy/stop.sh --port P
set -euo pipefail
cd "$(dirname "$0")/.."
REPLICAS=2; PORT=8501; LISTEN=""; NAMES=""; RUN=""; TIMEOUT=300
while [ $# -gt 0 ]; do
  case "$1" in
    --replicas) REPLICAS="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --listen) LISTEN="$2"; shift 2 ;;
    --names) NAMES="$2"; shift 2 ;;
    --run) RUN="$2"; shift 2 ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    *) echo "Onbekende optie: $1 (gebruik --replicas N --port P --listen ADRES [--names N1,N2] [--run MAP] [--timeout S])" >&2
       exit 2 ;;
  esac
done
[ -n "$LISTEN" ] || { echo "--listen ADRES ontbreekt: het adres waarop nginx (op een andere host) de replica's bereikt." >&2; exit 2; }
RUN="${RUN:-deploy/run/$LISTEN-$PORT}"  # by address too: hosts that share a disk (test hosts) keep theirs apart
command -v supervisord >/dev/null || { echo "supervisord ontbreekt: apt-get install -y supervisor" >&2; exit 1; }
if [ -S "$RUN/supervisor.sock" ] && supervisorctl -c "$RUN/supervisord.conf" pid >/dev/null 2>&1; then
  echo "Er draaien al replica's op poort $PORT (stop ze met: bash deploy/stop.sh --port $PORT)" >&2; exit 1
fi
for i in $(seq 0 $((REPLICAS - 1))); do
  python3 -c "import socket,sys; s=socket.socket(); s.bind((sys.argv[1], int(sys.argv[2])))" "$LISTEN" $((PORT + i)) 2>/dev/null || {
    echo "Poort $((PORT + i)) op $LISTEN is niet vrij (of het adres is niet van deze host); kies een andere --port of --listen." >&2; exit 1; }
done
python3 deploy/configure.py --run "$RUN" --port "$PORT" --replicas "$REPLICAS" --listen "$LISTEN" --role replicas \
  ${NAMES:+--names "$NAMES"}
supervisord -c "$RUN/supervisord.conf"
echo "Gestart: $REPLICAS replica's op $LISTEN:$PORT..$((PORT + REPLICAS - 1)); wachten tot ze warm zijn (logboeken in $RUN/logs) ..."
deadline=$(( $(date +%s) + TIMEOUT ))
until python3 - "$LISTEN" "$PORT" "$REPLICAS" <<'PY'
import json, sys, urllib.request
host, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for p in range(port, port + n):
    assert json.load(urllib.request.urlopen(f"http://{host}:{p}/warmup", timeout=3))["ready"] is True
PY
do
  if [ "$(date +%s)" -gt "$deadline" ]; then
    echo "Niet binnen ${TIMEOUT} s warm; zie $RUN/logs. Stoppen met: bash deploy/stop.sh --port $PORT --run $RUN" >&2; exit 1
  fi
  sleep 1
done 2>/dev/null
echo "Klaar: $REPLICAS replica's op http://$LISTEN:$PORT .. http://$LISTEN:$((PORT + REPLICAS - 1))"
