// The connection dialog against a real trackersim, a real keyring and a temporary settings file:
// failures are explained next to their field without losing what was typed, and only a profile
// the server accepted is saved, its secret in the keychain and never in the settings file.
#include "GuiTestSupport.h"
#include "SimClient.h"
#include "SimProcess.h"
#include "TestKeychain.h"
#include "api/CertificateInfo.h"
#include "secrets/SecretStore.h"
#include "services/PlainHttpRule.h"
#include "ui/ConfirmationDialog.h"
#include "ui/ConnectionDialog.h"
#include "ui/TlsTrustDialog.h"

#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSslKey>
#include <QSslServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace accessdesk;
using Field = ConnectionCheck::Field;

class TestConnectionDialog final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void invalidUrlFailsWithoutARequest();
    void wrongPasswordKeepsWhatWasTypedAndSavesNothing();
    void captchaIsExplained();
    void unreachableServerIsExplained();
    void httpsAgainstPlainHttpSuggestsHttp();
    void notJiraIsExplained();
    void timeoutIsExplained();
    void closingWhileTestingIsSafe();
    void rightPasswordSavesSecretInKeychainOnly();
    void editingKeepsTheStoredSecret();
    void personalTokenWorks();
    void wrongPersonalTokenIsExplained();
    void trustedCertificateIsPinnedAndSaved();
    void cancelledCertificateSavesNothing();
    void preAnsweredTrustRepeatsTheTest();
    void plainHttpToAnotherComputerAsksFirst();
    void editingTheAddressAsksForTheSecretAgain();
    void trustDialogShowsTheServersOwnCertificate();

private:
    ConnectionDialog *newDialog();
    void fill(const QString &name, const QString &url, const QString &user,
              const QString &password);
    bool click(QPushButton *button, int results = 1);
    // The dialog's controls, found by object name as a user's tool finds them.
    QLineEdit *edit(const char *name) const
    {
        return child<QLineEdit>(m_dialog, QLatin1String(name));
    }
    QPushButton *button(const char *name) const
    {
        return child<QPushButton>(m_dialog, QLatin1String(name));
    }
    void chooseAuthKind(AuthKind kind);
    const SimClient &server() const { return *m_server; }

    TempSettings m_settings;
    ProfileStore *m_store = nullptr; // owned by m_settings
    SecretStore m_secrets;
    TestKeychain m_keychain{&m_secrets};
    QNetworkAccessManager m_network;
    std::unique_ptr<SimProcess> m_sim;
    std::optional<SimClient> m_server;
    QPointer<ConnectionDialog> m_dialog;
    QString m_token;
};

void TestConnectionDialog::initTestCase()
{
    QVERIFY(m_settings.open());
    m_store = &m_settings.profiles();

    // The keychain must be real: a memory fallback would make the keychain checks meaningless.
    const std::optional<QByteArray> probe =
        m_keychain.read(m_keychain.uniqueName(QStringLiteral("probe")), SecretKind::Password);
    QVERIFY2(probe && !m_secrets.isMemoryOnly(), "no keychain: run inside dbus-run-session");

    m_sim = std::make_unique<SimProcess>();
    QVERIFY2(m_sim->start(), qPrintable(m_sim->errorText()));
    m_server.emplace(&m_network, m_sim->url());
}

void TestConnectionDialog::cleanupTestCase()
{
    QVERIFY(m_keychain.forgetAll());
    m_server.reset();
    m_sim.reset();
}

void TestConnectionDialog::cleanup()
{
    delete m_dialog.data();
    server().clearFaults();
}

ConnectionDialog *TestConnectionDialog::newDialog()
{
    delete m_dialog.data();
    m_dialog = new ConnectionDialog(*m_store, &m_secrets, &m_network);
    m_dialog->open();
    return m_dialog;
}

void TestConnectionDialog::fill(const QString &name, const QString &url, const QString &user,
                                const QString &password)
{
    QTest::keyClicks(edit("profileName"), name);
    QTest::keyClicks(edit("serverAddress"), url);
    QTest::keyClicks(edit("userName"), user);
    QTest::keyClicks(edit("password"), password);
}

