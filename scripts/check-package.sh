#!/usr/bin/env bash
# Checks what a user installs: builds the desktop app and accessdesk-cli (nothing else), installs
# them into a scratch folder, validates the .desktop file and the AppStream metainfo, makes the
# .deb with CPack, unpacks it with dpkg -x into a scratch root and runs the unpacked binaries
# there: every library found (ldd), --version and --help answer, the man pages render.
# Usage: scripts/check-package.sh [PRESET]   (default release; scripts/test.sh passes ci to reuse
# the build it has just made). The .deb is left in build/<PRESET>/package/.
set -euo pipefail
cd "$(dirname "$0")/.."

preset=${1:-release}
build=build/$preset
app_id=io.github.accessdesk.AccessDesk

fail() {
    echo "check-package: $*" >&2
    exit 1
}

cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)" --target accessdesk accessdesk-cli
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
[ -n "$version" ] || fail "no project version in $build/CMakeCache.txt"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

echo "=== install into a scratch folder"
DESTDIR="$scratch/install" cmake --install "$build" --prefix /usr >/dev/null
root=$scratch/install/usr
for file in bin/accessdesk bin/accessdesk-cli \
    "share/applications/$app_id.desktop" "share/metainfo/$app_id.metainfo.xml" \
    "share/icons/hicolor/scalable/apps/$app_id.svg" \
    share/man/man1/accessdesk.1 share/man/man1/accessdesk-cli.1 share/doc/accessdesk/copyright; do
    [ -f "$root/$file" ] || fail "cmake --install did not install $file"
done
# Only the two programs: trackersim and the tests stay in the build tree.
installed_programs=$(ls "$root/bin")
[ "$installed_programs" = $'accessdesk\naccessdesk-cli' ] ||
    fail "cmake --install installs other programs too: $installed_programs"

echo "=== validate the .desktop file and the AppStream metainfo"
desktop-file-validate "$root/share/applications/$app_id.desktop"
appstreamcli validate --no-net "$root/share/metainfo/$app_id.metainfo.xml"
# The names inside must point at what was installed, and the version at this build.
grep -qx "Exec=accessdesk" "$root/share/applications/$app_id.desktop" || fail "Exec is not accessdesk"
grep -qx "Icon=$app_id" "$root/share/applications/$app_id.desktop" || fail "Icon is not $app_id"
grep -q "<release version=\"$version\"" "$root/share/metainfo/$app_id.metainfo.xml" ||
    fail "the metainfo has no <release> for version $version"
for page in accessdesk accessdesk-cli; do
    grep -q "\"AccessDesk $version\"" "$root/share/man/man1/$page.1" ||
        fail "the man page $page.1 names another version than $version"
done

echo "=== make the .deb"
# cpack runs the install again; the binaries are built already.
(cd "$build" && cpack -G DEB -B "$PWD/package" >/dev/null)
deb=$build/package/accessdesk_${version}_amd64.deb
[ -f "$deb" ] || fail "cpack made no $deb"
depends=$(dpkg-deb --field "$deb" Depends)
echo "Depends: $depends"
for package in libqt6widgets6 libqt6network6 libqt6sql6 libqt6sql6-sqlite libqt6svg6 \
    libqt6keychain1 libssl3 libgumbo1; do
    [[ ", $depends," == *", $package "* || ", $depends," == *", $package,"* ]] ||
        fail "the .deb does not depend on $package"
done

echo "=== unpack the .deb into a scratch root and run it there"
dpkg -x "$deb" "$scratch/root"
bin=$scratch/root/usr/bin
for program in accessdesk accessdesk-cli; do
    [ -x "$bin/$program" ] || fail "the .deb has no /usr/bin/$program"
    if ldd "$bin/$program" | grep "not found"; then
        fail "$program needs a library that is not installed"
    fi
done
cli_version=$("$bin/accessdesk-cli" --version)
[ "$cli_version" = "accessdesk-cli $version" ] ||
    fail "accessdesk-cli --version says \"$cli_version\", not \"accessdesk-cli $version\""
# Read whole before grep: with pipefail, grep -q stopping early would make the writer's SIGPIPE
# look like a failure of the program.
cli_help=$("$bin/accessdesk-cli" --help) || fail "accessdesk-cli --help failed"
grep -q "tokens revoke" <<<"$cli_help" || fail "accessdesk-cli --help lists no commands"
# The app runs without a desktop on the offscreen platform; its own runtime folder keeps Qt quiet.
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$scratch/runtime
mkdir -m 0700 "$XDG_RUNTIME_DIR"
app_version=$("$bin/accessdesk" --version)
[ "$app_version" = "AccessDesk $version" ] ||
    fail "accessdesk --version says \"$app_version\", not \"AccessDesk $version\""
app_help=$("$bin/accessdesk" --help) || fail "accessdesk --help failed"
grep -q -- "--server" <<<"$app_help" || fail "accessdesk --help lists no options"
for page in accessdesk accessdesk-cli; do
    # man's own warnings (bad macros, lines that do not fit) fail the check too.
    warnings=$(MANWIDTH=80 man --warnings -l "$scratch/root/usr/share/man/man1/$page.1" 2>&1 >/dev/null)
    [ -z "$warnings" ] || fail "man $page: $warnings"
done
echo "check-package: $deb installs and runs (version $version)"
