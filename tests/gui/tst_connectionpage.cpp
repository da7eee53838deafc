// The Connection page with a temporary settings file, a real keyring, a real SQLite cache and a
// real trackersim: it lists the profiles, removes one only after asking (with its keychain
// entries and cached lists), tests a stored profile and asks to connect by name.
#include "SimProcess.h"
#include "secrets/SecretJob.h"
#include "secrets/SecretStore.h"
#include "services/ProbeJob.h"
#include "storage/Database.h"
#include "storage/OfflineCache.h"
#include "storage/ProfileStore.h"
#include "ui/ConfirmationDialog.h"
#include "ui/ConnectionDialog.h"
#include "ui/ConnectionPage.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

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
    bool runSecret(SecretJob *job, QByteArray *value = nullptr);
    QString cell(const QString &name, int column) const;
    QString addProfile(const QString &stem, const QString &user, bool pinned);

    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ProfileStore> m_store;
    SecretStore m_secrets;
    QNetworkAccessManager m_network;
    Database m_database;
    std::unique_ptr<OfflineCache> m_cache;
    std::unique_ptr<SimProcess> m_sim;
    std::unique_ptr<ConnectionPage> m_page;
    QStringList m_names;
    QString m_alice;
    QString m_bob;
};

bool TestConnectionPage::runSecret(SecretJob *job, QByteArray *value)
{
    job->setAutoDelete(false);
    std::unique_ptr<SecretJob> owned(job);
    QSignalSpy done(job, &SecretJob::finished);
    if (!done.wait(30000) || job->hasError())
        return false;
    if (value)
        *value = job->found() ? job->value() : QByteArray();
    return true;
}

QString TestConnectionPage::addProfile(const QString &stem, const QString &user, bool pinned)
{
    ConnectionProfile profile;
    profile.name =
        stem + QLatin1Char('-') + QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
    profile.baseUrl = QUrl(m_sim->url());
    profile.username = user;
    if (pinned)
        profile.pinnedCertificateSha256 = QString(64, QLatin1Char('a'));
    m_names.append(profile.name);
    QStringList problems;
    if (!m_store->save(profile, ProfileStore::SaveMode::CreateOnly, &problems))
        qFatal("%s", qPrintable(problems.join(QLatin1Char(' '))));
    if (!runSecret(
            m_secrets.writeSecret(SecretKey{profile.name, SecretKind::Password}, user.toUtf8())))
        qFatal("could not write a secret");
    return profile.name;
}

void TestConnectionPage::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("config"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("data"))));
    m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("profiles.ini")),
                                             QSettings::IniFormat);
    m_store = std::make_unique<ProfileStore>(*m_settings);
    QVERIFY(m_database.open(m_dir.filePath(QStringLiteral("cache.sqlite"))));
    m_cache = std::make_unique<OfflineCache>(m_database);
    m_sim = std::make_unique<SimProcess>();
    QVERIFY2(m_sim->start(), qPrintable(m_sim->errorText()));

    m_alice = addProfile(QStringLiteral("alice"), QStringLiteral("alice"), true);
    m_bob = addProfile(QStringLiteral("bob"), QStringLiteral("bob"), false);
    QVERIFY(!m_secrets.isMemoryOnly()); // a real keychain, or the checks below mean nothing
    QVERIFY(m_cache->store(m_bob, QStringLiteral("grants"), "[]", QDateTime::currentDateTimeUtc()));

    m_page = std::make_unique<ConnectionPage>(*m_store, &m_secrets, &m_network, m_cache.get());
    m_page->resize(1000, 600);
    m_page->show();
}

void TestConnectionPage::cleanupTestCase()
{
    m_page.reset();
    for (const QString &name : std::as_const(m_names))
        runSecret(m_secrets.deleteAllFor(name));
    m_sim.reset();
}

QString TestConnectionPage::cell(const QString &name, int column) const
{
    const QTableWidget *table = m_page->table();
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, ConnectionPage::Name)->text() == name)
            return table->item(row, column)->text();
    }
    return QStringLiteral("<no such row>");
}