bool TestConnectionDialog::click(QPushButton *button, int results)
{
    QSignalSpy finished(m_dialog->tester(), &ConnectionTester::finished);
    if (!button->isEnabled())
        return false;
    QTest::mouseClick(button, Qt::LeftButton);
    while (finished.count() < results) {
        if (!finished.wait(30000))
            return false;
    }
    return true;
}

void TestConnectionDialog::chooseAuthKind(AuthKind kind)
{
    auto *kinds = child<QComboBox>(m_dialog, QStringLiteral("authKind"));
    kinds->setCurrentIndex(kinds->findData(int(kind)));
}

void TestConnectionDialog::invalidUrlFailsWithoutARequest()
{
    newDialog();
    const QString name = m_keychain.uniqueName(QStringLiteral("invalid"));
    fill(name, QStringLiteral("jira.example.com"), QStringLiteral("alice"),
         QStringLiteral("alice"));
    QSignalSpy requests(&m_network, &QNetworkAccessManager::finished);
    QVERIFY(click(button("saveProfile")));

    QVERIFY2(m_dialog->messageFor(Field::BaseUrl).contains(QLatin1String("https://")),
             qPrintable(m_dialog->messageFor(Field::BaseUrl)));
    QCOMPARE(m_dialog->tester()->result().error.kind(), ApiError::Kind::None);
    QCoreApplication::processEvents();
    QCOMPARE(requests.count(), 0);
    QCOMPARE(edit("serverAddress")->text(), QStringLiteral("jira.example.com"));
    QVERIFY(!m_store->find(name));
}

void TestConnectionDialog::wrongPasswordKeepsWhatWasTypedAndSavesNothing()
{
    newDialog();
    const QString name = m_keychain.uniqueName(QStringLiteral("wrong"));
    fill(name, m_sim->url(), QStringLiteral("alice"), QStringLiteral("not-her-password"));
    child<QSpinBox>(m_dialog, QStringLiteral("timeout"))->setValue(45);
    QVERIFY(click(button("saveProfile")));

    const ConnectionCheck &check = m_dialog->tester()->result();
    QVERIFY(!check.accepted);
    QCOMPARE(check.error.kind(), ApiError::Kind::Unauthenticated);
    QCOMPARE(check.field, Field::Secret);
    QVERIFY2(m_dialog->messageFor(Field::Secret).contains(QLatin1String("password is wrong")),
             qPrintable(m_dialog->messageFor(Field::Secret)));
    QVERIFY(m_dialog->messageFor(Field::BaseUrl).isEmpty());
    QVERIFY(m_dialog->isVisible());
    // The field at fault has the focus, its text selected for retyping.
    QCOMPARE(m_dialog->focusWidget(), edit("password"));
    QVERIFY(edit("password")->hasSelectedText());

    // Everything typed is still there.
    QCOMPARE(edit("profileName")->text(), name);
    QCOMPARE(edit("serverAddress")->text(), m_sim->url());
    QCOMPARE(edit("userName")->text(), QStringLiteral("alice"));
    QCOMPARE(edit("password")->text(), QStringLiteral("not-her-password"));
    QCOMPARE(child<QSpinBox>(m_dialog, QStringLiteral("timeout"))->value(), 45);

    // Nothing saved, neither in the settings nor in the keychain.
    QVERIFY(!m_store->find(name));
    QVERIFY(!m_settings.contents().contains(name.toUtf8()));
    QCOMPARE(m_keychain.read(name, SecretKind::Password), std::optional<QByteArray>(QByteArray()));
}

