"""The deployment's configuration, written from one place: nginx in front, N replicas under supervisord.

    python3 deploy/configure.py --run DIR --port P --replicas N [--host H] [--api-rate R]          (role alles)
    python3 deploy/configure.py --run DIR --port P --role proxy --upstreams NAAM=ADRES:POORT,...  (nginx only)
    python3 deploy/configure.py --run DIR --port P --replicas N --role replicas --listen ADRES [--names ...]

writes DIR/nginx.conf, DIR/upstreams.conf (every replica down until deploy/readiness.py finds it warm) and
DIR/supervisord.conf (a replica host: only the replicas). deploy/start.sh and deploy/replicas.sh call it; tests
call the functions. The secret the replicas share comes from LERARENTEKORT_GEHEIM(_BESTAND) (shared_secret).
Why each part is there:

- Sessions stay on one replica by a cookie (`dashboard_replica`, set from the replica's X-Dashboard-Replica), not
  by client address: a whole ministry behind one NAT address still spreads over the replicas. A visitor whose
  replica is gone is sent to another one (the others are `backup` servers in the replica's own upstream), and the
  cookie then names the new one.
- Everything of a session (websocket, uploads, Streamlit's media) follows the cookie; /api/v1 and /download are
  stateless, go to any ready replica and are cached by nginx by the app's Cache-Control and ETag, like
  Streamlit's hashed static files. The API has a rate limit per client address that answers 429 in Dutch JSON.
- Dutch error pages when no replica answers; nginx's own answers carry the app's security headers.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import secrets
import shutil
import socket
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from dashboard.web.replica import SECRET_ENV, SECRET_FILE_ENV  # noqa: E402 (the secret shared by every host)

DEPLOY = REPO / "deploy"
COOKIE = "dashboard_replica"
UPLOAD_LIMIT_MB = 6  # the app's maxUploadSize is 5 MiB (.streamlit/config.toml), plus the multipart framing
RATE_PER_SECOND, RATE_BURST = 20, 40  # API requests per client address (a script that pages through the API fits)
DOWNLOADS_PER_SECOND, DOWNLOADS_BURST = 20, 60  # downloads per client address: a ministry behind one NAT fits
FAILS = 3  # refused connections before nginx passes a replica by for FAIL_TIMEOUT (it tries the next one at once)
FAIL_TIMEOUT = "10s"


ROLES = ("alles", "proxy", "replicas")  # start.sh --replicas, start.sh --upstreams, replicas.sh
NAME = re.compile(r"[A-Za-z0-9_.:-]{1,64}")


@dataclasses.dataclass(frozen=True)
class Member:
    """One replica nginx sends to: its name (the sticky cookie's value, its X-Dashboard-Replica) and address."""

    name: str
    address: str
    port: int

    @property
    def target(self) -> str:
        return f"{self.address}:{self.port}"


def parse_upstream(text: str) -> Member:
    """`[NAAM=]ADRES:POORT`; without a name the replica is called by its address (replicas.sh names it alike)."""
    name, _, target = text.strip().rpartition("=")
    address, _, port = target.rpartition(":")
    if not address or not port.isdigit() or not NAME.fullmatch(name or target):
        raise ValueError(f"'{text}' is geen replica: gebruik ADRES:POORT of NAAM=ADRES:POORT")
    return Member(name or target, address, int(port))


@dataclasses.dataclass(frozen=True)
class Layout:
    run: Path  # configs, pid files, logs, nginx cache
    port: int  # nginx (alles, proxy); the first replica (replicas)
    replicas: int = 0
    host: str = "0.0.0.0"  # where nginx listens
    api_rate: int = RATE_PER_SECOND
    upstreams: tuple[str, ...] = ()  # proxy: the replicas on other hosts, "[NAAM=]ADRES:POORT"
    listen: str = "127.0.0.1"  # where this host's replicas listen
    replica_names: tuple[str, ...] = ()  # replicas: their names (default: ADRES:POORT)
    role: str = "alles"

    @property
    def members(self) -> list[Member]:
        if self.role == "proxy":
            return [parse_upstream(u) for u in self.upstreams]
        if self.role == "alles":  # one host: nginx on P, the replicas r1..rN on P+1..P+N
            return [Member(f"r{i}", self.listen, self.port + i) for i in range(1, self.replicas + 1)]
        ports = [self.port + i for i in range(self.replicas)]  # a replica host: ADRES:P..P+N-1
        names = self.replica_names or tuple(f"{self.listen}:{p}" for p in ports)
        return [Member(n, self.listen, p) for n, p in zip(names, ports, strict=True)]

    @property
    def names(self) -> list[str]:
        return [m.name for m in self.members]

    def member(self, name: str) -> Member:
        return next(m for m in self.members if m.name == name)

    def replica_port(self, name: str) -> int:
        return self.member(name).port

    def upstream(self, name: str) -> str:
        """The nginx upstream of a replica's sessions (a name like r1 as it is; an address as replicaN)."""
        if re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name) and name != "all":
            return name
        return f"replica{self.names.index(name) + 1}"