void TestConnectionPage::listsProfiles()
{
    QCOMPARE(m_page->table()->rowCount(), 2);
    QCOMPARE(cell(m_alice, ConnectionPage::Server), m_sim->url());
    QCOMPARE(cell(m_alice, ConnectionPage::SignIn), ConnectionPage::authKindText(AuthKind::Basic));
    QCOMPARE(cell(m_alice, ConnectionPage::User), QStringLiteral("alice"));
    QCOMPARE(cell(m_alice, ConnectionPage::Pinned), QStringLiteral("Yes"));
    QCOMPARE(cell(m_bob, ConnectionPage::Pinned), QStringLiteral("No"));
}

void TestConnectionPage::removeCancelledKeepsProfile()
{
    QVERIFY(m_page->selectProfile(m_bob));
    ConfirmationDialog::setNextAnswer(ConfirmationDialog::Answer::Cancel);
    QTest::mouseClick(m_page->removeButton(), Qt::LeftButton);
    auto *confirm = m_page->findChild<ConfirmationDialog *>();
    QVERIFY(confirm);
    QVERIFY(confirm->message().contains(m_bob));
    QSignalSpy answered(confirm, &ConfirmationDialog::answered);
    QVERIFY(answered.wait(10000));
    QCOMPARE(answered.first().first().toBool(), false);

    QVERIFY(m_store->find(m_bob));
    QCOMPARE(m_page->table()->rowCount(), 2);
    QByteArray secret;
    QVERIFY(runSecret(m_secrets.readSecret(SecretKey{m_bob, SecretKind::Password}), &secret));
    QCOMPARE(secret, QByteArray("bob"));
    QVERIFY(m_cache->load(m_bob, QStringLiteral("grants")));
}

void TestConnectionPage::removeAcceptedRemovesProfileSecretsAndCache()
{
    QVERIFY(m_page->selectProfile(m_bob));
    QSignalSpy removed(m_page.get(), &ConnectionPage::profileRemoved);
    ConfirmationDialog::setNextAnswer(ConfirmationDialog::Answer::Accept);
    QTest::mouseClick(m_page->removeButton(), Qt::LeftButton);
    QVERIFY(removed.wait(30000));
    QCOMPARE(removed.first().first().toString(), m_bob);

    QVERIFY(!m_store->find(m_bob));
    QCOMPARE(m_page->table()->rowCount(), 1);
    QByteArray secret = "still there";
    QVERIFY(runSecret(m_secrets.readSecret(SecretKey{m_bob, SecretKind::Password}), &secret));
    QVERIFY(secret.isEmpty());
    QVERIFY(!m_cache->load(m_bob, QStringLiteral("grants")));
    // The other profile is untouched.
    QVERIFY(m_store->find(m_alice));
    QVERIFY(runSecret(m_secrets.readSecret(SecretKey{m_alice, SecretKind::Password}), &secret));
    QCOMPARE(secret, QByteArray("alice"));
}

void TestConnectionPage::connectEmitsTheName()
{
    QSignalSpy connect(m_page.get(), &ConnectionPage::connectRequested);
    QVERIFY(m_page->selectProfile(m_alice));
    QVERIFY(m_page->connectButton()->isEnabled());
    QTest::mouseClick(m_page->connectButton(), Qt::LeftButton);
    QCOMPARE(connect.count(), 1);
    QCOMPARE(connect.first().first().toString(), m_alice);
}

void TestConnectionPage::testUsesTheStoredSecret()
{
    // alice's profile pins a certificate it does not need: plain http ignores it.
    QVERIFY(m_page->selectProfile(m_alice));
    QSignalSpy finished(m_page->tester(), &ConnectionTester::finished);
    QTest::mouseClick(m_page->testButton(), Qt::LeftButton);
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
    QCOMPARE(dialog->nameEdit()->text(), m_alice);
    QVERIFY(dialog->nameEdit()->isReadOnly());
    QCOMPARE(dialog->urlEdit()->text(), m_sim->url());
    QCOMPARE(dialog->userEdit()->text(), QStringLiteral("alice"));
    QVERIFY(dialog->passwordEdit()->text().isEmpty());
    QVERIFY(dialog->forgetButton()->isEnabled()); // alice's profile pins a certificate
    delete dialog;
}

QTEST_MAIN(TestConnectionPage)
#include "tst_connectionpage.moc"