void TestConnectionDialog::captchaIsExplained()
{
    QVERIFY(server().addFault(QJsonObject{
        {QStringLiteral("path"), QStringLiteral("/rest/api/2/myself")},
        {QStringLiteral("status"), 403},
        {QStringLiteral("contentType"), QStringLiteral("text/html")},
        {QStringLiteral("body"), QStringLiteral("<html><title>Forbidden</title></html>")},
        {QStringLiteral("headers"),
         QJsonObject{{QStringLiteral("X-Authentication-Denied-Reason"),
                      QStringLiteral("CAPTCHA_CHALLENGE; login-url=/login.jsp")}}}}));
    newDialog();
    fill(m_keychain.uniqueName(QStringLiteral("captcha")), m_sim->url(), QStringLiteral("alice"),
         QStringLiteral("alice"));
    QVERIFY(click(button("testConnection")));
    QVERIFY2(m_dialog->messageFor(Field::Secret).contains(QLatin1String("CAPTCHA")),
             qPrintable(m_dialog->messageFor(Field::Secret)));
}

void TestConnectionDialog::unreachableServerIsExplained()
{
    newDialog();
    // Port 1 on loopback: nothing listens there.
    fill(m_keychain.uniqueName(QStringLiteral("unreachable")), QStringLiteral("http://127.0.0.1:1"),
         QStringLiteral("alice"), QStringLiteral("alice"));
    QVERIFY(click(button("testConnection")));
    QCOMPARE(m_dialog->tester()->result().error.kind(), ApiError::Kind::Network);
    QVERIFY2(m_dialog->messageFor(Field::BaseUrl).contains(QLatin1String("could not reach")),
             qPrintable(m_dialog->messageFor(Field::BaseUrl)));
    // The port is named: a wrong port is the likeliest mistake on a server that runs.
    QVERIFY2(m_dialog->messageFor(Field::BaseUrl).contains(QLatin1String("127.0.0.1:1")),
             qPrintable(m_dialog->messageFor(Field::BaseUrl)));
    // The cursor waits in the field to fix.
    QCOMPARE(m_dialog->focusWidget(), edit("serverAddress"));
}

void TestConnectionDialog::httpsAgainstPlainHttpSuggestsHttp()
{
    newDialog();
    // trackersim's plain port, addressed with https://: the TLS handshake meets an HTTP answer.
    QUrl https(m_sim->url());
    QCOMPARE(https.scheme(), QStringLiteral("http"));
    https.setScheme(QStringLiteral("https"));
    fill(m_keychain.uniqueName(QStringLiteral("httpsplain")), https.toString(),
         QStringLiteral("alice"), QStringLiteral("alice"));
    QVERIFY(click(button("saveProfile")));
    // QHttpServer closes the connection on a TLS hello (a network error); other servers answer
    // it with HTTP (a TLS error): either way the same port is then asked over http://.
    const ConnectionCheck &check = m_dialog->tester()->result();
    QVERIFY(!check.accepted);
    QCOMPARE(check.field, Field::BaseUrl);
    QCOMPARE(check.suggestedBaseUrl, QUrl(m_sim->url()));
    const QString message = m_dialog->messageFor(Field::BaseUrl);
    QVERIFY2(message.contains(QLatin1String("Try the address with http://")), qPrintable(message));
    QVERIFY2(message.contains(m_sim->url()), qPrintable(message));
    QCOMPARE(m_dialog->focusWidget(), edit("serverAddress"));
}

void TestConnectionDialog::notJiraIsExplained()
{
    newDialog();
    // The right server under a wrong context path answers 404 everywhere, like a web site would.
    fill(m_keychain.uniqueName(QStringLiteral("notjira")),
         m_sim->url() + QStringLiteral("/no-jira-here"), QStringLiteral("alice"),
         QStringLiteral("alice"));
    QVERIFY(click(button("testConnection")));
    QVERIFY2(m_dialog->messageFor(Field::BaseUrl).contains(QLatin1String("not a Jira server")),
             qPrintable(m_dialog->messageFor(Field::BaseUrl)));
}

