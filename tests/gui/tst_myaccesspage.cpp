// My access against a real trackersim on the offscreen platform: alice's seeded grants are shown,
// sorted and filtered; revoking goes through the confirmation and reaches the server; the list is
// exported as CSV; a start without the server shows the cached list read-only.
#include "AccessGrantFilterModel.h"
#include "AccessGrantModel.h"
#include "GuiTestSupport.h"
#include "SimSession.h"
#include "auth/BasicCredentials.h"
#include "services/GrantList.h"
#include "services/GrantListCache.h"
#include "services/MyAccessController.h"
#include "ui/MainWindow.h"
#include "ui/MyAccessPage.h"
#include "ui/RevokeProgressDialog.h"
#include "ui/TableExport.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace accessdesk;

class TestMyAccessPage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void showsSeededGrants();
    void sortsByApplication();
    void filtersAsYouType();
    void showsDescriptions();
    void datesShowNoSeconds();
    void exportWritesFilteredRowsWithIsoDates();
    void toolbarButtonsAskTheLead();
    void offlineStartShowsCachedListReadOnly();
    void refusedCredentialsAreNamed();
    void revokeCancelledChangesNothing();
    void bulkConfirmationNamesEachApplication();
    void revokeConfirmedRemovesOnServer();

private:
    QStringList shownApplications() const;
    bool select(const QString &application);
    QStringList serverApplications();
    ConfirmationDialog *clickRevoke(ConfirmationDialog::Answer answer);

    SimSession m_session;
    std::unique_ptr<MyAccessController> m_controller;
    std::unique_ptr<MainWindow> m_window;
    MyAccessPage *m_page = nullptr;
};

namespace {

// A server that is gone should be reported at once, not after retries.
ConnectionSettings quickSettings()
{
    ConnectionSettings settings;
    settings.maxAttempts = 1;
    settings.timeoutMs = 10000;
    return settings;
}

// The page's controls, found by the object names MyAccessPage gives them.
QTableView *grantTable(const QWidget *page)
{
    return child<QTableView>(page, QStringLiteral("grantTable"));
}

QLineEdit *grantFilter(const QWidget *page)
{
    return child<QLineEdit>(page, QStringLiteral("grantFilter"));
}

QLabel *grantNotice(const QWidget *page)
{
    return child<QLabel>(page, QStringLiteral("grantNotice"));
}

QPushButton *button(const QObject *parent, const char *name)
{
    return child<QPushButton>(parent, QLatin1String(name));
}

// Lists again and waits until that is over, however it ended.
bool refreshed(MyAccessController *controller)
{
    controller->refresh();
    return waitUntil(controller, &MyAccessController::stateChanged, [controller] {
        return controller->state() != MyAccessController::State::Loading;
    });
}

} // namespace

void TestMyAccessPage::initTestCase()
{
    // The C locale's short time has seconds; the table must not show them.
    QLocale::setDefault(QLocale::c());
    QVERIFY2(m_session.start(QStringLiteral("alice")), qPrintable(m_session.errorText()));
    m_controller =
        std::make_unique<MyAccessController>(m_session.connection(), nullptr, m_session.who());
    m_window = std::make_unique<MainWindow>(m_controller.get());
    m_window->show();
    m_page = m_window->myAccessPage();

    QSignalSpy probed(m_controller.get(), &MyAccessController::probed);
    QSignalSpy loaded(m_controller.get(), &MyAccessController::grantsChanged);
    m_controller->probe();
    m_controller->refresh();
    QVERIFY(loaded.wait(30000));
    QVERIFY(probed.count() == 1 || probed.wait(30000));
    // alice is no administrator.
    QVERIFY(child<QListWidget>(m_window.get(), QStringLiteral("navigation"))
                ->item(MainWindow::Administration)
                ->isHidden());
}

void TestMyAccessPage::cleanupTestCase()
{
    m_window.reset();
    m_controller.reset();
    m_session.stop();
}

QStringList TestMyAccessPage::shownApplications() const
{
    return columnTexts(grantTable(m_page)->model(), AccessGrantModel::Application);
}