def is_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def free_port_block(replicas: int) -> int:
    """A port P with P..P+replicas free: nginx on P, the replicas after it (the tests and the bench start there)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port + replicas < 65000 and all(is_free(port + i) for i in range(replicas + 1)):
            return port
    raise RuntimeError("geen vrij blok poorten gevonden")


def security_headers() -> dict[str, str]:
    """The app's own headers (dashboard/web/headers.py), for the answers nginx makes itself."""
    sys.path.insert(0, str(REPO))
    from dashboard.web.headers import INDEX_HTML
    from dashboard.web.headers import security_headers as app_headers

    return app_headers(INDEX_HTML.read_text())


def upstreams_conf(layout: Layout, ready: dict[str, bool]) -> str:
    """One upstream for any ready replica, and one per replica for its sessions with the others as backup."""

    def server(name: str, backup: bool = False) -> str:
        flags = (" backup" if backup else "") + ("" if ready.get(name) else " down")
        return f"    server {layout.member(name).target} max_fails={FAILS} fail_timeout={FAIL_TIMEOUT}{flags};"

    blocks = ["upstream all {", *(server(n) for n in layout.names), "    keepalive 16;", "}"]
    for name in layout.names:
        others = [server(n, backup=True) for n in layout.names if n != name]
        blocks += [f"upstream {layout.upstream(name)} {{", server(name), *others, "}"]
    return "\n".join(blocks) + "\n"


def _headers(headers: dict[str, str]) -> str:
    return "\n".join(f"        add_header {k} {json.dumps(v)} always;" for k, v in headers.items())


def nginx_conf(layout: Layout, headers: dict[str, str]) -> str:
    run, errors = layout.run, DEPLOY / "errors"
    sticky = "\n".join(f"        {json.dumps(name)} {layout.upstream(name)};" for name in layout.names)
    user = "user root;" if os.geteuid() == 0 else ""  # as root nginx would run its workers as nobody
    proxy = """proxy_http_version 1.1;
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_connect_timeout 2s;"""
    cached = f"""proxy_cache dashboard;
        proxy_cache_key $request_uri;
        proxy_cache_revalidate on;
        proxy_cache_lock on;
        proxy_cache_use_stale error timeout updating;
        add_header X-Cache-Status $upstream_cache_status always;
        {proxy}
        proxy_set_header Connection "";
        proxy_pass http://all;"""
    # A link of a data version this replica does not have (yet: a rollout host by host) is a Dutch 503 from the
    # app (dashboard/web/download.py); nginx then asks the next replica, which may have it (docs/uitrol.md).
    links = cached + "\n        proxy_next_upstream error timeout http_503;"
    cached += "\n        proxy_next_upstream error timeout;"
    proxy += "\n        proxy_next_upstream error timeout;"
    return f"""# Written by deploy/configure.py: edit that file, not this one.
{user}
worker_processes auto;
worker_shutdown_timeout 30s;  # after a reload, old workers close their websockets (the browser reconnects)
pid {run}/nginx.pid;
error_log {run}/logs/nginx-error.log warn;
events {{ worker_connections 4096; }}

http {{
    include /etc/nginx/mime.types;
    server_tokens off;
    log_format dashboard '$remote_addr [$time_local] "$request" $status $body_bytes_sent '
                         'upstream=$upstream_addr replica=$upstream_http_x_dashboard_replica '
                         'request_time=$request_time upstream_time=$upstream_response_time '
                         'cache=$upstream_cache_status';
    access_log {run}/logs/access.log dashboard;
    client_body_temp_path {run}/tmp/body;
    proxy_temp_path {run}/tmp/proxy;
    fastcgi_temp_path {run}/tmp/fastcgi;
    uwsgi_temp_path {run}/tmp/uwsgi;
    scgi_temp_path {run}/tmp/scgi;
    proxy_cache_path {run}/cache levels=1:2 keys_zone=dashboard:10m max_size=512m inactive=30m use_temp_path=off;
    limit_req_zone $binary_remote_addr zone=api:10m rate={layout.api_rate}r/s;
    limit_req_zone $binary_remote_addr zone=downloads:10m rate={DOWNLOADS_PER_SECOND}r/s;
    limit_req_status 429;
    client_max_body_size {UPLOAD_LIMIT_MB}m;

    map $http_upgrade $connection_upgrade {{
        default upgrade;
        '' close;
    }}
    map $cookie_{COOKIE} $sticky {{  # the replica that holds this visitor's sessions
        default all;
{sticky}
    }}
    map $upstream_http_x_dashboard_replica $replica_cookie {{
        '' '';
        default '{COOKIE}=$upstream_http_x_dashboard_replica; Path=/; HttpOnly; SameSite=Lax';
    }}

    include {run}/upstreams.conf;

    server {{
        listen {layout.host}:{layout.port};
        error_page 502 503 504 =503 /_fout/niet-bereikbaar.html;

        location /_fout/ {{
            internal;
            alias {errors}/;
            charset utf-8;
{_headers(headers)}
            add_header Cache-Control "no-store" always;
        }}
        location = /_fout/te-veel.json {{
            internal;
            default_type "application/json; charset=utf-8";
            etag off;
            alias {errors}/te-veel.json;
{_headers(headers)}
            add_header Retry-After 1 always;
            add_header Cache-Control "no-store" always;
        }}
        location = /_fout/niet-bereikbaar.json {{
            internal;
            default_type "application/json; charset=utf-8";
            etag off;
            alias {errors}/niet-bereikbaar.json;
{_headers(headers)}
            add_header Retry-After 10 always;
            add_header Cache-Control "no-store" always;
        }}

        location = /_stcore/stream {{  # the session's websocket: to its replica, kept open while the tab is
            {proxy}
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout 1d;
            proxy_send_timeout 1d;
            proxy_pass http://$sticky;
        }}
        location /api/v1 {{
            limit_req zone=api burst={RATE_BURST} nodelay;
            error_page 429 /_fout/te-veel.json;
            error_page 502 503 504 =503 /_fout/niet-bereikbaar.json;
            {cached}
        }}
        location /download/ {{
            limit_req zone=downloads burst={DOWNLOADS_BURST} nodelay;
            {links}
        }}
        location /embed/ {{  # a chart for other sites' iframes: the app's own frame headers pass unchanged
            limit_req zone=downloads burst={DOWNLOADS_BURST} nodelay;
            {cached}
        }}
        location /static/ {{
            {cached}
        }}
        location / {{  # pages, uploads, Streamlit's media: the visitor's replica; the cookie names it
            {proxy}
            proxy_set_header Connection "";
            add_header Set-Cookie $replica_cookie;
            proxy_pass http://$sticky;
        }}
    }}
}}
"""


