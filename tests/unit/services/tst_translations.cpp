#include "services/Translations.h"

#include <QCoreApplication>
#include <QFile>
#include <QTest>
#include <QXmlStreamReader>

using namespace accessdesk;
using namespace Qt::Literals::StringLiterals;

namespace {

// One <message> of a .ts file as a translator finished it.
struct TsMessage
{
    QString context;
    QString source;
    QString comment;
    QStringList forms; // one, or one per plural form
    bool numerus = false;
    bool finished = true;
};

QList<TsMessage> readTs(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<TsMessage> messages;
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage message;
    while (xml.readNextStartElement() || !xml.atEnd()) {
        if (xml.isEndElement()) {
            if (xml.name() == QLatin1String("message"))
                messages << message;
            xml.readNext();
            continue;
        }
        if (!xml.isStartElement()) {
            xml.readNext();
            continue;
        }
        const auto name = xml.name();
        if (name == QLatin1String("TS") || name == QLatin1String("context"))
            continue;
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message = TsMessage{context, {}, {}, {}, false, true};
            message.numerus =
                xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (name == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (name == QLatin1String("comment")) {
            message.comment = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            message.finished = xml.attributes().value(QLatin1String("type")).isEmpty();
            if (!message.numerus)
                message.forms << xml.readElementText();
        } else if (name == QLatin1String("numerusform")) {
            message.forms << xml.readElementText();
        } else {
            xml.skipCurrentElement();
        }
    }
    return messages;
}

QString translate(const TsMessage &m, int n = -1)
{
    return QCoreApplication::translate(
        m.context.toUtf8().constData(), m.source.toUtf8().constData(),
        m.comment.isEmpty() ? nullptr : m.comment.toUtf8().constData(), n);
}

QString tsPath(const QString &language)
{
    return QStringLiteral(ACCESSDESK_TRANSLATIONS_DIR "/accessdesk_%1.ts").arg(language);
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { translations::install(QStringLiteral("en")); }

    void embeddedLanguages()
    {
        QCOMPARE(translations::available(),
                 (QStringList{QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("fr")}));
    }

    void choice_data()
    {
        QTest::addColumn<QString>("preferred");
        QTest::addColumn<QStringList>("system");
        QTest::addColumn<QString>("chosen");
        QTest::newRow("system German") << QString() << QStringList{u"de-CH"_s, u"de"_s} << u"de"_s;
        QTest::newRow("second system language")
            << QString() << QStringList{u"pt-BR"_s, u"fr-FR"_s} << u"fr"_s;
        QTest::newRow("English first wins")
            << QString() << QStringList{u"en-US"_s, u"de-DE"_s} << u"en"_s;
        QTest::newRow("nothing known") << QString() << QStringList{u"ja-JP"_s} << u"en"_s;
        QTest::newRow("no system languages") << QString() << QStringList{} << u"en"_s;
        QTest::newRow("setting beats system") << u"fr"_s << QStringList{u"de-DE"_s} << u"fr"_s;
        QTest::newRow("setting with region") << u"de_AT"_s << QStringList{} << u"de"_s;
        QTest::newRow("English setting on a German system")
            << u"en"_s << QStringList{u"de"_s} << u"en"_s;
        QTest::newRow("unknown setting falls back to system")
            << u"xx"_s << QStringList{u"fr"_s} << u"fr"_s;
    }

    void choice()
    {
        QFETCH(QString, preferred);
        QFETCH(QStringList, system);
        QFETCH(QString, chosen);
        QCOMPARE(translations::choose(preferred, system), chosen);
    }

    void nativeNames()
    {
        QCOMPARE(translations::nativeName(QStringLiteral("de")), QStringLiteral("Deutsch"));
        QCOMPARE(translations::nativeName(QStringLiteral("fr")), QStringLiteral("Français"));
        QCOMPARE(translations::nativeName(QStringLiteral("en")), QStringLiteral("English"));
    }

    void unknownLanguageChangesNothing()
    {
        QVERIFY(translations::install(QStringLiteral("de")));
        QVERIFY(!translations::install(QStringLiteral("xx")));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"),
                 QStringLiteral("Abbrechen"));
    }

    // Every finished message of the .ts file comes out of the embedded catalogue: the build
    // compiled and embedded what translators wrote, and nothing was lost on the way.
    void everyTranslationIsEmbedded_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("de") << QStringLiteral("de");
        QTest::newRow("fr") << QStringLiteral("fr");
        QTest::newRow("en (plural forms)") << QStringLiteral("en");
    }

    void everyTranslationIsEmbedded()
    {
        QFETCH(QString, language);
        const auto messages = readTs(tsPath(language));
        QVERIFY2(!messages.isEmpty(), qPrintable(tsPath(language)));
        QVERIFY(translations::install(language));
        int checked = 0;
        for (const auto &m : messages) {
            if (!m.finished || m.forms.isEmpty() || m.forms.constFirst().isEmpty())
                continue;
            if (m.numerus) {
                // Both languages use the first form for one and the second for many.
                QCOMPARE(translate(m, 1), QString(m.forms.value(0)).replace(u"%n"_s, u"1"_s));
                QCOMPARE(translate(m, 7), QString(m.forms.value(1)).replace(u"%n"_s, u"7"_s));
            } else {
                QCOMPARE(translate(m), m.forms.constFirst());
            }
            ++checked;
        }
        QVERIFY2(checked > 0, "no finished message to check");
    }

    void qtsOwnWordsFollow()
    {
        QVERIFY(translations::install(QStringLiteral("fr")));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"),
                 QStringLiteral("Annuler"));
        QVERIFY(translations::install(QStringLiteral("en")));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
    }

    void englishPluralForms()
    {
        QVERIFY(translations::install(QStringLiteral("en")));
        const auto messages = readTs(tsPath(QStringLiteral("en")));
        QVERIFY(!messages.isEmpty());
        for (const auto &m : messages) {
            QVERIFY2(m.numerus, qPrintable(m.source));
            QVERIFY2(!translate(m, 2).contains(QLatin1String("(s)")), qPrintable(m.source));
        }
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