bool TestMyAccessPage::select(const QString &application)
{
    const int row = int(shownApplications().indexOf(application));
    if (row < 0)
        return false;
    QTableView *table = grantTable(m_page);
    table->selectionModel()->select(table->model()->index(row, 0),
                                    QItemSelectionModel::ClearAndSelect |
                                        QItemSelectionModel::Rows);
    return m_page->selectedGrants().size() == 1;
}

QStringList TestMyAccessPage::serverApplications()
{
    ListGrantsJob job(m_session.connection());
    QSignalSpy finished(&job, &ListGrantsJob::finished);
    job.start();
    if (!finished.wait(30000) || job.error().isError())
        return {QStringLiteral("<listing failed>")};
    QStringList names;
    for (const AccessGrant &grant : job.grants())
        names << grant.application;
    return names;
}

ConfirmationDialog *TestMyAccessPage::clickRevoke(ConfirmationDialog::Answer answer)
{
    return clickConfirmed(button(m_page, "revokeGrants"), m_page, answer);
}

void TestMyAccessPage::showsSeededGrants()
{
    const QStringList shown = shownApplications();
    for (const char *name :
         {"Bamboo", "Release Radar", "Deploy Dashboard", "laptop-cli", "ci-pipeline"})
        QVERIFY2(shown.contains(QLatin1String(name)), name);
    QCOMPARE(grantTable(m_page)->model()->columnCount(), int(AccessGrantModel::ColumnCount));
}

void TestMyAccessPage::sortsByApplication()
{
    QTableView *table = grantTable(m_page);
    QVERIFY(table->isSortingEnabled());
    table->sortByColumn(AccessGrantModel::Application, Qt::DescendingOrder);
    const QStringList descending = shownApplications();
    table->sortByColumn(AccessGrantModel::Application, Qt::AscendingOrder);
    const QStringList ascending = shownApplications();
    QVERIFY(ascending.size() >= 5);
    QStringList reversed(descending.crbegin(), descending.crend());
    QCOMPARE(ascending, reversed);
    // Case-insensitive, the way people read: "Bamboo" before "ci-pipeline" before "Deploy…".
    QVERIFY(ascending.indexOf(QStringLiteral("Bamboo")) <
            ascending.indexOf(QStringLiteral("ci-pipeline")));
    QVERIFY(ascending.indexOf(QStringLiteral("ci-pipeline")) <
            ascending.indexOf(QStringLiteral("Deploy Dashboard")));
}

void TestMyAccessPage::filtersAsYouType()
{
    QTest::keyClicks(grantFilter(m_page), QStringLiteral("radar"));
    QCOMPARE(shownApplications(), QStringList{QStringLiteral("Release Radar")});
    grantFilter(m_page)->clear();
    QVERIFY(shownApplications().size() >= 5);
}

void TestMyAccessPage::showsDescriptions()
{
    const QAbstractItemModel *model = grantTable(m_page)->model();
    const int bamboo = int(shownApplications().indexOf(QStringLiteral("Bamboo")));
    QVERIFY(bamboo >= 0);
    QCOMPARE(model->index(bamboo, AccessGrantModel::Description).data().toString(),
             QStringLiteral("Atlassian Bamboo at http://bamboo.example.test:8085"));
    const int radar = int(shownApplications().indexOf(QStringLiteral("Release Radar")));
    QVERIFY(model->index(radar, AccessGrantModel::Description)
                .data()
                .toString()
                .startsWith(QStringLiteral("Release Radar reads your issues")));
}

void TestMyAccessPage::datesShowNoSeconds()
{
    const QAbstractItemModel *model = grantTable(m_page)->model();
    static const QRegularExpression withSeconds(QStringLiteral("\\d:\\d\\d:\\d\\d"));
    static const QRegularExpression hourMinute(QStringLiteral("\\d:\\d\\d"));
    for (int row = 0; row < model->rowCount(); ++row) {
        const QString issued = model->index(row, AccessGrantModel::Issued).data().toString();
        QVERIFY2(hourMinute.match(issued).hasMatch(), qPrintable(issued));
        QVERIFY2(!withSeconds.match(issued).hasMatch(), qPrintable(issued));
        const QString expires = model->index(row, AccessGrantModel::Expires).data().toString();
        QVERIFY2(!withSeconds.match(expires).hasMatch(), qPrintable(expires));
    }
}

