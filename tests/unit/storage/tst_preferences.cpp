#include "storage/Preferences.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace accessdesk;

// Preferences live in the real INI file beside the profiles; a second QSettings on the same file
// proves they were written, not only cached.
class TestPreferences : public QObject
{
    Q_OBJECT

private slots:
    void defaultsWhenNothingStored()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("profiles.ini")), QSettings::IniFormat);
        const Preferences prefs(settings);
        QCOMPARE(prefs.language(), QString());
        QCOMPARE(prefs.expiryWarningDays(), Preferences::defaultExpiryWarningDays);
    }

    void storedValuesReachTheFile()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("profiles.ini"));
        {
            QSettings settings(file, QSettings::IniFormat);
            Preferences prefs(settings);
            prefs.setLanguage(QStringLiteral(" de "));
            prefs.setExpiryWarningDays(12);
        }
        QSettings reread(file, QSettings::IniFormat);
        const Preferences prefs(reread);
        QCOMPARE(prefs.language(), QStringLiteral("de"));
        QCOMPARE(prefs.expiryWarningDays(), 12);
    }

    void emptyLanguageFollowsTheSystemAgain()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("profiles.ini")), QSettings::IniFormat);
        Preferences prefs(settings);
        prefs.setLanguage(QStringLiteral("fr"));
        prefs.setLanguage(QString());
        QCOMPARE(prefs.language(), QString());
        QVERIFY(!settings.contains(QStringLiteral("preferences/language")));
    }

    void warningWindowIsKeptInRange()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("profiles.ini")), QSettings::IniFormat);
        Preferences prefs(settings);
        prefs.setExpiryWarningDays(0);
        QCOMPARE(prefs.expiryWarningDays(), 1);
        prefs.setExpiryWarningDays(1000);
        QCOMPARE(prefs.expiryWarningDays(), Preferences::maxExpiryWarningDays);
        // A hand-edited file with nonsense falls back to the default instead of failing.
        settings.setValue(QStringLiteral("preferences/expiryWarningDays"), QStringLiteral("soon"));
        QCOMPARE(prefs.expiryWarningDays(), Preferences::defaultExpiryWarningDays);
    }
};

QTEST_GUILESS_MAIN(TestPreferences)
#include "tst_preferences.moc"
