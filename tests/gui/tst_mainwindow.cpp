// The main window as DesktopApp builds it, against a real trackersim: the menus and their
// shortcuts (pressed as keys on the window), the keyboard shortcuts overview built from the
// actions, the title naming page and server, the About box, the Preferences round trip, the view
// state (geometry, splitter, column widths, sort order) kept across a refresh and restored by a
// second app on the same settings file, relative dates with the exact time in the tooltip, and
// confirmation wording that fits the kind of grant.
#include "GuiTestSupport.h"
#include "SimProcess.h"

#include "AccessGrantModel.h"
#include "services/AppSession.h"
#include "services/MyAccessController.h"
#include "services/RelativeTime.h"
#include "storage/Preferences.h"
#include "ui/AdministrationPage.h"
#include "ui/ConfirmationDialog.h"
#include "ui/DateCellDelegate.h"
#include "ui/DesktopApp.h"
#include "ui/MainWindow.h"
#include "ui/MyAccessPage.h"
#include "ui/PreferencesDialog.h"
#include "ui/ShortcutsDialog.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <cmath>
#include <memory>

using namespace accessdesk;

namespace {

constexpr char kPasswordEnv[] = "ACCESSDESK_TEST_MAINWINDOW_PASSWORD";

QStringList applications(const MyAccessController &controller)
{
    QStringList names;
    for (const AccessGrant &grant : controller.grants())
        names << grant.application;
    return names;
}

// My access's grant table and the window's navigation, found by object name as a user's tool
// finds them.
QTableView *grantTable(MainWindow &window)
{
    return child<QTableView>(window.myAccessPage(), QStringLiteral("grantTable"));
}

QListWidget *navigationOf(MainWindow &window)
{
    return child<QListWidget>(&window, QStringLiteral("navigation"));
}

} // namespace

class TestMainWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void menusHaveTheStandardPlaces();
    void shortcutsWorkAsKeysOnTheWindow();
    void shortcutsOverviewListsEveryShortcut();
    void titleNamesPageAndServer();
    void aboutNamesVersionsAndLicence();
    void preferencesRoundTrip();
    void viewStateStaysAcrossRefreshAndRestart();
    void administrationPageIsMadeWhenFirstShown();
    void datesAreRelativeWithTheExactTimeInTheTooltip();
    void confirmationFitsTheKindOfGrant();

private:
    // A DesktopApp as the README's demo command opens it: alice on the sim, by --server options.
    std::unique_ptr<DesktopApp> startApp(const QString &dir);
    bool waitForList(DesktopApp &app);
    bool selectApplications(DesktopApp &app, const QStringList &names);

    SimProcess m_sim;
    QTemporaryDir m_home;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY2(m_sim.start(), qPrintable(m_sim.errorText()));
    qputenv(kPasswordEnv, "alice");
}

std::unique_ptr<DesktopApp> TestMainWindow::startApp(const QString &dir)
{
    ConnectionOptions options;
    options.server = m_sim.url();
    options.auth = QStringLiteral("basic");
    options.user = QStringLiteral("alice");
    options.passwordEnv = QString::fromLatin1(kPasswordEnv);
    auto app = std::make_unique<DesktopApp>(AppSession::Paths{
        m_home.filePath(dir + QStringLiteral("/profiles.ini")), m_home.filePath(dir)});
    app->start(options, QString());
    QApplication::setActiveWindow(&app->window());
    return app;
}

bool TestMainWindow::waitForList(DesktopApp &app)
{
    MyAccessController &controller = app.myAccess();
    return waitUntil(&controller, &MyAccessController::stateChanged, [&controller] {
        return controller.lastRefresh().isValid() &&
               controller.state() == MyAccessController::State::Idle &&
               controller.grants().size() >= 5;
    });
}

