// Changing an application link from the Administration page, against a real trackersim with the
// demo data: edit (the server's field errors at their field, then saved), relocate (asks before
// moving to an address where nothing answers), make primary, delete this end (asked first,
// Cancel the default), and Check all with its progress and Cancel. Each change is verified with a
// plain HTTP request to the server, and the list the tab shows is the one fetched again after it.
#include "AppLinkTestSupport.h"
#include "GuiTestSupport.h"
#include "SimSession.h"
#include "services/AppLinksController.h"
#include "ui/AdminListTab.h"
#include "ui/AdminRows.h"
#include "ui/AppLinkChangeDialogs.h"

#include <QAction>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace accessdesk;

class TestAppLinkChanges final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void cleanup();
    void editSaysServerErrorsAtTheirFieldThenSaves();
    void relocateAsksBeforeMovingToSilentAddress();
    void makePrimary();
    void deleteThisEndAsksFirst();
    void checkAllShowsProgressAndCancels();
    void systemLinkCannotBeChanged();

private:
    QWidget *tab() const { return m_admin->tab(); }
    AdminListTab *list() const { return m_admin->list(); }
    AppLinksController *links() const { return m_admin->links(); }
    // Clicks the button, waits for the dialog of type Dialog it opened.
    template<class Dialog> Dialog *openDialog(const char *button);
    // Presses OK in the dialog and waits until its change has ended.
    bool submit(AppLinkChangeDialog *dialog);
    QString heldField(const char *field) const;

    TempDatabase m_data;
    SimSession m_session{{QStringLiteral("--seed"), QStringLiteral("demo")}};
    std::unique_ptr<AdminPageUnderTest> m_admin;
    QString m_name; // this test's own generic link
    QString m_id;
    QString m_url;
};

void TestAppLinkChanges::initTestCase()
{
    QVERIFY2(m_data.open(), qPrintable(m_data.errorString()));
    QVERIFY2(m_session.start(QStringLiteral("admin")), qPrintable(m_session.errorText()));
    m_admin = std::make_unique<AdminPageUnderTest>(m_session.connection(), m_data.activityLog(),
                                                   m_session.who(QStringLiteral("demo")));
    QVERIFY(waitSettled(links()));
}

void TestAppLinkChanges::init()
{
    static int count = 0;
    m_name = QStringLiteral("Tool %1").arg(++count);
    m_url = QStringLiteral("http://tool%1.example.test").arg(count);
    m_id = createGenericLink(m_session.server(), m_name, m_url);
    QVERIFY(!m_id.isEmpty());
    QVERIFY(waitSettled(links())); // a load under way may have left before the link was made
    QTest::mouseClick(child<QPushButton>(list(), "refresh"), Qt::LeftButton);
    QVERIFY(waitForLink(links(), m_name));
    QVERIFY(waitSettled(links()));
    QVERIFY(selectLink(list(), m_name));
}

void TestAppLinkChanges::cleanupTestCase()
{
    m_admin.reset();
    m_session.stop();
}

void TestAppLinkChanges::cleanup()
{
    QVERIFY(m_session.server().clearFaults());
}

template<class Dialog> Dialog *TestAppLinkChanges::openDialog(const char *button)
{
    auto *click = child<QPushButton>(tab(), button);
    if (!click->isEnabled())
        return nullptr;
    QTest::mouseClick(click, Qt::LeftButton);
    return tab()->findChild<Dialog *>();
}

bool TestAppLinkChanges::submit(AppLinkChangeDialog *dialog)
{
    QSignalSpy ended(dialog, &AppLinkChangeDialog::changeEnded);
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("ok")), Qt::LeftButton);
    return ended.wait(30000);
}

QString TestAppLinkChanges::heldField(const char *field) const
{
    const auto held = serverLink(m_session.server(), m_id);
    return held ? held->value(QLatin1String(field)).toString() : QString();
}