void TestMyAccessPage::exportWritesFilteredRowsWithIsoDates()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("my-access.csv"));
    grantFilter(m_page)->setText(QStringLiteral("oauth")); // not the personal tokens
    const int shown = grantTable(m_page)->model()->rowCount();
    QVERIFY(shown >= 2);
    QVERIFY(shown < m_controller->grants().size());
    const QStringList expected = shownApplications();

    QPushButton *exportButton = button(m_page, "exportGrants");
    QVERIFY(exportButton->isEnabled());
    QVERIFY(saveThroughFileDialog(exportButton, m_page, path));
    QVERIFY(QFile::exists(path));
    grantFilter(m_page)->clear();

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QStringList> rows = parseCsv(file.readAll());
    QCOMPARE(rows.size(), 1 + shown);
    const QStringList header = rows.first();
    QCOMPARE(header.size(), int(AccessGrantModel::ColumnCount));
    QCOMPARE(header.at(AccessGrantModel::Application), QStringLiteral("Application"));
    QCOMPARE(header.at(AccessGrantModel::Issued), QStringLiteral("Issued"));

    QStringList exported;
    for (const QStringList &row : rows.mid(1)) {
        QCOMPARE(row.size(), header.size());
        exported << row.at(AccessGrantModel::Application);
        const AccessGrant *grant = nullptr;
        for (const AccessGrant &candidate : m_controller->grants()) {
            if (candidate.application == row.at(AccessGrantModel::Application))
                grant = &candidate;
        }
        QVERIFY2(grant, qPrintable(row.first()));
        // ISO 8601 in UTC, whatever the locale shows.
        const QDateTime issued =
            QDateTime::fromString(row.at(AccessGrantModel::Issued), Qt::ISODate);
        QVERIFY2(issued.isValid(), qPrintable(row.at(AccessGrantModel::Issued)));
        QVERIFY(row.at(AccessGrantModel::Issued).endsWith(QLatin1Char('Z')));
        QCOMPARE(issued.toSecsSinceEpoch(), grant->issuedAt.toSecsSinceEpoch());
        QCOMPARE(row.at(AccessGrantModel::Scopes), grant->scopes.join(QStringLiteral(", ")));
        if (grant->expiresAt)
            QCOMPARE(QDateTime::fromString(row.at(AccessGrantModel::Expires), Qt::ISODate)
                         .toSecsSinceEpoch(),
                     grant->expiresAt->toSecsSinceEpoch());
    }
    // The filtered rows, in the table's order.
    QCOMPARE(exported, expected);
}

void TestMyAccessPage::toolbarButtonsAskTheLead()
{
    QSignalSpy token(m_page, &MyAccessPage::createTokenRequested);
    QSignalSpy answer(m_page, &MyAccessPage::answerRequestRequested);
    QPushButton *newToken = button(m_page, "newToken");
    QPushButton *answerRequest = button(m_page, "answerRequest");
    QVERIFY(newToken->isEnabled());
    QVERIFY(answerRequest->isEnabled());
    QTest::mouseClick(newToken, Qt::LeftButton);
    QTest::mouseClick(answerRequest, Qt::LeftButton);
    QCOMPARE(token.count(), 1);
    QCOMPARE(answer.count(), 1);
    // Everything in the top row fits at 1280×800.
    m_window->resize(1280, 800);
    QVERIFY(select(QStringLiteral("Release Radar")));
    saveScreenshot(m_window.get(), QStringLiteral("my-access"));
    for (QWidget *control : QList<QWidget *>{button(m_page, "revokeAllGrants"), answerRequest,
                                             button(m_page, "exportGrants"), grantFilter(m_page)}) {
        QVERIFY(control->isVisible());
        QVERIFY(control->width() >= control->minimumSizeHint().width());
        QVERIFY(control->mapTo(m_window.get(), QPoint(control->width(), 0)).x() <= 1280);
    }
}