bool TestMainWindow::selectApplications(DesktopApp &app, const QStringList &names)
{
    QTableView *table = grantTable(app.window());
    table->clearSelection();
    for (const QString &name : names) {
        const int row = rowOf(table->model(), AccessGrantModel::Application, name);
        if (row < 0)
            return false;
        table->selectionModel()->select(table->model()->index(row, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    return app.window().myAccessPage()->selectedGrants().size() == names.size();
}

void TestMainWindow::menusHaveTheStandardPlaces()
{
    auto app = startApp(QStringLiteral("menus"));
    MainWindow &window = app->window();
    QStringList titles;
    for (QAction *menu : window.menuBar()->actions())
        titles << menu->text();
    QCOMPARE(titles, (QStringList{QStringLiteral("&File"), QStringLiteral("&Edit"),
                                  QStringLiteral("&View"), QStringLiteral("&Help")}));
    const auto inMenu = [&window](const char *menu) {
        QStringList names;
        for (QAction *action : window.findChild<QMenu *>(QLatin1String(menu))->actions())
            if (!action->isSeparator())
                names << action->objectName();
        return names;
    };
    QCOMPARE(inMenu("fileMenu"),
             (QStringList{QStringLiteral("actionAddServer"), QStringLiteral("actionExport"),
                          QStringLiteral("actionQuit")}));
    QCOMPARE(inMenu("editMenu"),
             (QStringList{QStringLiteral("actionFind"), QStringLiteral("actionPreferences")}));
    QCOMPARE(inMenu("viewMenu"),
             (QStringList{
                 QStringLiteral("actionRefresh"), QStringLiteral("actionPageMyAccess"),
                 QStringLiteral("actionPageAdministration"), QStringLiteral("actionPageActivity"),
                 QStringLiteral("actionPageConnection"), QStringLiteral("actionSwitchServer")}));
    QCOMPARE(inMenu("helpMenu"),
             (QStringList{QStringLiteral("actionShortcuts"), QStringLiteral("actionAbout"),
                          QStringLiteral("actionAboutQt")}));
    // Icons: the theme's or the bundled SVGs; the window has the application's.
    QVERIFY(!window.windowIcon().isNull());
    for (const char *name : {"actionRefresh", "actionFind", "actionAddServer", "actionExport"})
        QVERIFY2(!window.findChild<QAction *>(QLatin1String(name))->icon().isNull(), name);
    QListWidget *navigation = navigationOf(window);
    for (int row = 0; row < navigation->count(); ++row)
        QVERIFY(!navigation->item(row)->icon().isNull());

    // Add server… opens the Connection page's dialog, as the toolbar button does.
    QSignalSpy addServer(&window, &MainWindow::addServerRequested);
    window.findChild<QAction *>(QStringLiteral("actionAddServer"))->trigger();
    QCOMPARE(addServer.count(), 1);
    QCOMPARE(window.currentPage(), MainWindow::Connection);
    for (QDialog *dialog : window.findChildren<QDialog *>())
        dialog->reject();
}

void TestMainWindow::shortcutsWorkAsKeysOnTheWindow()
{
    auto app = startApp(QStringLiteral("keys"));
    QVERIFY(waitForList(*app));
    MainWindow &window = app->window();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    MyAccessPage *page = window.myAccessPage();

    // Pages: Ctrl+3 Activity, Ctrl+4 Connection, Ctrl+1 back to My access.
    QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), MainWindow::Activity);
    QVERIFY(window.findChild<QAction *>(QStringLiteral("actionPageActivity"))->isChecked());
    QTest::keyClick(&window, Qt::Key_4, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), MainWindow::Connection);
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), MainWindow::MyAccess);

    // F5 asks the server again.
    const QDateTime before = app->myAccess().lastRefresh();
    QSignalSpy states(&app->myAccess(), &MyAccessController::stateChanged);
    QTest::qWait(20); // the refresh time has a resolution of milliseconds
    QTest::keyClick(&window, Qt::Key_F5);
    QVERIFY(waitUntil(&app->myAccess(), &MyAccessController::stateChanged, [&app, before] {
        return app->myAccess().lastRefresh() > before &&
               app->myAccess().state() == MyAccessController::State::Idle;
    }));

    // Ctrl+F from the table and from the navigation puts the cursor in the filter.
    QTableView *table = grantTable(window);
    auto *filter = child<QLineEdit>(page, QStringLiteral("grantFilter"));
    QListWidget *navigation = navigationOf(window);
    table->setFocus();
    QTest::keyClick(table, Qt::Key_F, Qt::ControlModifier);
    QVERIFY(filter->hasFocus());
    navigation->setFocus();
    QVERIFY(!filter->hasFocus());
    QTest::keyClick(navigation, Qt::Key_F, Qt::ControlModifier);
    QVERIFY(filter->hasFocus());

    // Ctrl+Shift+S opens the server switcher.
    auto *servers = child<QComboBox>(&window, QStringLiteral("serverSwitch"));
    QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(servers->view()->isVisible());
    QCOMPARE(window.focusWidget(), servers);
    servers->hidePopup();

    // F1 shows the overview.
    QTest::keyClick(&window, Qt::Key_F1);
    auto *overview = window.findChild<ShortcutsDialog *>();
    QVERIFY(overview);
    QVERIFY(overview->isVisible());
    overview->reject();

    // Delete on the table still revokes (after a confirmation, cancelled here).
    QVERIFY(selectApplications(*app, {QStringLiteral("Bamboo")}));
    table->setFocus();
    ConfirmationDialog::setNextAnswer(ConfirmationDialog::Answer::Cancel);
    QTest::keyClick(table, Qt::Key_Delete);
    auto *question = page->findChild<ConfirmationDialog *>();
    QVERIFY(question);
    QCOMPARE(answerOf(question), std::optional<bool>(false));
    QCOMPARE(app->myAccess().grants().size(), 5);
}