void TestAppLinkChanges::editSaysServerErrorsAtTheirFieldThenSaves()
{
    QPointer<AppLinkEditDialog> dialog = openDialog<AppLinkEditDialog>("editLink");
    QVERIFY(dialog);
    auto *name = child<QLineEdit>(dialog, QStringLiteral("linkName"));
    auto *displayUrl = child<QLineEdit>(dialog, QStringLiteral("linkDisplayUrl"));
    QCOMPARE(name->text(), m_name);
    QSignalSpy listed(links(), &AppLinksController::linksChanged);
    // Another link's name: the server refuses it, and says so under the name.
    name->setText(QStringLiteral("Confluence"));
    QVERIFY(submit(dialog));
    QVERIFY(dialog->isVisible());
    const QString problem = dialog->messages().text(QStringLiteral("name"));
    QVERIFY2(problem.contains(QStringLiteral("Confluence")) &&
                 problem.contains(QStringLiteral("already exists")),
             qPrintable(problem));
    QCOMPARE(name->text(), QStringLiteral("Confluence"));
    QCOMPARE(heldField("name"), m_name);
    // Not an address: said under the display URL, before anything is sent.
    name->setText(QStringLiteral("Renamed Tool"));
    displayUrl->setText(QStringLiteral("not an address"));
    QVERIFY(submit(dialog));
    QVERIFY(dialog->messages().text(QStringLiteral("name")).isEmpty());
    QVERIFY(dialog->messages()
                .text(QStringLiteral("displayUrl"))
                .contains(QStringLiteral("is not a web address")));

    displayUrl->setText(QStringLiteral("https://renamed.example.com"));
    QVERIFY(submit(dialog));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QVERIFY(!dialog); // closed, and deleted
    QCOMPARE(heldField("name"), QStringLiteral("Renamed Tool"));
    QCOMPARE(heldField("displayUrl"), QStringLiteral("https://renamed.example.com"));
    QCOMPARE(listed.size(), 2); // after each answer from the server, not after the local check
    QVERIFY(waitForLink(links(), QStringLiteral("Renamed Tool")));
    const QList<ActivityEntry> log = m_data.activityLog()->entries();
    QCOMPARE(log.first().action, QStringLiteral("update-applink"));
    QCOMPARE(log.first().outcome, ActivityOutcome::Succeeded);
}

void TestAppLinkChanges::relocateAsksBeforeMovingToSilentAddress()
{
    const QString nowhere = silentLoopbackUrl();
    QPointer<AppLinkRelocateDialog> dialog = openDialog<AppLinkRelocateDialog>("relocateLink");
    QVERIFY(dialog);
    auto *newUrl = child<QLineEdit>(dialog, QStringLiteral("relocateUrl"));
    newUrl->setText(nowhere);
    ConfirmationDialog::setNextAnswer(ConfirmationDialog::Answer::Cancel);
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("ok")), Qt::LeftButton);
    // The question comes when Jira has answered that nothing is there.
    ConfirmationDialog *ask = nullptr;
    QVERIFY(QTest::qWaitFor(
        [&] { return (ask = dialog->findChild<ConfirmationDialog *>()) != nullptr; }, 30000));
    QVERIFY2(ask->message().contains(QStringLiteral("Nothing answers at ") + nowhere),
             qPrintable(ask->message()));
    QCOMPARE(child<QPushButton>(ask, QStringLiteral("confirmAccept"))->text(),
             QStringLiteral("Move anyway"));
    QVERIFY(child<QPushButton>(ask, QStringLiteral("confirmCancel"))->isDefault());
    QCOMPARE(answerOf(ask), std::optional<bool>(false));
    QVERIFY(dialog->messages()
                .text(QStringLiteral("newUrl"))
                .contains(QStringLiteral("was not moved")));
    QCOMPARE(heldField("rpcUrl"), m_url);
    QCOMPARE(newUrl->text(), nowhere);

    // Insisting moves it.
    ConfirmationDialog::setNextAnswer(ConfirmationDialog::Answer::Accept);
    QVERIFY(submit(dialog));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QVERIFY(!dialog);
    QCOMPARE(heldField("rpcUrl"), nowhere);
    QCOMPARE(heldField("displayUrl"), nowhere);
}

