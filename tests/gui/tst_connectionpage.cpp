// The Connection page with a temporary settings file, a real keyring, a real SQLite cache and a
// real trackersim: it lists the profiles, removes one only after asking (with its keychain
// entries and cached lists), tests a stored profile and asks to connect by name.
#include "GuiTestSupport.h"
#include "SimProcess.h"
#include "TestKeychain.h"
#include "secrets/SecretStore.h"
#include "services/ProbeJob.h"
#include "ui/ConnectionDialog.h"
#include "ui/ConnectionPage.h"

#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include <memory>

using namespace accessdesk;

class TestConnectionPage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void listsProfiles();
    void removeCancelledKeepsProfile();
    void removeAcceptedRemovesProfileSecretsAndCache();
    void connectEmitsTheName();
    void testUsesTheStoredSecret();
    void currentConnectionIsShown();
    void firstRunDialogWelcomes();
    void editDialogIsPrefilled();

private:
    QString cell(const QString &name, int column) const;
    // The page's controls, found by object name as a user's tool finds them.
    QTableWidget *profileTable() const
    {
        return child<QTableWidget>(m_page.get(), QStringLiteral("profileTable"));
    }
    QPushButton *button(const char *name) const
    {
        return child<QPushButton>(m_page.get(), QLatin1String(name));
    }
    QString addProfile(const QString &stem, const QString &user, bool pinned);

    TempSettings m_settings;
    ProfileStore *m_store = nullptr; // owned by m_settings
    SecretStore m_secrets;
    TestKeychain m_keychain{&m_secrets};
    QNetworkAccessManager m_network;
    TempDatabase m_data;
    OfflineCache *m_cache = nullptr; // owned by m_data
    std::unique_ptr<SimProcess> m_sim;
    std::unique_ptr<ConnectionPage> m_page;
    QString m_alice;
    QString m_bob;
};

QString TestConnectionPage::addProfile(const QString &stem, const QString &user, bool pinned)
{
    ConnectionProfile profile;
    profile.name = stem;
    profile.baseUrl = QUrl(m_sim->url());
    profile.username = user;
    if (pinned)
        profile.pinnedCertificateSha256 = QString(64, QLatin1Char('a'));
    QString problem;
    const QString name = m_keychain.addProfile(*m_store, profile, true, &problem);
    if (name.isEmpty())
        qFatal("%s", qPrintable(problem));
    return name;
}

void TestConnectionPage::initTestCase()
{
    QVERIFY(m_settings.open());
    m_store = &m_settings.profiles();
    QVERIFY2(m_data.open(), qPrintable(m_data.errorString()));
    m_cache = m_data.offlineCache();
    m_sim = std::make_unique<SimProcess>();
    QVERIFY2(m_sim->start(), qPrintable(m_sim->errorText()));

    m_alice = addProfile(QStringLiteral("alice"), QStringLiteral("alice"), true);
    m_bob = addProfile(QStringLiteral("bob"), QStringLiteral("bob"), false);
    QVERIFY(!m_secrets.isMemoryOnly()); // a real keychain, or the checks below mean nothing
    QVERIFY(m_cache->store(m_bob, QStringLiteral("grants"), "[]", QDateTime::currentDateTimeUtc()));

    m_page = std::make_unique<ConnectionPage>(*m_store, &m_secrets, &m_network, m_cache);
    m_page->resize(1000, 600);
    m_page->show();
}

void TestConnectionPage::cleanupTestCase()
{
    m_page.reset();
    m_keychain.forgetAll();
    m_sim.reset();
}

QString TestConnectionPage::cell(const QString &name, int column) const
{
    const QTableWidget *table = profileTable();
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, ConnectionPage::Name)->text() == name)
            return table->item(row, column)->text();
    }
    return QStringLiteral("<no such row>");
}

void TestConnectionPage::listsProfiles()
{
    QCOMPARE(profileTable()->rowCount(), 2);
    QCOMPARE(cell(m_alice, ConnectionPage::Server), m_sim->url());
    QCOMPARE(cell(m_alice, ConnectionPage::SignIn), ConnectionPage::authKindText(AuthKind::Basic));
    QCOMPARE(cell(m_alice, ConnectionPage::User), QStringLiteral("alice"));
    QCOMPARE(cell(m_alice, ConnectionPage::Pinned), QStringLiteral("Yes"));
    QCOMPARE(cell(m_bob, ConnectionPage::Pinned), QStringLiteral("No"));
}