void TestConnectionDialog::timeoutIsExplained()
{
    QVERIFY(server().addFault(
        QJsonObject{{QStringLiteral("path"), QStringLiteral("/rest/api/2/serverInfo")},
                    {QStringLiteral("action"), QStringLiteral("stall")},
                    {QStringLiteral("delayMs"), 0}}));
    newDialog();
    fill(m_keychain.uniqueName(QStringLiteral("slow")), m_sim->url(), QStringLiteral("alice"),
         QStringLiteral("alice"));
    child<QSpinBox>(m_dialog, QStringLiteral("timeout"))->setValue(1);
    QVERIFY(click(button("testConnection")));
    QCOMPARE(m_dialog->tester()->result().error.kind(), ApiError::Kind::Timeout);
    QVERIFY2(m_dialog->messageFor(Field::Timeout).contains(QLatin1String("did not answer")),
             qPrintable(m_dialog->messageFor(Field::Timeout)));
}

void TestConnectionDialog::closingWhileTestingIsSafe()
{
    QVERIFY(server().addFault(
        QJsonObject{{QStringLiteral("path"), QStringLiteral("/rest/api/2/serverInfo")},
                    {QStringLiteral("action"), QStringLiteral("stall")},
                    {QStringLiteral("delayMs"), 0}}));
    newDialog();
    const QString name = m_keychain.uniqueName(QStringLiteral("closed"));
    fill(name, m_sim->url(), QStringLiteral("alice"), QStringLiteral("alice"));
    QTest::mouseClick(button("saveProfile"), Qt::LeftButton);
    QVERIFY(m_dialog->tester()->isBusy());
    QVERIFY(!button("saveProfile")->isEnabled());
    QTest::mouseClick(button("cancelProfile"), Qt::LeftButton);
    QVERIFY(!m_dialog->isVisible());
    // Deleted on close while the probe is still waiting for the server.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QVERIFY(m_dialog.isNull());
    QVERIFY(!m_store->find(name));
}

void TestConnectionDialog::rightPasswordSavesSecretInKeychainOnly()
{
    newDialog();
    const QString name = m_keychain.uniqueName(QStringLiteral("basic"));
    fill(name, m_sim->url(), QStringLiteral("alice"), QStringLiteral("alice"));
    QSignalSpy saved(m_dialog.data(), &ConnectionDialog::profileSaved);
    QVERIFY(click(button("testConnection")));
    QVERIFY2(m_dialog->tester()->result().accepted,
             qPrintable(m_dialog->tester()->result().message));
    QVERIFY(!m_store->find(name)); // a test alone saves nothing

    QVERIFY(click(button("saveProfile")));
    QCOMPARE(saved.count(), 1);
    QCOMPARE(saved.first().first().toString(), name);
    QVERIFY(!m_dialog || !m_dialog->isVisible()); // closed after saving

    const std::optional<ConnectionProfile> profile = m_store->find(name);
    QVERIFY(profile);
    QCOMPARE(profile->baseUrl, QUrl(m_sim->url()));
    QCOMPARE(profile->authKind, AuthKind::Basic);
    QCOMPARE(profile->username, QStringLiteral("alice"));
    QCOMPARE(m_keychain.read(name, SecretKind::Password), std::optional<QByteArray>("alice"));

    // The password equals the user name here, so: "alice" appears in the file only as the user.
    const QList<QByteArray> lines = m_settings.contents().split('\n');
    for (const QByteArray &line : lines) {
        if (line.contains("alice") && !line.trimmed().endsWith("\\username=alice"))
            QFAIL(
                qPrintable(QStringLiteral("unexpected settings line: ") + QString::fromUtf8(line)));
        QVERIFY(!line.toLower().contains("password"));
    }
}

void TestConnectionDialog::editingKeepsTheStoredSecret()
{
    const QString name = m_keychain.uniqueName(QStringLiteral("edit"));
    newDialog();
    fill(name, m_sim->url(), QStringLiteral("bob"), QStringLiteral("bob"));
    QVERIFY(click(button("saveProfile")));
    QVERIFY(m_store->find(name));

    newDialog();
    m_dialog->setProfile(*m_store->find(name));
    QVERIFY(m_dialog->isEditing());
    QCOMPARE(edit("serverAddress")->text(), m_sim->url());
    QCOMPARE(edit("userName")->text(), QStringLiteral("bob"));
    QVERIFY(edit("password")->text().isEmpty()); // never read back
    QCOMPARE(edit("password")->placeholderText(), QStringLiteral("unchanged"));

    child<QSpinBox>(m_dialog, QStringLiteral("timeout"))->setValue(20);
    QSignalSpy saved(m_dialog.data(), &ConnectionDialog::profileSaved);
    QVERIFY(click(button("saveProfile")));
    QCOMPARE(saved.count(), 1);
    QCOMPARE(m_store->find(name)->timeoutSeconds, 20);
    QCOMPARE(m_keychain.read(name, SecretKind::Password), std::optional<QByteArray>("bob"));
}