void TestAppLinkChanges::makePrimary()
{
    QVERIFY(!serverLink(m_session.server(), m_id)->value(QStringLiteral("primary")).toBool());
    QSignalSpy changed(links(), &AppLinksController::linksChanged);
    QTest::mouseClick(child<QPushButton>(tab(), "makePrimary"), Qt::LeftButton);
    QVERIFY(changed.wait(30000));
    QVERIFY(serverLink(m_session.server(), m_id)->value(QStringLiteral("primary")).toBool());
    // One primary link per type.
    const HttpResult all =
        m_session.server().get(QStringLiteral("/rest/applinks/3.0/applinks"), "admin");
    int primaryGeneric = 0;
    for (const QJsonValue &link : QJsonDocument::fromJson(all.body).array()) {
        const QJsonObject object = link.toObject();
        primaryGeneric +=
            object.value(QStringLiteral("type")).toString() == QLatin1String("generic") &&
            object.value(QStringLiteral("primary")).toBool();
    }
    QCOMPARE(primaryGeneric, 1);
    QVERIFY(waitSettled(links()));
    QVERIFY(selectLink(list(), m_name));
    QCOMPARE(list()->selectedRows().first().cells.at(AdminRows::LinkPrimary).text,
             QStringLiteral("yes"));
    QVERIFY(!child<QPushButton>(tab(), "makePrimary")->isEnabled());
    QVERIFY(
        child<QPushButton>(tab(), "makePrimary")->toolTip().contains(QStringLiteral("already")));
    QVERIFY(child<QLabel>(list(), QStringLiteral("status"))
                ->text()
                .contains(QStringLiteral("is now the primary link")));
}

void TestAppLinkChanges::deleteThisEndAsksFirst()
{
    ConfirmationDialog::setNextAnswer(ConfirmationDialog::Answer::Cancel);
    child<QAction>(tab(), "deleteThisEnd")->trigger();
    auto *ask = tab()->findChild<ConfirmationDialog *>(QStringLiteral("confirmDeleteLink"));
    QVERIFY(ask);
    QVERIFY2(ask->message().contains(QStringLiteral("“") + m_name + QStringLiteral("”")),
             qPrintable(ask->message()));
    QVERIFY(ask->message().contains(QStringLiteral("stops working")));
    QCOMPARE(child<QPushButton>(ask, QStringLiteral("confirmAccept"))->text(),
             QStringLiteral("Delete link"));
    QVERIFY(child<QPushButton>(ask, QStringLiteral("confirmCancel"))->isDefault());
    QCOMPARE(answerOf(ask), std::optional<bool>(false));
    QVERIFY(serverLink(m_session.server(), m_id));

    ConfirmationDialog::setNextAnswer(ConfirmationDialog::Answer::Accept);
    QSignalSpy changed(links(), &AppLinksController::linksChanged);
    child<QAction>(tab(), "deleteThisEnd")->trigger();
    QVERIFY(changed.wait(30000));
    QVERIFY(!serverLink(m_session.server(), m_id));
    QVERIFY(waitSettled(links()));
    QCOMPARE(rowOf(child<QTableView>(list(), QStringLiteral("table"))->model(), AdminRows::LinkName,
                   m_name),
             -1);
    QCOMPARE(m_data.activityLog()->entries().first().action, QStringLiteral("delete-applink"));
}

