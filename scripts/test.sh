#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs every test (all CTest labels
# but bench), first normally and then under AddressSanitizer + UndefinedBehaviorSanitizer.
# Tests that need a keychain get a private D-Bus session with an unlocked gnome-keyring.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/check-format.sh
scripts/check-layers.sh
scripts/check-translations.sh

jobs=$(nproc)
# Runs ctest with the preset and any further arguments (e.g. a label filter).
run_tests() {
    local preset=$1
    shift
    # A fresh keyring (and app data) in a throwaway folder, unlocked with a throwaway password:
    # it lives only as long as this D-Bus session and never touches the user's own keyring.
    local scratch
    scratch=$(mktemp -d)
    XDG_DATA_HOME="$scratch" dbus-run-session -- sh -c '
        echo -n accessdesk-tests | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
        exec ctest --preset "$@" --timeout 600
    ' sh "$preset" -j "$jobs" "$@"
    rm -rf "$scratch"
}
run_suite() {
    local preset=$1
    echo "=== build ($preset)"
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset" -j "$jobs"
    echo "=== test ($preset)"
    run_tests "$preset"
}

export QT_QPA_PLATFORM=offscreen
run_suite ci
# Many Jira sites live below a path (https://host/jira). Every test that talks to trackersim runs
# once more with all trackersims under /jira (the variable is trackersim's --context-path default).
echo "=== test (ci, trackersim under the context path /jira)"
started=$SECONDS
# The fault matrices and the secret search are left out of this pass: what they check (answers
# to broken replies, bytes on disk) does not depend on where Jira lives, and they are the
# longest tests; every route they use is exercised below /jira by the others.
TRACKERSIM_CONTEXT_PATH=/jira run_tests ci -L 'integration|gui|conformance' \
    -E 'fault_matrix|faultmatrix|keychainfaults|secret_hygiene'
echo "=== the /jira pass took $((SECONDS - started)) s"
# What a user installs: cmake --install, the .desktop file and metainfo validated, the .deb made,
# unpacked and run. It packages the ci build made above, so it builds nothing more.
echo "=== package (ci build)"
started=$SECONDS
scripts/check-package.sh ci
echo "=== the package check took $((SECONDS - started)) s"
if [ "${ACCESSDESK_SKIP_ASAN:-0}" != "1" ]; then
    # Fast (frame-pointer) unwinding: the DWARF unwinder (fast_unwind_on_malloc=0) made the ASan
    # tests about 18 times slower; tests/sanitizers/lsan.supp says what that means for it.
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
    export LSAN_OPTIONS=suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    run_suite asan
fi
