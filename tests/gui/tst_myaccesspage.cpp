// My access against a real trackersim on the offscreen platform: alice's seeded grants are shown,
// sorted and filtered; revoking goes through the confirmation and reaches the server.
#include "AccessGrantFilterModel.h"
#include "AccessGrantModel.h"
#include "SimProcess.h"
#include "api/ServerConnection.h"
#include "auth/BasicCredentials.h"
#include "services/GrantList.h"
#include "ui/ConfirmationDialog.h"
#include "ui/MainWindow.h"
#include "ui/MyAccessController.h"
#include "ui/MyAccessPage.h"

#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
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
    void revokeCancelledChangesNothing();
    void bulkConfirmationNamesEachApplication();
    void revokeConfirmedRemovesOnServer();

private:
    QStringList shownApplications() const;
    bool select(const QString &application);
    QStringList serverApplications();
    ConfirmationDialog *clickRevoke(ConfirmationDialog::Answer answer);

    std::unique_ptr<SimProcess> m_sim;
    QNetworkAccessManager m_network;
    std::unique_ptr<ServerConnection> m_connection;
    std::unique_ptr<MyAccessController> m_controller;
    std::unique_ptr<MainWindow> m_window;
    MyAccessPage *m_page = nullptr;
};

void TestMyAccessPage::initTestCase()
{
    m_sim = std::make_unique<SimProcess>();
    QVERIFY2(m_sim->start(), qPrintable(m_sim->errorText()));
    ConnectionSettings settings;
    settings.baseUrl = QUrl(m_sim->url());
    m_connection = std::make_unique<ServerConnection>(
        &m_network, settings,
        std::make_shared<BasicCredentials>(QStringLiteral("alice"), QStringLiteral("alice")));
    m_controller = std::make_unique<MyAccessController>(
        m_connection.get(), nullptr,
        ActivityContext{QString(), m_sim->url(), QStringLiteral("alice")});
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
    QVERIFY(m_window->navigation()->item(MainWindow::Administration)->isHidden());
}

void TestMyAccessPage::cleanupTestCase()
{
    m_window.reset();
    m_controller.reset();
    m_connection.reset();
    m_sim.reset();
}

QStringList TestMyAccessPage::shownApplications() const
{
    QStringList names;
    const QAbstractItemModel *model = m_page->table()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        names << model->index(row, AccessGrantModel::Application).data().toString();
    return names;
}

bool TestMyAccessPage::select(const QString &application)
{
    const int row = int(shownApplications().indexOf(application));
    if (row < 0)
        return false;
    m_page->table()->selectionModel()->select(m_page->table()->model()->index(row, 0),
                                              QItemSelectionModel::ClearAndSelect |
                                                  QItemSelectionModel::Rows);
    return m_page->selectedGrants().size() == 1;
}

QStringList TestMyAccessPage::serverApplications()
{
    ListGrantsJob job(m_connection.get());
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
    ConfirmationDialog::setNextAnswer(answer);
    if (!m_page->revokeButton()->isEnabled())
        return nullptr;
    QTest::mouseClick(m_page->revokeButton(), Qt::LeftButton);
    return m_page->findChild<ConfirmationDialog *>();
}

void TestMyAccessPage::showsSeededGrants()
{
    const QStringList shown = shownApplications();
    for (const char *name :
         {"Bamboo", "Release Radar", "Deploy Dashboard", "laptop-cli", "ci-pipeline"})
        QVERIFY2(shown.contains(QLatin1String(name)), name);
    QCOMPARE(m_page->table()->model()->columnCount(), int(AccessGrantModel::ColumnCount));
}

void TestMyAccessPage::sortsByApplication()
{
    QTableView *table = m_page->table();
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
    QTest::keyClicks(m_page->filterEdit(), QStringLiteral("radar"));
    QCOMPARE(shownApplications(), QStringList{QStringLiteral("Release Radar")});
    m_page->filterEdit()->clear();
    QVERIFY(shownApplications().size() >= 5);
}

void TestMyAccessPage::revokeCancelledChangesNothing()
{
    const QStringList before = serverApplications();
    QVERIFY(before.contains(QStringLiteral("Bamboo")));
    QVERIFY(select(QStringLiteral("Bamboo")));

    ConfirmationDialog *dialog = clickRevoke(ConfirmationDialog::Answer::Cancel);
    QVERIFY(dialog);
    QVERIFY(dialog->message().contains(QStringLiteral("Bamboo can then see only public data")));
    QCOMPARE(dialog->acceptButton()->text(), QStringLiteral("Revoke access"));
    QVERIFY(dialog->cancelButton()->isDefault());
    QVERIFY(!dialog->acceptButton()->isDefault());
    QSignalSpy answered(dialog, &ConfirmationDialog::answered);
    QVERIFY(answered.wait(10000));
    QCOMPARE(answered.first().first().toBool(), false);
    QCOMPARE(m_controller->state(), MyAccessController::State::Idle);

    QCOMPARE(serverApplications(), before);
}

void TestMyAccessPage::bulkConfirmationNamesEachApplication()
{
    QVERIFY(select(QStringLiteral("Bamboo")));
    const int radar = int(shownApplications().indexOf(QStringLiteral("Release Radar")));
    QVERIFY(radar >= 0);
    m_page->table()->selectionModel()->select(m_page->table()->model()->index(radar, 0),
                                              QItemSelectionModel::Select |
                                                  QItemSelectionModel::Rows);
    QCOMPARE(m_page->selectedGrants().size(), 2);

    ConfirmationDialog *dialog = clickRevoke(ConfirmationDialog::Answer::Cancel);
    QVERIFY(dialog);
    QCOMPARE(dialog->acceptButton()->text(), QStringLiteral("Revoke 2 grants"));
    QVERIFY(dialog->message().contains(QStringLiteral("Bamboo can then see only public data")));
    QVERIFY(
        dialog->message().contains(QStringLiteral("Release Radar can then see only public data")));
    QSignalSpy answered(dialog, &ConfirmationDialog::answered);
    QVERIFY(answered.wait(10000));
    QCOMPARE(answered.first().first().toBool(), false);
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
    // The page lists again after revoking, so it shows what the server holds.
    QVERIFY(reloaded.wait(30000));
    QVERIFY(!shownApplications().contains(QStringLiteral("Bamboo")));

    const QStringList after = serverApplications();
    QVERIFY(!after.contains(QStringLiteral("Bamboo")));
    QVERIFY(after.contains(QStringLiteral("Release Radar")));
}

QTEST_MAIN(TestMyAccessPage)
#include "tst_myaccesspage.moc"
