#!/usr/bin/env bash
# Installs what is missing, builds, starts trackersim with the demo data on 127.0.0.1:8080
# (override with ACCESSDESK_DEMO_PORT) and opens AccessDesk on it, signed in as alice (or as
# ACCESSDESK_DEMO_USER: admin sees the Administration page). Closing the
# app (or Ctrl+C) stops trackersim. Without a desktop (no DISPLAY or WAYLAND_DISPLAY) only
# trackersim runs, until Ctrl+C. The data lives in build/demo/trackersim.db and survives restarts;
# delete that file for a fresh demo world.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release >/dev/null
# Only what the demo runs: the app, the CLI and trackersim (not the test suites), so the window
# opens sooner than a full build would take.
cmake --build --preset release -j "$(nproc)" --target accessdesk accessdesk-cli trackersim

port=${ACCESSDESK_DEMO_PORT:-8080}
user=${ACCESSDESK_DEMO_USER:-alice}
bin=build/release
mkdir -p build/demo
cat <<TXT

AccessDesk demo: a Jira-compatible server (trackersim) with demo data.
  Users (password = user name): admin (system administrator), alice, bob
  See what can act as alice, from another terminal:
       export PW=alice
       $bin/app/cli/accessdesk-cli --server http://127.0.0.1:$port --user alice --password-env PW tokens list
       $bin/app/cli/accessdesk-cli --server http://127.0.0.1:$port --user alice --password-env PW probe
  In a browser: http://127.0.0.1:$port/plugins/servlet/oauth/users/access-tokens (log in as alice)
  Administration (application links, consumers, OAuth 2.0 clients, everyone's tokens):
       ACCESSDESK_DEMO_USER=admin scripts/demo.sh    (or Add server… in the app, as admin)
       export APW=admin
       $bin/app/cli/accessdesk-cli --server http://127.0.0.1:$port --user admin --password-env APW links status

TXT
sim_args=(--port "$port" --seed demo --data build/demo/trackersim.db)
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "No desktop here (DISPLAY and WAYLAND_DISPLAY are not set), so the app is not opened;"
    echo "trackersim keeps running until Ctrl+C. On a desktop, scripts/demo.sh opens the app too."
    echo
    exec "$bin/tests/trackersim/trackersim" "${sim_args[@]}"
fi

# trackersim says "trackersim listening on URL" once it accepts connections: the app starts then.
sim_out=$(mktemp -u)
mkfifo "$sim_out"
"$bin/tests/trackersim/trackersim" "${sim_args[@]}" >"$sim_out" &
sim=$!
exec 3<"$sim_out"
rm -f "$sim_out"
app=
stop() {
    trap - EXIT INT TERM
    set +e
    if [ -n "$app" ]; then
        kill "$app" 2>/dev/null
        wait "$app" 2>/dev/null
    fi
    kill "$sim" 2>/dev/null
    wait "$sim" 2>/dev/null
    echo "Demo stopped."
}
trap stop EXIT
trap 'exit 130' INT TERM

url=
while IFS= read -r line <&3; do
    echo "$line"
    if [[ $line == "trackersim listening on "* ]]; then
        url=${line#trackersim listening on }
        break
    fi
done
if [ -z "$url" ]; then
    echo "trackersim did not start (is port $port taken? set ACCESSDESK_DEMO_PORT)." >&2
    exit 1
fi
cat <&3 & # whatever trackersim says later still reaches the terminal

echo "Opening AccessDesk on $url as $user. Close the window (or press Ctrl+C) to stop the demo."
export ACCESSDESK_DEMO_PASSWORD=$user # the demo's passwords equal the user names
"$bin/app/accessdesk" --server "$url" --auth basic --user "$user" \
    --password-env ACCESSDESK_DEMO_PASSWORD &
app=$!
wait "$app" || true
app=