void TestConnectionDialog::personalTokenWorks()
{
    const HttpResult made = server().sendJson(
        "POST", QStringLiteral("/rest/pat/latest/tokens"),
        R"({"name": "connection-dialog-test", "expirationDuration": 5})", "alice");
    QVERIFY2(made.status == 201 || made.status == 200, made.body.constData());
    m_token =
        QJsonDocument::fromJson(made.body).object().value(QStringLiteral("rawToken")).toString();
    QVERIFY(!m_token.isEmpty());

    newDialog();
    const QString name = m_keychain.uniqueName(QStringLiteral("pat"));
    QTest::keyClicks(edit("profileName"), name);
    QTest::keyClicks(edit("serverAddress"), m_sim->url());
    chooseAuthKind(AuthKind::PersonalToken);
    QVERIFY(edit("personalToken")->isVisibleTo(m_dialog));
    QVERIFY(!edit("password")->isVisibleTo(m_dialog));
    edit("personalToken")->setText(m_token);
    QVERIFY(click(button("saveProfile")));
    QVERIFY(m_store->find(name));
    QCOMPARE(m_store->find(name)->authKind, AuthKind::PersonalToken);
    QCOMPARE(m_store->find(name)->username, QStringLiteral("alice")); // as the server said
    QCOMPARE(m_keychain.read(name, SecretKind::PersonalToken),
             std::optional<QByteArray>(m_token.toUtf8()));
    QVERIFY(!m_settings.contents().contains(m_token.toUtf8()));
}

void TestConnectionDialog::wrongPersonalTokenIsExplained()
{
    newDialog();
    const QString name = m_keychain.uniqueName(QStringLiteral("badpat"));
    QTest::keyClicks(edit("profileName"), name);
    QTest::keyClicks(edit("serverAddress"), m_sim->url());
    chooseAuthKind(AuthKind::PersonalToken);
    edit("personalToken")->setText(QStringLiteral("NotARealTokenAtAll1234567890"));
    QVERIFY(click(button("saveProfile")));
    QVERIFY2(m_dialog->messageFor(Field::Secret).contains(QLatin1String("personal access token")),
             qPrintable(m_dialog->messageFor(Field::Secret)));
    QCOMPARE(edit("personalToken")->text(), QStringLiteral("NotARealTokenAtAll1234567890"));
    QVERIFY(!m_store->find(name));
    QCOMPARE(m_keychain.read(name, SecretKind::PersonalToken),
             std::optional<QByteArray>(QByteArray()));
}

