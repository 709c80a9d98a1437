"""deploy/configure.py: the nginx and supervisord configuration it writes is valid and says what the README says."""

from __future__ import annotations

import re
import socket
import subprocess
import tomllib
from pathlib import Path

import pytest

from deploy.configure import COOKIE, UPLOAD_LIMIT_MB, Layout, upstreams_conf, write

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("replicas", [1, 3])
def test_nginx_accepts_the_written_configuration(tmp_path, replicas):
    layout = Layout(tmp_path, 18080, replicas, "127.0.0.1")
    write(layout)
    result = subprocess.run(["nginx", "-t", "-q", "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    supervisord = (tmp_path / "supervisord.conf").read_text()
    assert [f"[program:r{i}]" in supervisord for i in range(1, replicas + 1)] == [True] * replicas
    assert "--server.port 18081 " in supervisord and "autorestart=true" in supervisord
    assert "--client.showErrorDetails none" in supervisord  # no traceback for a visitor
    assert oct((tmp_path / "supervisord.conf").stat().st_mode & 0o777) == "0o600"  # it holds the cookie secret


def test_each_replica_has_the_others_as_backup_and_not_ready_is_down():
    layout = Layout(Path("/x"), 9000, 3)
    conf = upstreams_conf(layout, {"r1": True, "r2": False, "r3": True})
    r1 = re.search(r"upstream r1 \{(.*?)\}", conf, re.S)[1]
    assert "127.0.0.1:9001 max_fails=3 fail_timeout=10s;" in r1
    assert "127.0.0.1:9002 max_fails=3 fail_timeout=10s backup down;" in r1
    assert "127.0.0.1:9003 max_fails=3 fail_timeout=10s backup;" in r1
    everyone = re.search(r"upstream all \{(.*?)\}", conf, re.S)[1]
    assert "9002 max_fails=3 fail_timeout=10s down;" in everyone and "backup" not in everyone


def test_sessions_follow_a_cookie_not_the_client_address(tmp_path):
    write(Layout(tmp_path, 18080, 2))
    nginx = (tmp_path / "nginx.conf").read_text()
    assert "ip_hash" not in nginx
    assert f"map $cookie_{COOKIE} $sticky" in nginx and "proxy_pass http://$sticky;" in nginx
    api = re.search(r"location /api/v1 \{(.*?)\n        \}", nginx, re.S)[1]
    assert "proxy_pass http://all;" in api and "limit_req zone=api" in api and "proxy_cache dashboard;" in api


def test_upload_limit_matches_the_app():
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] < UPLOAD_LIMIT_MB <= config["server"]["maxUploadSize"] + 1


def test_readiness_takes_a_busy_replica_out_after_three_missed_checks_and_a_dead_one_at_once():
    from deploy.readiness import NO_ANSWER, NOT_READY, READY, next_state

    misses: dict[str, int] = {}
    seen = next_state(None, {"r1": READY, "r2": NO_ANSWER}, misses)
    assert seen == {"r1": True, "r2": False}  # never ready: not in
    for expected in (True, True, False):  # r1 too busy to answer three checks in a row
        seen = next_state(seen, {"r1": NO_ANSWER, "r2": READY}, misses)
        assert seen == {"r1": expected, "r2": True}
    assert next_state(seen, {"r1": READY, "r2": READY}, misses) == {"r1": True, "r2": True}
    # refused or 503 (killed, restarting, warming up): out at once, so it gets traffic only once warm
    assert next_state({"r1": True, "r2": True}, {"r1": NOT_READY, "r2": READY}, misses) == {"r1": False, "r2": True}


def test_readiness_tells_a_dead_port_from_a_ready_replica():
    from deploy.readiness import NOT_READY, is_ready

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert is_ready(port) == NOT_READY  # nothing listens: refused


def test_a_proxy_host_in_front_of_replicas_on_other_hosts(tmp_path):
    from deploy.configure import Layout as L

    layout = L(tmp_path, 18080, role="proxy", upstreams=("a1=10.9.0.2:8501", "10.9.0.3:8501"), host="127.0.0.1")
    assert layout.names == ["a1", "10.9.0.3:8501"]
    write(layout)
    result = subprocess.run(["nginx", "-t", "-q", "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    nginx, upstreams = (tmp_path / "nginx.conf").read_text(), (tmp_path / "upstreams.conf").read_text()
    assert '"a1" a1;' in nginx and '"10.9.0.3:8501" replica2;' in nginx  # the cookie's value -> its upstream
    assert "server 10.9.0.3:8501 max_fails=3 fail_timeout=10s backup down;" in upstreams
    download = re.search(r"location /download/ \{(.*?)\n        \}", nginx, re.S)[1]
    assert "proxy_next_upstream error timeout http_503;" in download  # a version still on its way: the next host
    supervisord = (tmp_path / "supervisord.conf").read_text()
    assert "[program:nginx]" in supervisord and "streamlit" not in supervisord


def test_a_replica_host_needs_the_shared_secret(tmp_path, monkeypatch):
    from deploy.configure import SECRET_ENV, SECRET_FILE_ENV, NoSecret

    layout = Layout(tmp_path, 8501, 2, role="replicas", listen="10.9.0.2", replica_names=("a1", "a2"))
    monkeypatch.delenv(SECRET_ENV, raising=False)
    monkeypatch.delenv(SECRET_FILE_ENV, raising=False)
    with pytest.raises(NoSecret, match="geen gedeeld geheim"):
        write(layout)
    (tmp_path / "geheim").write_text("s" * 64)
    monkeypatch.setenv(SECRET_FILE_ENV, str(tmp_path / "geheim"))
    write(layout)
    supervisord = (tmp_path / "supervisord.conf").read_text()
    assert "--server.address 10.9.0.2 --server.port 8501 " in supervisord and "--server.port 8502 " in supervisord
    assert 'DASHBOARD_REPLICA="a2"' in supervisord and "s" * 64 in supervisord
    assert "[program:nginx]" not in supervisord and not (tmp_path / "nginx.conf").exists()