void TestConnectionPage::removeCancelledKeepsProfile()
{
    QVERIFY(m_page->selectProfile(m_bob));
    ConfirmationDialog *confirm =
        clickConfirmed(button("removeProfile"), m_page.get(), ConfirmationDialog::Answer::Cancel);
    QVERIFY(confirm);
    QVERIFY(confirm->message().contains(m_bob));
    QCOMPARE(answerOf(confirm), std::optional<bool>(false));

    QVERIFY(m_store->find(m_bob));
    QCOMPARE(profileTable()->rowCount(), 2);
    QCOMPARE(m_keychain.read(m_bob, SecretKind::Password), std::optional<QByteArray>("bob"));
    QVERIFY(m_cache->load(m_bob, QStringLiteral("grants")));
}

void TestConnectionPage::removeAcceptedRemovesProfileSecretsAndCache()
{
    QVERIFY(m_page->selectProfile(m_bob));
    QSignalSpy removed(m_page.get(), &ConnectionPage::profileRemoved);
    clickConfirmed(button("removeProfile"), m_page.get(), ConfirmationDialog::Answer::Accept);
    QVERIFY(removed.wait(30000));
    QCOMPARE(removed.first().first().toString(), m_bob);

    QVERIFY(!m_store->find(m_bob));
    QCOMPARE(profileTable()->rowCount(), 1);
    QCOMPARE(m_keychain.read(m_bob, SecretKind::Password), std::optional<QByteArray>(QByteArray()));
    QVERIFY(!m_cache->load(m_bob, QStringLiteral("grants")));
    // The other profile is untouched.
    QVERIFY(m_store->find(m_alice));
    QCOMPARE(m_keychain.read(m_alice, SecretKind::Password), std::optional<QByteArray>("alice"));
}

void TestConnectionPage::connectEmitsTheName()
{
    QSignalSpy connect(m_page.get(), &ConnectionPage::connectRequested);
    QVERIFY(m_page->selectProfile(m_alice));
    QVERIFY(button("connectProfile")->isEnabled());
    QTest::mouseClick(button("connectProfile"), Qt::LeftButton);
    QCOMPARE(connect.count(), 1);
    QCOMPARE(connect.first().first().toString(), m_alice);
}

void TestConnectionPage::testUsesTheStoredSecret()
{
    // alice's profile pins a certificate it does not need: plain http ignores it.
    QVERIFY(m_page->selectProfile(m_alice));
    QSignalSpy finished(m_page->tester(), &ConnectionTester::finished);
    QTest::mouseClick(button("testProfile"), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QVERIFY2(m_page->tester()->result().accepted, qPrintable(m_page->statusText()));
    QVERIFY2(m_page->statusText().startsWith(QLatin1String("Connected to")),
             qPrintable(m_page->statusText()));
}

void TestConnectionPage::currentConnectionIsShown()
{
    QVERIFY(m_page->currentText().contains(QLatin1String("Not connected")));
    ProbeReport report;
    report.server.serverTitle = QStringLiteral("Sim Jira");
    report.server.version = QStringLiteral("9.12.7");
    report.user.name = QStringLiteral("alice");
    report.user.displayName = QStringLiteral("Alice Example");
    report.admin = false;
    m_page->setCurrent(m_alice, &report);
    const QString text = m_page->currentText();
    for (const QString &expected : {m_alice, QStringLiteral("Sim Jira"), QStringLiteral("9.12.7"),
                                    m_sim->url(), QStringLiteral("Alice Example (alice)")})
        QVERIFY2(text.contains(expected), qPrintable(text));
    QVERIFY(text.endsWith(QLatin1String("No")));
    m_page->setCurrent({}, nullptr);
    QVERIFY(m_page->currentText().contains(QLatin1String("Not connected")));
}

void TestConnectionPage::firstRunDialogWelcomes()
{
    ConnectionDialog *dialog = m_page->openFirstRunDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->isEditing());
    bool welcomed = false;
    for (const QLabel *label : dialog->findChildren<QLabel *>()) {
        if (label->accessibleName() == QLatin1String("Welcome") && label->isVisible())
            welcomed = label->text().startsWith(QLatin1String("Welcome"));
    }
    QVERIFY(welcomed);
    delete dialog;
}

void TestConnectionPage::editDialogIsPrefilled()
{
    ConnectionDialog *dialog = m_page->openEditDialog(m_alice);
    QVERIFY(dialog);
    QVERIFY(dialog->isEditing());
    const auto field = [dialog](const char *name) {
        return child<QLineEdit>(dialog, QLatin1String(name));
    };
    QCOMPARE(field("profileName")->text(), m_alice);
    QVERIFY(field("profileName")->isReadOnly());
    QCOMPARE(field("serverAddress")->text(), m_sim->url());
    QCOMPARE(field("userName")->text(), QStringLiteral("alice"));
    QVERIFY(field("password")->text().isEmpty());
    // alice's profile pins a certificate
    QVERIFY(child<QPushButton>(dialog, QStringLiteral("forgetPinnedCertificate"))->isEnabled());
    delete dialog;
}

QTEST_MAIN(TestConnectionPage)
#include "tst_connectionpage.moc"