void TestConnectionDialog::trustedCertificateIsPinnedAndSaved()
{
    SimProcess tls({QStringLiteral("--tls")});
    QVERIFY2(tls.start(), qPrintable(tls.errorText()));
    QVERIFY(tls.url().startsWith(QLatin1String("https://")));

    newDialog();
    const QString name = m_keychain.uniqueName(QStringLiteral("tls"));
    fill(name, tls.url(), QStringLiteral("alice"), QStringLiteral("alice"));
    QVERIFY(click(button("saveProfile")));
    QVERIFY(m_dialog->tester()->result().canTrustCertificate());
    TlsTrustDialog *trust = m_dialog->findChild<TlsTrustDialog *>();
    QVERIFY(trust);
    QVERIFY(trust->isVisible());
    QVERIFY(child<QPushButton>(trust, QStringLiteral("cancelTrust"))->isDefault());
    // The fingerprint shown is the one the server printed.
    QCOMPARE(CertificateInfo::normaliseFingerprint(trust->shownFingerprint()),
             CertificateInfo::normaliseFingerprint(tls.fingerprint()));
    QVERIFY(!m_store->find(name));

    QSignalSpy finished(m_dialog->tester(), &ConnectionTester::finished);
    QTest::mouseClick(child<QPushButton>(trust, QStringLiteral("trustCertificate")),
                      Qt::LeftButton);
    QSignalSpy saved(m_dialog.data(), &ConnectionDialog::profileSaved);
    QVERIFY(finished.wait(30000));
    QCOMPARE(saved.count(), 1);

    const std::optional<ConnectionProfile> profile = m_store->find(name);
    QVERIFY(profile);
    QCOMPARE(profile->pinnedCertificateSha256, normalisedSha256(tls.fingerprint()));
    QCOMPARE(m_keychain.read(name, SecretKind::Password), std::optional<QByteArray>("alice"));
}

void TestConnectionDialog::cancelledCertificateSavesNothing()
{
    SimProcess tls({QStringLiteral("--tls")});
    QVERIFY2(tls.start(), qPrintable(tls.errorText()));

    newDialog();
    const QString name = m_keychain.uniqueName(QStringLiteral("tls-cancel"));
    fill(name, tls.url(), QStringLiteral("alice"), QStringLiteral("alice"));
    QVERIFY(click(button("saveProfile")));
    TlsTrustDialog *trust = m_dialog->findChild<TlsTrustDialog *>();
    QVERIFY(trust);
    QSignalSpy answered(trust, &TlsTrustDialog::answered);
    QTest::mouseClick(child<QPushButton>(trust, QStringLiteral("cancelTrust")), Qt::LeftButton);
    QCOMPARE(answered.count(), 1);

    QVERIFY2(m_dialog->messageFor(Field::BaseUrl).contains(QLatin1String("not trusted")),
             qPrintable(m_dialog->messageFor(Field::BaseUrl)));
    QVERIFY(!m_dialog->tester()->isBusy());
    QCOMPARE(edit("password")->text(), QStringLiteral("alice"));
    QVERIFY(!m_store->find(name));
    QCOMPARE(m_keychain.read(name, SecretKind::Password), std::optional<QByteArray>(QByteArray()));
}

void TestConnectionDialog::preAnsweredTrustRepeatsTheTest()
{
    SimProcess tls({QStringLiteral("--tls")});
    QVERIFY2(tls.start(), qPrintable(tls.errorText()));

    newDialog();
    const QString name = m_keychain.uniqueName(QStringLiteral("tls-hook"));
    fill(name, tls.url(), QStringLiteral("alice"), QStringLiteral("alice"));
    TlsTrustDialog::setNextAnswer(TlsTrustDialog::Answer::Trust);
    QVERIFY(click(button("testConnection"), 2)); // refused, then trusted and repeated
    QVERIFY2(m_dialog->tester()->result().accepted,
             qPrintable(m_dialog->tester()->result().message));
    QCOMPARE(CertificateInfo::normaliseFingerprint(
                 child<QLabel>(m_dialog, QStringLiteral("pinnedCertificate"))->text()),
             CertificateInfo::normaliseFingerprint(tls.fingerprint()));
    QVERIFY(button("forgetPinnedCertificate")->isEnabled());
    QVERIFY(!m_store->find(name)); // a test saves nothing

    // Forgetting the pin makes the next test refuse the certificate again.
    QTest::mouseClick(button("forgetPinnedCertificate"), Qt::LeftButton);
    QVERIFY(click(button("testConnection")));
    QVERIFY(m_dialog->tester()->result().canTrustCertificate());
}

