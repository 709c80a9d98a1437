"""The deployment's configuration, written from one place: nginx in front, N replicas under supervisord.

    python3 deploy/configure.py --run DIR --port P --replicas N [--host H] [--api-rate R]

writes DIR/nginx.conf, DIR/upstreams.conf (every replica down until deploy/readiness.py finds it warm) and
DIR/supervisord.conf. deploy/start.sh calls it; tests call the functions. Why each part is there:

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
import json
import os
import secrets
import shutil
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEPLOY = REPO / "deploy"
COOKIE = "dashboard_replica"
UPLOAD_LIMIT_MB = 6  # the app's maxUploadSize is 5 MiB (.streamlit/config.toml), plus the multipart framing
RATE_PER_SECOND, RATE_BURST = 20, 40  # API requests per client address (a script that pages through the API fits)
DOWNLOADS_PER_SECOND, DOWNLOADS_BURST = 20, 60  # downloads per client address: a ministry behind one NAT fits
FAILS = 3  # refused connections before nginx passes a replica by for FAIL_TIMEOUT (it tries the next one at once)
FAIL_TIMEOUT = "10s"


@dataclass(frozen=True)
class Layout:
    run: Path  # configs, pid files, logs, nginx cache
    port: int  # nginx
    replicas: int
    host: str = "0.0.0.0"
    api_rate: int = RATE_PER_SECOND

    @property
    def names(self) -> list[str]:
        return [f"r{i}" for i in range(1, self.replicas + 1)]

    def replica_port(self, name: str) -> int:
        return self.port + int(name[1:])


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
        return f"    server 127.0.0.1:{layout.replica_port(name)} max_fails={FAILS} fail_timeout={FAIL_TIMEOUT}{flags};"

    blocks = ["upstream all {", *(server(n) for n in layout.names), "    keepalive 16;", "}"]
    for name in layout.names:
        others = [server(n, backup=True) for n in layout.names if n != name]
        blocks += [f"upstream {name} {{", server(name), *others, "}"]
    return "\n".join(blocks) + "\n"


def _headers(headers: dict[str, str]) -> str:
    return "\n".join(f"        add_header {k} {json.dumps(v)} always;" for k, v in headers.items())


def nginx_conf(layout: Layout, headers: dict[str, str]) -> str:
    run, errors = layout.run, DEPLOY / "errors"
    sticky = "\n".join(f"        {name} {name};" for name in layout.names)
    user = "user root;" if os.geteuid() == 0 else ""  # as root nginx would run its workers as nobody
    proxy = """proxy_http_version 1.1;
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_connect_timeout 2s;
        proxy_next_upstream error timeout;"""
    cached = f"""proxy_cache dashboard;
        proxy_cache_key $request_uri;
        proxy_cache_revalidate on;
        proxy_cache_lock on;
        proxy_cache_use_stale error timeout updating;
        add_header X-Cache-Status $upstream_cache_status always;
        {proxy}
        proxy_set_header Connection "";
        proxy_pass http://all;"""
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
            {cached}
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
    for name in layout.names:
        command = (
            f"{python} -m streamlit run serve.py --server.address 127.0.0.1 --server.port {layout.replica_port(name)} "
            "--server.headless true --browser.gatherUsageStats false --server.fileWatcherType none "
            "--client.showErrorDetails none"  # a visitor never sees a traceback; the replica's log has it
        )
        programs.append(f"""[program:{name}]
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

{"".join(p + chr(10) for p in programs)}[program:readiness]
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


def write(layout: Layout) -> None:
    for folder in ("logs", "cache", "tmp"):
        (layout.run / folder).mkdir(parents=True, exist_ok=True)
    secret_file = layout.run / "cookie_secret"
    if not secret_file.exists():  # one secret for all replicas: a session's XSRF cookie is valid on each
        secret_file.write_text(secrets.token_hex(32))
        secret_file.chmod(0o600)
    (layout.run / "layout.json").write_text(
        json.dumps({"port": layout.port, "replicas": layout.replicas, "host": layout.host, "api_rate": layout.api_rate})
    )
    (layout.run / "ready.json").unlink(missing_ok=True)  # what an earlier start saw says nothing now
    (layout.run / "upstreams.conf").write_text(upstreams_conf(layout, {}))
    (layout.run / "nginx.conf").write_text(nginx_conf(layout, security_headers()))
    conf = layout.run / "supervisord.conf"
    conf.write_text(supervisord_conf(layout, secret_file.read_text().strip()))
    conf.chmod(0o600)  # it holds the cookie secret


def read_layout(run: Path) -> Layout:
    saved = json.loads((run / "layout.json").read_text())
    return Layout(run=run, **saved)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", type=Path, required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--host", default="0.0.0.0")
    parser.add_argument("--api-rate", type=int, default=RATE_PER_SECOND)
    args = parser.parse_args()
    write(Layout(args.run.resolve(), args.port, args.replicas, args.host, args.api_rate))


if __name__ == "__main__":
    main()