void TestMainWindow::shortcutsOverviewListsEveryShortcut()
{
    auto app = startApp(QStringLiteral("overview"));
    MainWindow &window = app->window();
    window.findChild<QAction *>(QStringLiteral("actionShortcuts"))->trigger();
    auto *dialog = window.findChild<ShortcutsDialog *>();
    QVERIFY(dialog);
    auto *table = child<QTableWidget>(dialog, QStringLiteral("shortcuts"));
    QStringList rows;
    for (int row = 0; row < table->rowCount(); ++row)
        rows << table->item(row, 0)->text() + QStringLiteral(" = ") + table->item(row, 1)->text();
    for (const char *expected :
         {"Refresh = F5", "Find = Ctrl+F", "Revoke… = Del", "My access = Ctrl+1",
          "Activity = Ctrl+3", "Connection = Ctrl+4", "Switch server… = Ctrl+Shift+S",
          "Quit = Ctrl+Q", "Keyboard shortcuts = F1, Ctrl+?", "Export… = Ctrl+E",
          "Preferences… = Ctrl+,"})
        QVERIFY2(rows.contains(QString::fromUtf8(expected)),
                 qPrintable(QStringLiteral("%1 missing in:\n%2")
                                .arg(QString::fromUtf8(expected), rows.join(QLatin1Char('\n')))));
    // Nothing with a shortcut is left out: the list is made from the actions themselves.
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->shortcut().isEmpty() || !action->isVisible())
            continue;
        const QString key = action->shortcut().toString(QKeySequence::NativeText);
        QVERIFY2(std::any_of(rows.cbegin(), rows.cend(),
                             [&key](const QString &row) { return row.contains(key); }),
                 qPrintable(action->text()));
    }
    dialog->reject();
}

void TestMainWindow::titleNamesPageAndServer()
{
    auto app = startApp(QStringLiteral("title"));
    QVERIFY(waitForList(*app));
    MainWindow &window = app->window();
    const QString server = app->session().who().serverUrl;
    QVERIFY(!server.isEmpty());
    QCOMPARE(window.windowTitle(), QStringLiteral("My access — %1 — AccessDesk").arg(server));
    window.showPage(MainWindow::Activity);
    QCOMPARE(window.windowTitle(), QStringLiteral("Activity — %1 — AccessDesk").arg(server));

    // The pages fit an 800×600 window; the navigation keeps its names whole beside My access.
    window.resize(800, 600);
    for (const auto page : {MainWindow::MyAccess, MainWindow::Activity, MainWindow::Connection,
                            MainWindow::Administration}) {
        window.showPage(page);
        QCoreApplication::sendPostedEvents();
        QVERIFY2(window.minimumSizeHint().width() <= 800,
                 qPrintable(QStringLiteral("page %1 needs %2 pixels")
                                .arg(int(page))
                                .arg(window.minimumSizeHint().width())));
        QCOMPARE(window.size(), QSize(800, 600));
    }
    window.showPage(MainWindow::MyAccess);
    QCoreApplication::sendPostedEvents();
    QListWidget *navigation = navigationOf(window);
    QCOMPARE(navigation->width(), navigation->maximumWidth());
}