void TestConnectionDialog::plainHttpToAnotherComputerAsksFirst()
{
    newDialog();
    const QString name = m_keychain.uniqueName(QStringLiteral("plain"));
    fill(name, QStringLiteral("http://example.test"), QStringLiteral("alice"),
         QStringLiteral("alice"));
    child<QSpinBox>(m_dialog, QStringLiteral("timeout"))->setValue(2);

    // Asked before anything is sent; declined, nothing is sent or saved.
    ConfirmationDialog::setNextAnswer(ConfirmationDialog::Answer::Cancel);
    QVERIFY(click(button("saveProfile")));
    QVERIFY(m_dialog->tester()->result().needsPlainHttpConsent);
    QPointer<ConfirmationDialog> asked =
        m_dialog->findChild<ConfirmationDialog *>(QStringLiteral("plainHttpConfirmation"));
    QVERIFY(asked);
    QCOMPARE(child<QPushButton>(asked, QStringLiteral("confirmAccept"))->text(),
             QStringLiteral("Send my password unencrypted"));
    QVERIFY(child<QPushButton>(asked, QStringLiteral("confirmCancel"))->isDefault());
    QVERIFY2(asked->message().contains(QLatin1String("example.test")),
             qPrintable(asked->message()));
    QVERIFY(asked->message().contains(QLatin1String("unencrypted")));
    QTRY_VERIFY(asked.isNull()); // it answered itself
    QVERIFY(!m_dialog->tester()->isBusy());
    QVERIFY(m_dialog->messageFor(Field::BaseUrl).contains(QLatin1String("http://")));
    QCOMPARE(edit("password")->text(), QStringLiteral("alice"));
    QVERIFY(!m_store->find(name));

    // Confirmed: the consent is for this address, and the save goes ahead (nobody answers at
    // 192.0.2.10, so it then fails on the network, not on the rule).
    edit("serverAddress")->setText(QStringLiteral("http://192.0.2.10:9"));
    ConfirmationDialog::setNextAnswer(ConfirmationDialog::Answer::Accept);
    QVERIFY(click(button("saveProfile"), 2));
    const ConnectionCheck &check = m_dialog->tester()->result();
    QVERIFY(!check.needsPlainHttpConsent);
    QVERIFY2(check.error.kind() == ApiError::Kind::Network ||
                 check.error.kind() == ApiError::Kind::Timeout,
             qPrintable(check.message));
    QCOMPARE(m_dialog->draft().profile.options.value(QLatin1String(plainhttp::kConsentOption)),
             QStringLiteral("http://192.0.2.10:9"));
    QVERIFY(!plainhttp::needsConsent(m_dialog->draft().profile));
    // Another address is another question.
    edit("serverAddress")->setText(QStringLiteral("http://192.0.2.11:9"));
    QVERIFY(plainhttp::needsConsent(m_dialog->draft().profile));
    QVERIFY(!m_store->find(name));
}

void TestConnectionDialog::editingTheAddressAsksForTheSecretAgain()
{
    const QString name = m_keychain.uniqueName(QStringLiteral("move"));
    newDialog();
    fill(name, m_sim->url(), QStringLiteral("bob"), QStringLiteral("bob"));
    QVERIFY(click(button("saveProfile")));
    QVERIFY(m_store->find(name));

    newDialog();
    m_dialog->setProfile(*m_store->find(name));
    QCOMPARE(edit("password")->placeholderText(), QStringLiteral("unchanged"));
    // Same server by another name (localhost): another host, so the stored password stays back.
    const QString moved =
        QString(m_sim->url()).replace(QLatin1String("127.0.0.1"), QLatin1String("localhost"));
    edit("serverAddress")->setText(moved);
    QCOMPARE(edit("password")->placeholderText(),
             QStringLiteral("enter it again for the new address"));
    QVERIFY(click(button("saveProfile")));
    QVERIFY2(m_dialog->messageFor(Field::Secret).contains(QLatin1String("password again")),
             qPrintable(m_dialog->messageFor(Field::Secret)));
    QCOMPARE(m_store->find(name)->baseUrl.toString(), m_sim->url()); // not saved
    QCOMPARE(m_keychain.read(name, SecretKind::Password), std::optional<QByteArray>("bob"));

    // Typed again: saved with the new address.
    QTest::keyClicks(edit("password"), QStringLiteral("bob"));
    QSignalSpy saved(m_dialog.data(), &ConnectionDialog::profileSaved);
    QVERIFY(click(button("saveProfile")));
    QCOMPARE(saved.count(), 1);
    QCOMPARE(m_store->find(name)->baseUrl.toString(), moved);

    // Back to the old address text: the placeholder says the stored one applies again.
    newDialog();
    m_dialog->setProfile(*m_store->find(name));
    edit("serverAddress")->setText(m_sim->url());
    QCOMPARE(edit("password")->placeholderText(),
             QStringLiteral("enter it again for the new address"));
    edit("serverAddress")->setText(moved);
    QCOMPARE(edit("password")->placeholderText(), QStringLiteral("unchanged"));
}

