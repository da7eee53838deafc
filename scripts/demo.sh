#!/usr/bin/env bash
# Installs what is missing, builds, and starts trackersim with the demo data on 127.0.0.1:8080
# (override with ACCESSDESK_DEMO_PORT). The data lives in build/demo/trackersim.db and survives
# restarts; delete that file for a fresh demo world. Stop with Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"

port=${ACCESSDESK_DEMO_PORT:-8080}
mkdir -p build/demo
cat <<TXT

AccessDesk demo: a Jira-compatible server (trackersim) with demo data.
  Users (password = user name): admin (system administrator), alice, bob
  See what can act as alice, from another terminal:
       export PW=alice
       build/release/app/cli/accessdesk-cli --server http://127.0.0.1:$port --user alice --password-env PW tokens list
       build/release/app/cli/accessdesk-cli --server http://127.0.0.1:$port --user alice --password-env PW probe
  In a browser: http://127.0.0.1:$port/plugins/servlet/oauth/users/access-tokens (log in as alice)

TXT
exec build/release/tests/trackersim/trackersim --port "$port" --seed demo --data build/demo/trackersim.db
