#include "services/Translations.h"

#include "storage/Preferences.h"
#include "storage/PrivateFiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>
#include <QTranslator>

namespace accessdesk::translations {

namespace {

const QString resourceFolder = QStringLiteral(":/i18n");

QString resourceFile(const QString &language)
{
    return QStringLiteral("%1/accessdesk_%2.qm").arg(resourceFolder, language);
}

// "de-CH" and "de_CH" both mean "de" here: AccessDesk has one German.
QString baseLanguage(const QString &name)
{
    return name.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('_'), 0, 0).toLower();
}

// The translators installed last time, so a second install() replaces them.
QPointer<QTranslator> &ownTranslator()
{
    static QPointer<QTranslator> translator;
    return translator;
}

QPointer<QTranslator> &qtTranslator()
{
    static QPointer<QTranslator> translator;
    return translator;
}

void replace(QPointer<QTranslator> &slot, QTranslator *with)
{
    if (slot) {
        QCoreApplication::removeTranslator(slot);
        delete slot.data();
    }
    slot = with;
    if (with)
        QCoreApplication::installTranslator(with);
}

} // namespace

QStringList available()
{
    QStringList languages;
    QDirIterator files(resourceFolder, {QStringLiteral("accessdesk_*.qm")}, QDir::Files);
    while (files.hasNext()) {
        const QString name = files.nextFileInfo().completeBaseName();
        languages << name.mid(name.indexOf(QLatin1Char('_')) + 1);
    }
    languages.sort();
    // English is the source language: first in every chooser.
    if (languages.removeAll(QStringLiteral("en")) > 0)
        languages.prepend(QStringLiteral("en"));
    return languages;
}

QString choose(const QString &preferred, const QStringList &systemLanguages)
{
    const QStringList known = available();
    if (!preferred.isEmpty()) {
        if (known.contains(preferred))
            return preferred;
        if (known.contains(baseLanguage(preferred)))
            return baseLanguage(preferred);
    }
    for (const QString &system : systemLanguages) {
        const QString language = baseLanguage(system);
        if (known.contains(language))
            return language;
        // The C/POSIX locale reports "C": stop at the first language the user asked for rather
        // than picking a later, less wanted one.
        if (language == QLatin1String("en"))
            break;
    }
    return QStringLiteral("en");
}

QString nativeName(const QString &language)
{
    const QLocale locale(language);
    if (locale.language() == QLocale::C || baseLanguage(locale.name()) != baseLanguage(language))
        return language;
    // English's native name is "American English" for QLocale("en"): too specific for one English.
    if (locale.language() == QLocale::English)
        return QLocale::languageToString(QLocale::English);
    QString name = locale.nativeLanguageName();
    if (!name.isEmpty())
        name[0] = name[0].toUpper(); // "français" reads as "Français" in a list of choices
    return name;
}

bool install(const QString &language)
{
    auto *app = QCoreApplication::instance();
    if (!app)
        return false;
    auto *own = new QTranslator(app);
    if (!own->load(resourceFile(language))) {
        delete own;
        return false;
    }
    replace(ownTranslator(), own);

    // Dates and numbers in the same language: the system's own format when it speaks it (keeping
    // its region, e.g. de-CH), else the language's. English keeps the system's format.
    const QLocale system = QLocale::system();
    const bool systemSpeaksIt =
        language == QLatin1String("en") || baseLanguage(system.name()) == baseLanguage(language);
    QLocale::setDefault(systemSpeaksIt ? system : QLocale(language));

    // Qt's own words (OK, Cancel, --help's "Displays help on commandline options.") in the same
    // language. English needs none, and a system without Qt's catalogues simply keeps English.
    QTranslator *qt = nullptr;
    if (language != QLatin1String("en")) {
        qt = new QTranslator(app);
        if (!qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
                      QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            delete qt;
            qt = nullptr;
        }
    }
    replace(qtTranslator(), qt);
    return true;
}

QString installFor(const QString &preferred)
{
    const QString language = choose(preferred, QLocale::system().uiLanguages());
    if (!install(language))
        install(QStringLiteral("en"));
    return language;
}

QString installForUser()
{
    // Only read, and nothing created: `--help` on a fresh account leaves no files behind.
    QSettings settings(privatefiles::settingsFilePath(
                           QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)),
                       QSettings::IniFormat);
    return installFor(Preferences(settings).language());
}

} // namespace accessdesk::translations
