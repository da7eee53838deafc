#!/usr/bin/env bash
# Every user-visible string has a German and a French translation, nothing translated has
# vanished from the sources, and English has the plural forms of every "%n" string (CI runs this).
#
#   scripts/check-translations.sh           check (the sources against translations/*.ts)
#   scripts/check-translations.sh --update  bring translations/*.ts up to date with the sources;
#                                           new strings arrive unfinished, for translators
#
# The same lupdate options as the build's update_translations target (app/services/CMakeLists.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

lupdate=/usr/lib/qt6/bin/lupdate
[ -x "$lupdate" ] || lupdate=$(command -v lupdate6 || command -v lupdate)

update() { # <ts file> <language> [extra lupdate options]
    local ts=$1 language=$2
    shift 2
    # lupdate says which classes lack Q_OBJECT; Q_DECLARE_TR_FUNCTIONS covers those, so quiet.
    "$lupdate" -silent -locations none -source-language en -target-language "$language" "$@" \
        app ui models -ts "$ts" 2> >(grep -v "lacks Q_OBJECT macro" >&2)
}

if [ "${1:-}" = "--update" ]; then
    update translations/accessdesk_de.ts de -no-obsolete
    update translations/accessdesk_fr.ts fr -no-obsolete
    update translations/accessdesk_en.ts en_US -no-obsolete -pluralonly
    exit 0
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp translations/accessdesk_de.ts translations/accessdesk_fr.ts translations/accessdesk_en.ts "$scratch/"
# Without -no-obsolete: a translated string whose source is gone is marked vanished and reported.
update "$scratch/accessdesk_de.ts" de
update "$scratch/accessdesk_fr.ts" fr
update "$scratch/accessdesk_en.ts" en_US -pluralonly
python3 scripts/check-translations.py "$scratch"/accessdesk_de.ts "$scratch"/accessdesk_fr.ts \
    "$scratch"/accessdesk_en.ts