def supervisord_conf(layout: Layout, cookie_secret: str) -> str:
    run, python = layout.run, sys.executable
    env_keep = {k: v for k, v in os.environ.items() if k.startswith("LERARENTEKORT_")}

    def environment(extra: dict[str, str]) -> str:
        return ",".join(f'{k}="{v}"' for k, v in (env_keep | extra).items())

    programs = []
    for member in [] if layout.role == "proxy" else layout.members:
        name = member.name
        command = (
            f"{python} -m streamlit run serve.py --server.address {member.address} --server.port {member.port} "
            "--server.headless true --browser.gatherUsageStats false --server.fileWatcherType none "
            "--client.showErrorDetails none"  # a visitor never sees a traceback; the replica's log has it
        )
        programs.append(f"""[program:{program(name)}]
command={command}
directory={REPO}
environment={environment({"DASHBOARD_REPLICA": name, "STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret})}
autostart=true
autorestart=true
startsecs=2
startretries=100
stopsignal=TERM
stopwaitsecs=15
stopasgroup=true
killasgroup=true
stdout_logfile={run}/logs/{name}.log
stdout_logfile_maxbytes=20MB
stdout_logfile_backups=3
redirect_stderr=true
""")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    front = "" if layout.role == "replicas" else front_programs(run, nginx)
    return f"""; Written by deploy/configure.py: edit that file, not this one.
[unix_http_server]
file={run}/supervisor.sock
chmod=0700

[supervisord]
logfile={run}/logs/supervisord.log
pidfile={run}/supervisord.pid
childlogdir={run}/logs
directory={REPO}

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://{run}/supervisor.sock

{"".join(p + chr(10) for p in programs)}{front}"""


def program(name: str) -> str:
    """A replica's supervisord program name (an address as name: 10.0.0.2:8601 -> 10.0.0.2_8601)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", name)


def front_programs(run: Path, nginx: str) -> str:
    python = sys.executable
    return f"""[program:readiness]
command={python} {DEPLOY}/readiness.py --run {run}
directory={REPO}
autorestart=true
stdout_logfile={run}/logs/readiness.log
redirect_stderr=true

