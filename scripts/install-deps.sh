#!/usr/bin/env bash
# Installs the Debian 12 packages that building, testing and the demo need, if any are missing.
# Safe to run again: it asks apt only for what is not installed yet.
set -euo pipefail

packages=(
    # build
    cmake ninja-build g++ clang libclang-rt-14-dev clang-format pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev qt6-tools-dev
    qt6-tools-dev-tools qt6-l10n-tools qtkeychain-qt6-dev libqt6sql6-sqlite libssl-dev libgumbo-dev
    # run: Qt's own words (standard buttons, --help) in German and French
    qt6-translations-l10n
    # run: the SVG icon engine (the app icon and the action icons are SVG)
    libqt6svg6
    # tests: keyring on D-Bus, screenshots without a display, independent Python clients
    dbus dbus-x11 gnome-keyring xvfb xauth imagemagick openssl curl
    python3 python3-requests python3-jira python3-requests-oauthlib python3-oauthlib
    python3-cryptography python3-jwt
    # tests: the fault matrix locks the keyring over D-Bus (gdbus) and makes a file immutable (chattr);
    # tst_keychainfaults unlocks its keyring through gnome-keyring's D-Bus interface (Python's Gio)
    libglib2.0-bin e2fsprogs python3-gi gir1.2-glib-2.0
    # packaging: the .deb (dpkg-shlibdeps), and checks of the .desktop file, metainfo, man pages
    dpkg-dev desktop-file-utils appstream man-db
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages are installed"
    exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