void TestMyAccessPage::offlineStartShowsCachedListReadOnly()
{
    TempDatabase data;
    QVERIFY2(data.open(), qPrintable(data.errorString()));
    OfflineCache *cache = data.offlineCache();

    // One run with the server fills the cache.
    SimSession sim;
    QVERIFY2(sim.start(QStringLiteral("alice"), quickSettings()), qPrintable(sim.errorText()));
    const ActivityContext who = sim.who();
    QStringList online;
    {
        MyAccessController first(sim.connection(), nullptr, who);
        first.setOfflineCache(cache);
        QVERIFY(first.grants().isEmpty()); // nothing cached yet
        QSignalSpy loaded(&first, &MyAccessController::grantsChanged);
        first.refresh();
        QVERIFY(loaded.wait(30000));
        QVERIFY(!first.showsCachedList());
        for (const AccessGrant &grant : first.grants())
            online << grant.application;
    }
    QVERIFY(online.size() >= 5);
    QVERIFY(GrantListCache(cache).load(GrantListCache::keyFor(who)));
    sim.stop();

    // The next start: the server is gone.
    const auto connection =
        connectAs(m_session.network(), who.serverUrl, who.user, quickSettings());
    MyAccessController controller(connection.get(), nullptr, who);
    MyAccessPage page(&controller);
    page.resize(1100, 700);
    page.show();
    controller.setOfflineCache(cache);
    const QStringList shown = columnTexts(page.proxy(), AccessGrantModel::Application);
    QCOMPARE(shown.size(), online.size());
    for (const QString &name : online)
        QVERIFY2(shown.contains(name), qPrintable(name));
    QVERIFY(controller.showsCachedList());
    QLabel *notice = grantNotice(&page);
    QVERIFY(notice->isVisible());
    QVERIFY2(notice->text().contains(QStringLiteral("as of")), qPrintable(notice->text()));
    grantTable(&page)->selectRow(0);
    QVERIFY(!button(&page, "revokeGrants")->isEnabled());

    QVERIFY(refreshed(&controller));
    QCOMPARE(controller.state(), MyAccessController::State::Failed);
    QVERIFY(controller.isOffline());
    QVERIFY2(notice->text().startsWith(QStringLiteral("Offline — showing the list as of ")),
             qPrintable(notice->text()));
    QCOMPARE(page.proxy()->rowCount(), online.size()); // still shown
    for (const char *name : {"revokeGrants", "revokeAllGrants", "newToken"}) {
        const QPushButton *offline = button(&page, name);
        QVERIFY2(!offline->isEnabled(), qPrintable(offline->text()));
        QVERIFY2(offline->toolTip().contains(QStringLiteral("Offline")),
                 qPrintable(offline->toolTip()));
    }
    saveScreenshot(&page, QStringLiteral("my-access-offline"));
    // Reading still works: filter and export.
    QVERIFY(button(&page, "exportGrants")->isEnabled());
    grantFilter(&page)->setText(QStringLiteral("radar"));
    QCOMPARE(page.proxy()->rowCount(), 1);
    const QList<QStringList> csv = parseCsv(TableExport::toCsv(*page.proxy()));
    QCOMPARE(csv.size(), 2);
    QCOMPARE(csv.at(1).at(AccessGrantModel::Application), QStringLiteral("Release Radar"));
    // Nothing was sent: revoking is refused by the controller too.
    QSignalSpy started(&controller, &MyAccessController::revokeStarted);
    controller.revoke(controller.grants());
    QCOMPARE(started.count(), 0);
}

void TestMyAccessPage::refusedCredentialsAreNamed()
{
    const auto connection = m_session.connectWith(
        std::make_shared<BasicCredentials>(QStringLiteral("alice"), QStringLiteral("wrong")),
        quickSettings());
    MyAccessController controller(connection.get(), nullptr, m_session.who());
    MyAccessPage page(&controller);
    QVERIFY(refreshed(&controller));
    QVERIFY(controller.credentialsRefused());
    QVERIFY(!controller.isOffline());
    QLabel *notice = grantNotice(&page);
    QVERIFY2(notice->text().startsWith(QStringLiteral("Credentials refused")),
             qPrintable(notice->text()));
    QVERIFY(!notice->text().contains(QStringLiteral("Offline")));
    QVERIFY(!button(&page, "newToken")->isEnabled());
    // A long notice wraps rather than being cut off.
    page.resize(800, 500);
    page.show();
    QVERIFY(notice->isVisible());
    QVERIFY(notice->height() >= notice->heightForWidth(notice->width()));
    saveScreenshot(&page, QStringLiteral("my-access-refused"));
}