void TestMainWindow::aboutNamesVersionsAndLicence()
{
    auto app = startApp(QStringLiteral("about"));
    MainWindow &window = app->window();
    window.findChild<QAction *>(QStringLiteral("actionAbout"))->trigger();
    auto *box = window.findChild<QMessageBox *>(QStringLiteral("aboutBox"));
    QVERIFY(box);
    const QString text = box->text();
    QVERIFY2(text.contains(QStringLiteral("AccessDesk " ACCESSDESK_VERSION)), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Qt version: %1").arg(QLatin1String(qVersion()))),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Licence: ")), qPrintable(text));
    QCOMPARE(box->textFormat(), Qt::PlainText);
    box->close();
}

void TestMainWindow::preferencesRoundTrip()
{
    auto app = startApp(QStringLiteral("preferences"));
    MainWindow &window = app->window();
    QAction *open = window.findChild<QAction *>(QStringLiteral("actionPreferences"));
    open->trigger();
    auto *dialog = window.findChild<PreferencesDialog *>();
    QVERIFY(dialog);
    auto *language = dialog->findChild<QComboBox *>(QStringLiteral("language"));
    auto *days = dialog->findChild<QSpinBox *>(QStringLiteral("expiryWarningDays"));
    QVERIFY(language && days);
    QCOMPARE(language->currentText(), QStringLiteral("System default"));
    QCOMPARE(days->value(), Preferences::defaultExpiryWarningDays);
    // Every control is named and has a label that leads to it.
    for (QWidget *control : {static_cast<QWidget *>(language), static_cast<QWidget *>(days)}) {
        QVERIFY(!control->accessibleName().isEmpty());
        const auto labels = dialog->findChildren<QLabel *>();
        QVERIFY(std::any_of(labels.cbegin(), labels.cend(),
                            [control](QLabel *label) { return label->buddy() == control; }));
    }
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("languageNote"))
                ->text()
                .contains(QStringLiteral("after a restart")));

    language->setCurrentIndex(language->findText(QStringLiteral("Français")));
    days->setValue(12);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("ok")), Qt::LeftButton);
    QTRY_VERIFY(!window.findChild<PreferencesDialog *>());

    // In the settings file, as another program (the CLI, the next start) reads it.
    QSettings file(m_home.filePath(QStringLiteral("preferences/profiles.ini")),
                   QSettings::IniFormat);
    const Preferences stored(file);
    QCOMPARE(stored.language(), QStringLiteral("fr"));
    QCOMPARE(stored.expiryWarningDays(), 12);

    // Reopened, it shows what was saved; Cancel keeps it.
    open->trigger();
    dialog = window.findChild<PreferencesDialog *>();
    QVERIFY(dialog);
    language = dialog->findChild<QComboBox *>(QStringLiteral("language"));
    days = dialog->findChild<QSpinBox *>(QStringLiteral("expiryWarningDays"));
    QCOMPARE(language->currentText(), QStringLiteral("Français"));
    QCOMPARE(days->value(), 12);
    language->setCurrentIndex(0);
    days->setValue(3);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("cancel")), Qt::LeftButton);
    QTRY_VERIFY(!window.findChild<PreferencesDialog *>());
    file.sync();
    QCOMPARE(Preferences(file).language(), QStringLiteral("fr"));
    QCOMPARE(Preferences(file).expiryWarningDays(), 12);
}

