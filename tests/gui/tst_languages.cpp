// The real app in German and in French, connected to trackersim: the window, its buttons and the
// cells of My access speak the language (known strings, and their English gone), and Qt's own
// words follow. Each language is installed as main() does it, before the window is built.
#include "GuiTestSupport.h"
#include "SimProcess.h"
#include "services/MyAccessController.h"
#include "services/Translations.h"
#include "ui/DesktopApp.h"
#include "ui/MainWindow.h"
#include "ui/MyAccessPage.h"

#include <QAbstractItemModel>
#include <QListWidget>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace accessdesk;

namespace {

const char passwordVariable[] = "ACCESSDESK_TEST_LANGUAGES_PASSWORD";

QStringList buttonTexts(const QWidget *window)
{
    QStringList texts;
    for (const QPushButton *button : window->findChildren<QPushButton *>()) {
        if (button->isVisibleTo(window))
            texts << button->text();
    }
    return texts;
}

QStringList cellTexts(const QAbstractItemModel *model)
{
    QStringList texts;
    for (int row = 0; row < model->rowCount(); ++row) {
        for (int column = 0; column < model->columnCount(); ++column)
            texts << model->index(row, column).data().toString();
    }
    return texts;
}

} // namespace

class TestLanguages final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(m_sim.start(), qPrintable(m_sim.errorText()));
        qputenv(passwordVariable, "alice");
    }
    void cleanup() { translations::install(QStringLiteral("en")); }

    void windowSpeaksTheLanguage_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("myAccess");
        QTest::addColumn<QStringList>("buttons");
        QTest::addColumn<QString>("neverUsed");
        QTest::addColumn<QString>("qtCancel");
        QTest::newRow("de") << QStringLiteral("de") << QStringLiteral("Mein Zugriff")
                            << QStringList{QStringLiteral("Alle widerrufen…"),
                                           QStringLiteral("Aktualisieren")}
                            << QStringLiteral("nie verwendet") << QStringLiteral("Abbrechen");
        QTest::newRow("fr") << QStringLiteral("fr") << QStringLiteral("Mes accès")
                            << QStringList{QStringLiteral("Tout révoquer…"),
                                           QStringLiteral("Actualiser")}
                            << QStringLiteral("jamais utilisé") << QStringLiteral("Annuler");
    }

    void windowSpeaksTheLanguage()
    {
        QFETCH(QString, language);
        QFETCH(QString, myAccess);
        QFETCH(QStringList, buttons);
        QFETCH(QString, neverUsed);
        QFETCH(QString, qtCancel);
        QVERIFY(translations::install(language));

        QTemporaryDir home;
        DesktopApp app(AppSession::Paths{home.filePath(QStringLiteral("profiles.ini")),
                                         home.filePath(QStringLiteral("data"))});
        ConnectionOptions options;
        options.server = m_sim.url();
        options.auth = QStringLiteral("basic");
        options.user = QStringLiteral("alice");
        options.passwordEnv = QString::fromLatin1(passwordVariable);
        app.start(options, QString());
        MyAccessController *controller = &app.myAccess();
        QVERIFY(waitUntil(controller, &MyAccessController::stateChanged, [controller] {
            return controller->state() == MyAccessController::State::Idle &&
                   !controller->grants().isEmpty();
        }));

        MainWindow &window = app.window();
        auto *navigation = window.findChild<QListWidget *>();
        QVERIFY(navigation);
        QCOMPARE(navigation->item(0)->text(), myAccess);
        const QStringList shown = buttonTexts(&window);
        for (const QString &button : buttons)
            QVERIFY2(shown.contains(button), qPrintable(shown.join(QLatin1String(" | "))));
        QVERIFY(!shown.contains(QStringLiteral("Revoke all…")));
        QVERIFY(!shown.contains(QStringLiteral("Refresh")));

        // The server's words stay as sent; AccessDesk's words about them are translated.
        auto *page = window.findChild<MyAccessPage *>();
        QVERIFY(page);
        auto *table = page->findChild<QTableView *>();
        QVERIFY(table);
        const QStringList cells = cellTexts(table->model());
        QVERIFY(cells.contains(QStringLiteral("Bamboo")));
        QVERIFY2(cells.contains(neverUsed), qPrintable(cells.join(QLatin1String(" | "))));
        QVERIFY(!cells.contains(QStringLiteral("never used")));
        // Dates in the language's own format.
        QCOMPARE(QLocale().language(), QLocale(language).language());

        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), qtCancel);
        saveScreenshot(&window, QStringLiteral("languages-%1").arg(language));
    }

private:
    SimProcess m_sim;
};

QTEST_MAIN(TestLanguages)
#include "tst_languages.moc"
