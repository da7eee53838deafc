#pragma once

#include <QString>
#include <QStringList>

namespace accessdesk {

// Which language AccessDesk speaks, and making it speak it. The app and the CLI share this: the
// user's choice (Preferences::language(), empty = follow the system) wins, else the first of the
// system's UI languages that AccessDesk has a translation for, else English. The translations are
// compiled into the services library (translations/accessdesk_<lang>.ts, qt_add_translations);
// English has one too, for its plural forms ("1 grant", "2 grants" rather than "%n grant(s)").
namespace translations {

// The languages with an embedded translation, English first ("en", "de", "fr").
QStringList available();

// The language to speak for this preference and these system UI languages (QLocale's
// uiLanguages(), e.g. {"de-CH", "de"}). A preference with no translation falls back to the system.
QString choose(const QString &preferred, const QStringList &systemLanguages);

// The language's own name for itself ("Deutsch"), for choosers.
QString nativeName(const QString &language);

// Installs AccessDesk's translation for language and, where this system has them (Debian:
// qt6-translations-l10n), Qt's own (qtbase: standard buttons, --help), and makes QLocale()
// format dates and numbers for that language. Replaces what an earlier
// call installed. Call after the QCoreApplication exists. False when AccessDesk has no
// translation for language (nothing is then changed).
bool install(const QString &language);

// choose() with the system's languages, then install(); returns the language installed.
QString installFor(const QString &preferred);
// installFor() with the language chosen in the user's settings file (Preferences), the file the
// app and the CLI share.
QString installForUser();

} // namespace translations
} // namespace accessdesk