void TestMainWindow::viewStateStaysAcrossRefreshAndRestart()
{
    const int appColumn = AccessGrantModel::Application;
    const int expiresColumn = AccessGrantModel::Expires;
    QList<int> splitterSizes;
    {
        auto app = startApp(QStringLiteral("viewstate"));
        QVERIFY(waitForList(*app));
        MainWindow &window = app->window();
        window.resize(1000, 700);
        QTableView *table = grantTable(window);
        table->setColumnWidth(appColumn, 333);
        table->sortByColumn(expiresColumn, Qt::DescendingOrder);
        auto *splitter = window.myAccessPage()->findChild<QSplitter *>();
        QVERIFY(splitter);
        splitter->setSizes({200, 150});

        // A refresh fetches the list again; the widths the user chose stay.
        const QDateTime before = app->myAccess().lastRefresh();
        QTest::qWait(20);
        app->myAccess().refresh();
        QVERIFY(waitUntil(&app->myAccess(), &MyAccessController::grantsChanged,
                          [&app, before] { return app->myAccess().lastRefresh() > before; }));
        QCOMPARE(table->columnWidth(appColumn), 333);
        QCOMPARE(table->horizontalHeader()->sortIndicatorSection(), expiresColumn);
        splitterSizes = splitter->sizes();
        window.close(); // as the user ends the app
    }
    auto app = startApp(QStringLiteral("viewstate"));
    QVERIFY(waitForList(*app));
    MainWindow &window = app->window();
    QCOMPARE(window.size(), QSize(1000, 700));
    QTableView *table = grantTable(window);
    QCOMPARE(table->columnWidth(appColumn), 333);
    QCOMPARE(table->horizontalHeader()->sortIndicatorSection(), expiresColumn);
    QCOMPARE(table->horizontalHeader()->sortIndicatorOrder(), Qt::DescendingOrder);
    // The rows are sorted by it, too: the latest expiry first, by date and not by text.
    const QAbstractItemModel *rows = table->model();
    QDateTime previous;
    for (int row = 0; row < rows->rowCount(); ++row) {
        const QDateTime expires =
            rows->index(row, expiresColumn).data(AccessGrantModel::RawValueRole).toDateTime();
        if (!expires.isValid())
            continue;
        if (previous.isValid())
            QVERIFY2(expires <= previous, qPrintable(expires.toString(Qt::ISODate)));
        previous = expires;
    }
    // The splitter keeps its proportions (the page's height may differ by a notice line).
    const QList<int> restored = window.myAccessPage()->findChild<QSplitter *>()->sizes();
    QCOMPARE(restored.size(), 2);
    const double share = double(restored.at(0)) / (restored.at(0) + restored.at(1));
    const double savedShare =
        double(splitterSizes.at(0)) / (splitterSizes.at(0) + splitterSizes.at(1));
    QVERIFY2(std::abs(share - savedShare) < 0.05,
             qPrintable(QStringLiteral("%1 against %2").arg(share).arg(savedShare)));
    // Not the splitter's default (3 : 1).
    QVERIFY(share < 0.7);
}

// The Administration page is made when it is first shown, not at every start, and then gets the
// column widths saved when it was last open; a start that never opens it keeps them saved.
void TestMainWindow::administrationPageIsMadeWhenFirstShown()
{
    const auto firstTable = [](MainWindow &window) {
        auto *page = window.findChild<AdministrationPage *>();
        return page ? page->findChild<QTableView *>() : nullptr;
    };
    {
        auto app = startApp(QStringLiteral("adminview"));
        QVERIFY(waitForList(*app));
        MainWindow &window = app->window();
        QVERIFY(!window.findChild<AdministrationPage *>());
        window.showPage(MainWindow::Administration);
        QTableView *table = firstTable(window);
        QVERIFY(table);
        QVERIFY(window.findChild<AdministrationPage *>()->isVisible());
        QCOMPARE(&app->administrationPage(), window.findChild<AdministrationPage *>());
        table->setColumnWidth(0, 277);
        window.close();
    }
    {
        auto app = startApp(QStringLiteral("adminview"));
        QVERIFY(waitForList(*app));
        QVERIFY(!app->window().findChild<AdministrationPage *>());
        app->window().close();
    }
    auto app = startApp(QStringLiteral("adminview"));
    QVERIFY(waitForList(*app));
    app->window().showPage(MainWindow::Administration);
    QTableView *table = firstTable(app->window());
    QVERIFY(table);
    QCOMPARE(table->columnWidth(0), 277);
}

