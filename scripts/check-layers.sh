#!/usr/bin/env bash
# Fails when a file includes across the layers the wrong way (ARCHITECTURE.md, "Dependency
# direction"): widgets in ui/ render and forward intent, so they never build a request, read a
# secret or sign anything themselves (no api/, auth/ or secrets/ header); app/ and models/ never
# include a widget. The CMake targets catch most of this at link time; includes slip through.
set -euo pipefail
cd "$(dirname "$0")/.."

failed=0
report() {
    echo "check-layers: $1" >&2
    echo "$2" | sed 's/^/  /' >&2
    failed=1
}

if hits=$(git grep -nE '#include "(api|auth|secrets)/' -- 'ui/*.h' 'ui/*.cpp'); then
    report "ui/ includes the REST, sign-in or keychain layer; go through app/services:" "$hits"
fi
if hits=$(git grep -nE '#include <(QtWidgets/|QWidget|QDialog|QMessageBox|QApplication|QClipboard)' \
        -- 'app/*.h' 'app/*.cpp' 'models/*.h' 'models/*.cpp' ':!app/main.cpp'); then
    report "app/ or models/ includes widgets:" "$hits"
fi
if hits=$(git grep -nE '#include "(api|auth|secrets|storage|services|cli|ui)/' -- 'models/*.h' 'models/*.cpp'); then
    report "models/ includes a layer above it:" "$hits"
fi
[ $failed -eq 0 ] && echo "check-layers: ui/, app/ and models/ include only what their layer may"
exit $failed