[program:nginx]
command={nginx} -c {run}/nginx.conf -g "daemon off;"
autorestart=true
priority=999
stopsignal=QUIT
stopwaitsecs=35
stopasgroup=true
killasgroup=true
stdout_logfile={run}/logs/nginx.log
redirect_stderr=true
"""


class NoSecret(Exception):
    """A replica host without the shared secret: its sessions and links would not hold on the other hosts."""


def shared_secret(layout: Layout) -> str:
    """The secret every replica of a deployment shares: Streamlit's cookie secret (a session's XSRF cookie holds
    on each replica) and the key that signs download links (dashboard/web/replica.py). Given on each host the same
    way: LERARENTEKORT_GEHEIM (the secret itself) or LERARENTEKORT_GEHEIM_BESTAND (a file holding it). On one host
    (start.sh --replicas) it may be left out: then it is made once in the run folder."""
    if os.environ.get(SECRET_ENV, "").strip():
        return os.environ[SECRET_ENV].strip()
    if os.environ.get(SECRET_FILE_ENV):
        path = Path(os.environ[SECRET_FILE_ENV])
        try:
            secret = path.read_text(encoding="utf-8").strip()
        except OSError as err:
            raise NoSecret(f"{SECRET_FILE_ENV}={path} is niet te lezen ({err.strerror or type(err).__name__})") from err
        if len(secret) < 16:
            raise NoSecret(f"{path} bevat geen geheim van minstens 16 tekens")
        return secret
    if layout.role == "replicas":
        raise NoSecret(
            f"geen gedeeld geheim: zet op elke host hetzelfde in {SECRET_FILE_ENV} (een bestand) of {SECRET_ENV}, "
            "bijvoorbeeld met: python3 -c 'import secrets; print(secrets.token_hex(32))' > /etc/lerarentekort/geheim"
        )
    secret_file = layout.run / "cookie_secret"
    if not secret_file.exists():  # one secret for all replicas: a session's XSRF cookie is valid on each
        secret_file.write_text(secrets.token_hex(32))
        secret_file.chmod(0o600)
    return secret_file.read_text().strip()


def write(layout: Layout) -> None:
    for folder in ("logs", "cache", "tmp"):
        (layout.run / folder).mkdir(parents=True, exist_ok=True)
    secret = shared_secret(layout) if layout.role != "proxy" else ""
    saved = {k: v for k, v in dataclasses.asdict(layout).items() if k != "run"}
    (layout.run / "layout.json").write_text(json.dumps(saved))
    (layout.run / "ready.json").unlink(missing_ok=True)  # what an earlier start saw says nothing now
    if layout.role != "replicas":
        (layout.run / "upstreams.conf").write_text(upstreams_conf(layout, {}))
        (layout.run / "nginx.conf").write_text(nginx_conf(layout, security_headers()))
    conf = layout.run / "supervisord.conf"
    conf.write_text(supervisord_conf(layout, secret))
    conf.chmod(0o600)  # it holds the cookie secret


def read_layout(run: Path) -> Layout:
    saved = json.loads((run / "layout.json").read_text())
    tuples = {k: tuple(v) for k, v in saved.items() if isinstance(v, list)}
    return Layout(run=run, **(saved | tuples))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", type=Path, required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--replicas", type=int, default=0)
    parser.add_argument("--host", default="0.0.0.0")
    parser.add_argument("--api-rate", type=int, default=RATE_PER_SECOND)
    parser.add_argument("--upstreams", default="", help="NAAM=ADRES:POORT,... (replica's op andere hosts)")
    parser.add_argument("--listen", default="127.0.0.1")
    parser.add_argument("--names", default="", help="namen van de replica's op deze host, met komma's")
    parser.add_argument("--role", choices=ROLES, default="alles")
    args = parser.parse_args()
    upstreams = tuple(u for u in args.upstreams.split(",") if u.strip())
    names = tuple(n.strip() for n in args.names.split(",") if n.strip())
    layout = Layout(
        args.run.resolve(), args.port, args.replicas, args.host, args.api_rate, upstreams, args.listen, names, args.role
    )
    try:
        problems = check_layout(layout)
        if problems:
            raise NoSecret("; ".join(problems))
        write(layout)
    except (NoSecret, ValueError) as err:
        print(f"Niet gestart: {err}.", file=sys.stderr)
        raise SystemExit(1) from None


def check_layout(layout: Layout) -> list[str]:
    """What is wrong with the options, in Dutch (a replica named twice, names that do not fit the count)."""
    problems = []
    if layout.role == "proxy" and not layout.upstreams:
        problems.append("--upstreams noemt geen replica")
    if layout.role != "proxy" and layout.replicas < 1:
        problems.append("--replicas moet minstens 1 zijn")
    if layout.role == "replicas" and layout.replica_names and len(layout.replica_names) != layout.replicas:
        problems.append(f"--names noemt {len(layout.replica_names)} namen voor {layout.replicas} replica's")
    if not problems:
        names = layout.names
        if len(set(names)) != len(names):
            problems.append("twee replica's hebben dezelfde naam")
        problems += [f"'{n}' is geen geldige replicanaam" for n in names if not NAME.fullmatch(n)]
    return problems


if __name__ == "__main__":
    main()