void TestMainWindow::datesAreRelativeWithTheExactTimeInTheTooltip()
{
    auto app = startApp(QStringLiteral("dates"));
    QVERIFY(waitForList(*app));
    QTableView *table = grantTable(app->window());
    auto *delegate = qobject_cast<DateCellDelegate *>(table->itemDelegate());
    QVERIFY(delegate);
    const QModelIndex issued = table->model()->index(0, AccessGrantModel::Issued);
    const QDateTime when = issued.data(AccessGrantModel::RawValueRole).toDateTime();
    QVERIFY(when.isValid());

    delegate->setClock([when] { return when.addDays(3); });
    QCOMPARE(delegate->textFor(issued), QStringLiteral("3 days ago"));
    delegate->setClock([when] { return when.addSecs(-2 * 3600); });
    QCOMPARE(delegate->textFor(issued), QStringLiteral("in 2 hours"));
    // Far away, the date itself reads better: the model's text.
    delegate->setClock([when] { return when.addDays(400); });
    QCOMPARE(delegate->textFor(issued), issued.data().toString());
    QCOMPARE(delegate->toolTipFor(issued), RelativeTime::exact(when));
    QVERIFY(
        delegate->toolTipFor(table->model()->index(0, AccessGrantModel::Application)).isEmpty());

    // A past expiry says so.
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        const QModelIndex expires = table->model()->index(row, AccessGrantModel::Expires);
        const QDateTime end = expires.data(AccessGrantModel::RawValueRole).toDateTime();
        if (!end.isValid())
            continue;
        delegate->setClock([end] { return end.addDays(1); });
        QCOMPARE(delegate->textFor(expires), QStringLiteral("expired yesterday"));
        delegate->setClock([end] { return end.addDays(-5); });
        QCOMPARE(delegate->textFor(expires), QStringLiteral("in 5 days"));
    }

    // Sorting still compares the dates, not the words.
    table->sortByColumn(AccessGrantModel::Issued, Qt::AscendingOrder);
    QDateTime previous;
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        const QDateTime value = table->model()
                                    ->index(row, AccessGrantModel::Issued)
                                    .data(AccessGrantModel::RawValueRole)
                                    .toDateTime();
        if (previous.isValid() && value.isValid())
            QVERIFY(previous <= value);
        if (value.isValid())
            previous = value;
    }
}

void TestMainWindow::confirmationFitsTheKindOfGrant()
{
    auto app = startApp(QStringLiteral("wording"));
    QVERIFY(waitForList(*app));
    MyAccessPage *page = app->window().myAccessPage();
    const auto ask = [page] {
        ConfirmationDialog *dialog =
            clickConfirmed(child<QPushButton>(page, QStringLiteral("revokeGrants")), page,
                           ConfirmationDialog::Answer::Cancel);
        const QString message = dialog ? dialog->message() : QString();
        if (dialog)
            answerOf(dialog);
        // The answered dialog goes now, so the next question is not mistaken for it.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        return message;
    };
    QVERIFY2(applications(app->myAccess()).contains(QStringLiteral("ci-pipeline")),
             qPrintable(applications(app->myAccess()).join(QLatin1Char(','))));

    QVERIFY(selectApplications(*app, {QStringLiteral("Bamboo")}));
    QString message = ask();
    QVERIFY2(message.contains(QStringLiteral("Bamboo can then see only public data.")),
             qPrintable(message));
    QVERIFY(!message.contains(QStringLiteral("refused")));

    QVERIFY(selectApplications(*app, {QStringLiteral("ci-pipeline")}));
    // The details pane says it the same way.
    const QString details = page->findChild<QTextBrowser *>()->toPlainText();
    QVERIFY2(details.contains(QStringLiteral("If you revoke it, scripts and tools using "
                                             "ci-pipeline will be refused.")),
             qPrintable(details));
    message = ask();
    QVERIFY2(message.contains(QStringLiteral("Scripts and tools using ci-pipeline will be "
                                             "refused.")),
             qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("public data")), qPrintable(message));

    QVERIFY(selectApplications(*app, {QStringLiteral("Bamboo"), QStringLiteral("ci-pipeline")}));
    message = ask();
    QVERIFY(message.contains(QStringLiteral("Bamboo can then see only public data.")));
    QVERIFY(message.contains(QStringLiteral("Scripts and tools using ci-pipeline will be "
                                            "refused.")));
    QVERIFY2(message.contains(QStringLiteral("the applications would have to ask again, and new "
                                             "tokens would have to be created")),
             qPrintable(message));
    QCOMPARE(app->myAccess().grants().size(), 5); // all cancelled
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
