#!/usr/bin/env bash
# Installs everything the tests need (Python packages, Debian's chromium, nginx, supervisor) and runs every tier.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
# Debian's chromium (browser tier), nginx and supervisor (deployment tier, tests/deploy).
if [ ! -x /usr/bin/chromium ] || ! command -v nginx >/dev/null || ! command -v supervisord >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium nginx supervisor
fi
python3 -m ruff check .
python3 -m ruff format --check .
python3 -m pytest tests "$@"