void TestAppLinkChanges::checkAllShowsProgressAndCancels()
{
    // This link's check never gets an answer, so the run is under way until Cancel.
    QVERIFY(m_session.server().addFault(QJsonObject{
        {QStringLiteral("method"), QStringLiteral("GET")},
        {QStringLiteral("path"), QString(QStringLiteral("/rest/applinks/3.0/status/") + m_id)},
        {QStringLiteral("action"), QStringLiteral("stall")}}));
    const QString before = list()->selectedRows().first().cells.at(AdminRows::LinkStatus).text;
    const int total = int(links()->links().size());
    QTest::mouseClick(child<QPushButton>(tab(), "checkAllLinks"), Qt::LeftButton);
    auto *progress = child<QProgressBar>(tab(), "checkProgress");
    QVERIFY(progress->isVisible());
    QCOMPARE(progress->maximum(), total);
    QVERIFY(!child<QPushButton>(tab(), "checkAllLinks")->isEnabled());
    QVERIFY(waitUntil(links(), &AppLinksController::checkProgress,
                      [this, total] { return links()->checkedCount() == total - 1; }));
    QCOMPARE(progress->value(), total - 1);
    QTest::mouseClick(child<QPushButton>(tab(), "cancelCheck"), Qt::LeftButton);
    QVERIFY(waitSettled(links()));
    QVERIFY(!progress->isVisible());
    QVERIFY(selectLink(list(), m_name));
    QCOMPARE(list()->selectedRows().first().cells.at(AdminRows::LinkStatus).text, before);
    QVERIFY(selectLink(list(), QStringLiteral("Bamboo")));
    QVERIFY(detailsText(list()).contains(QStringLiteral("Health: The Jira server cannot find")));
}

void TestAppLinkChanges::systemLinkCannotBeChanged()
{
    // No REST call makes a system link (applications install their own); the server's data file
    // gets one, as such an application would leave it.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QStringList arguments{QStringLiteral("--seed"), QStringLiteral("none"),
                                QStringLiteral("--data"), dir.filePath(QStringLiteral("sim.db"))};
    QString id;
    {
        SimProcess sim(arguments);
        QVERIFY2(sim.start(), qPrintable(sim.errorText()));
        QNetworkAccessManager network;
        id = createGenericLink(SimClient(&network, sim.url()), QStringLiteral("Plugin Link"),
                               QStringLiteral("http://plugin.example.test"));
        QVERIFY(!id.isEmpty());
        sim.stop();
    }
    {
        QSqlDatabase data =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("system-link"));
        data.setDatabaseName(dir.filePath(QStringLiteral("sim.db")));
        QVERIFY(data.open());
        QSqlQuery update(data);
        QVERIFY(update.prepare(QStringLiteral("UPDATE applinks SET is_system = 1 WHERE id = ?")));
        update.addBindValue(id);
        QVERIFY(update.exec());
        QCOMPARE(update.numRowsAffected(), 1);
        update.finish();
        data.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("system-link"));

    SimSession session(arguments);
    QVERIFY2(session.start(QStringLiteral("admin")), qPrintable(session.errorText()));
    const AdminPageUnderTest admin(session.connection(), m_data.activityLog(), session.who());
    QVERIFY(waitSettled(admin.links()));
    AdminListTab *links = admin.list();
    QVERIFY(selectLink(links, QStringLiteral("Plugin Link")));
    QCOMPARE(links->selectedRows().first().cells.at(AdminRows::LinkSystem).text,
             QStringLiteral("yes"));
    for (const char *button : {"editLink", "relocateLink", "makePrimary", "deleteLink"}) {
        const auto *control = child<QPushButton>(admin.tab(), button);
        QVERIFY2(!control->isEnabled(), button);
        QVERIFY2(control->toolTip().contains(QStringLiteral("is a system link")),
                 qPrintable(control->toolTip()));
    }
    QVERIFY(child<QPushButton>(admin.tab(), "checkLink")->isEnabled());
    QVERIFY(detailsText(links).contains(QStringLiteral("System link: ")));
}

QTEST_MAIN(TestAppLinkChanges)
#include "tst_applinkchanges.moc"