void TestConnectionDialog::trustDialogShowsTheServersOwnCertificate()
{
    // A server that sends its certificate with the CA that issued it: the complaint is about the
    // CA (untrusted root in the chain), but the dialog must show, and offer to pin, the server's.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto path = [&dir](const char *file) { return dir.filePath(QLatin1String(file)); };
    {
        QFile ext(path("leaf.ext"));
        QVERIFY(ext.open(QIODevice::WriteOnly));
        ext.write("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n");
    }
    const auto S = [](const char *text) { return QString::fromLatin1(text); };
    QVERIFY(runOpenssl({S("req"), S("-x509"), S("-newkey"), S("rsa:2048"), S("-nodes"), S("-subj"),
                        S("/CN=Dialog Test CA"), S("-days"), S("2"), S("-keyout"), path("ca.key"),
                        S("-out"), path("ca.pem")}));
    QVERIFY(runOpenssl({S("req"), S("-newkey"), S("rsa:2048"), S("-nodes"), S("-subj"),
                        S("/CN=127.0.0.1"), S("-keyout"), path("leaf.key"), S("-out"),
                        path("leaf.csr")}));
    QVERIFY(runOpenssl({S("x509"), S("-req"), S("-in"), path("leaf.csr"), S("-CA"), path("ca.pem"),
                        S("-CAkey"), path("ca.key"), S("-set_serial"), S("7"), S("-days"), S("2"),
                        S("-extfile"), path("leaf.ext"), S("-out"), path("leaf.pem")}));
    const QSslCertificate leaf = QSslCertificate::fromPath(path("leaf.pem")).value(0);
    const QSslCertificate ca = QSslCertificate::fromPath(path("ca.pem")).value(0);
    QFile keyFile(path("leaf.key"));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    QSslConfiguration served = QSslConfiguration::defaultConfiguration();
    served.setLocalCertificateChain({leaf, ca});
    served.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
    // Only the handshake matters: the refusal comes before any HTTP.
    QSslServer server;
    server.setSslConfiguration(served);
    QVERIFY(server.listen(QHostAddress::LocalHost));

    newDialog();
    const QString name = m_keychain.uniqueName(QStringLiteral("chain"));
    fill(name, QStringLiteral("https://127.0.0.1:%1").arg(server.serverPort()),
         QStringLiteral("alice"), QStringLiteral("alice"));
    QVERIFY(click(button("testConnection")));
    QVERIFY2(m_dialog->tester()->result().canTrustCertificate(),
             qPrintable(m_dialog->tester()->result().message));
    TlsTrustDialog *trust = m_dialog->findChild<TlsTrustDialog *>();
    QVERIFY(trust);
    QCOMPARE(trust->certificate().sha256, CertificateInfo::fingerprint(leaf));
    QCOMPARE(CertificateInfo::normaliseFingerprint(trust->shownFingerprint()),
             CertificateInfo::fingerprint(leaf));
    QVERIFY(trust->certificate().sha256 != CertificateInfo::fingerprint(ca));
    QCOMPARE(trust->certificate().subject, QStringLiteral("127.0.0.1"));
    QTest::mouseClick(child<QPushButton>(trust, QStringLiteral("cancelTrust")), Qt::LeftButton);
}

QTEST_MAIN(TestConnectionDialog)
#include "tst_connectiondialog.moc"