void TestMyAccessPage::revokeCancelledChangesNothing()
{
    const QStringList before = serverApplications();
    QVERIFY(before.contains(QStringLiteral("Bamboo")));
    QVERIFY(select(QStringLiteral("Bamboo")));

    ConfirmationDialog *dialog = clickRevoke(ConfirmationDialog::Answer::Cancel);
    QVERIFY(dialog);
    QVERIFY(dialog->message().contains(QStringLiteral("Bamboo can then see only public data")));
    QCOMPARE(button(dialog, "confirmAccept")->text(), QStringLiteral("Revoke access"));
    QVERIFY(button(dialog, "confirmCancel")->isDefault());
    QVERIFY(!button(dialog, "confirmAccept")->isDefault());
    QCOMPARE(answerOf(dialog), std::optional<bool>(false));
    QCOMPARE(m_controller->state(), MyAccessController::State::Idle);

    QCOMPARE(serverApplications(), before);
}

void TestMyAccessPage::bulkConfirmationNamesEachApplication()
{
    QVERIFY(select(QStringLiteral("Bamboo")));
    const int radar = int(shownApplications().indexOf(QStringLiteral("Release Radar")));
    QVERIFY(radar >= 0);
    QTableView *table = grantTable(m_page);
    table->selectionModel()->select(table->model()->index(radar, 0),
                                    QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(m_page->selectedGrants().size(), 2);

    ConfirmationDialog *dialog = clickRevoke(ConfirmationDialog::Answer::Cancel);
    QVERIFY(dialog);
    QCOMPARE(button(dialog, "confirmAccept")->text(), QStringLiteral("Revoke 2 grants"));
    QVERIFY(dialog->message().contains(QStringLiteral("Bamboo can then see only public data")));
    QVERIFY(
        dialog->message().contains(QStringLiteral("Release Radar can then see only public data")));
    QCOMPARE(answerOf(dialog), std::optional<bool>(false));
}

void TestMyAccessPage::revokeConfirmedRemovesOnServer()
{
    QVERIFY(select(QStringLiteral("Bamboo")));
    QSignalSpy revoked(m_controller.get(), &MyAccessController::revokeFinished);
    QSignalSpy reloaded(m_controller.get(), &MyAccessController::grantsChanged);

    ConfirmationDialog *dialog = clickRevoke(ConfirmationDialog::Answer::Accept);
    QVERIFY(dialog);
    QVERIFY(revoked.wait(30000));
    QCOMPARE(revoked.first().at(0).toInt(), 1);
    QCOMPARE(revoked.first().at(1).toInt(), 0);
    // One grant, too, is revoked in the progress dialog, which ends with what happened.
    auto *progress = m_page->findChild<RevokeProgressDialog *>();
    QVERIFY(progress);
    QVERIFY(progress->showsSummary());
    QCOMPARE(progress->headline(), QStringLiteral("Revoked. Bamboo can now see only public data."));
    QVERIFY(!button(progress, "retryFailed")->isVisible());
    QTest::mouseClick(button(progress, "closeRevoke"), Qt::LeftButton);
    // The page lists again after revoking, so it shows what the server holds.
    QVERIFY(reloaded.wait(30000));
    QVERIFY(!shownApplications().contains(QStringLiteral("Bamboo")));

    const QStringList after = serverApplications();
    QVERIFY(!after.contains(QStringLiteral("Bamboo")));
    QVERIFY(after.contains(QStringLiteral("Release Radar")));
}

QTEST_MAIN(TestMyAccessPage)
#include "tst_myaccesspage.moc"
