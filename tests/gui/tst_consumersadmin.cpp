// Administration → OAuth consumers against a real trackersim on the offscreen platform: the list
// with each key's fingerprint; the approve form refusing bad keys at the key field without
// sending anything, keeping what was typed through a server refusal, impersonation closed to
// non-sysadmins, Fetch from the remote (and a remote answering a web page), Generate key pair
// (mode 0600, replacing a file only when confirmed), an approval read back; Remove asked first,
// then gone on the server; a non-administrator offered nothing. Changes land in a real SQLite
// activity log.
#include "AdminFormsSupport.h"
#include "GuiTestSupport.h"
#include "SimSession.h"
#include "services/AdminController.h"
#include "services/ConsumersController.h"
#include "ui/AdminListTab.h"
#include "ui/AdminRows.h"
#include "ui/AdministrationPage.h"
#include "ui/ApproveConsumerDialog.h"
#include "ui/ConsumerKeyEditor.h"
#include "ui/RemoteConsumerFetch.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <memory>

using namespace accessdesk;

namespace {

QString consumerPath(const QString &linkId)
{
    return QStringLiteral("/rest/applinks-oauth/1.0/applicationlink/") + linkId +
           QStringLiteral("/authentication/consumer");
}

} // namespace

class TestConsumersAdmin final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void listsConsumersWithFingerprints();
    void refusesBadKeysAtTheKeyField_data();
    void refusesBadKeysAtTheKeyField();
    void serverRefusalKeepsWhatWasTyped();
    void impersonationIsForSystemAdministrators();
    void fetchFromTheRemoteFillsTheForm();
    void remoteAnsweringAWebPageIsNamed();
    void loadFromFileTakesAPublicKeyOnly();
    void generatedKeyReplacesAFileOnlyWhenConfirmed();
    void approvalIsReadBackAndRecorded();
    void removeAsksThenTheConsumerIsGone();
    void nonAdministratorIsOfferedNothing();
    void everyControlHasAName();

private:
    AdminListTab *list() const;
    ApproveConsumerDialog *openForm(const QString &linkName);
    QString linkIdOf(const QString &name) const;
    // The server's consumer of the link: its JSON, or an empty object when it has none.
    QJsonObject serverConsumer(const QString &linkId) const;
    void fillBasics(ApproveConsumerDialog *form, const QString &key);
    bool approve(ApproveConsumerDialog *form);

    TempDatabase m_data;
    SimSession m_session;
    ShownAdminPage m_shown;
    QTemporaryDir m_keys;
};

void TestConsumersAdmin::initTestCase()
{
    QVERIFY2(m_data.open(), qPrintable(m_data.errorString()));
    QVERIFY(m_keys.isValid());
    QVERIFY2(m_session.start(QStringLiteral("admin"), withoutRetries()),
             qPrintable(m_session.errorText()));
    m_shown =
        showAdminPage(m_session.connection(), m_data.activityLog(),
                      m_session.who(QStringLiteral("demo")), AdministrationPage::ConsumersTab);
    QVERIFY(waitListed(m_shown.controller->consumers()));
    QVERIFY2(!m_shown.controller->consumers()->state().error.isError(),
             qPrintable(m_shown.controller->consumers()->errorText()));
    // The permissions arrive beside the list.
    ConsumersController *consumers = m_shown.controller->consumers();
    QVERIFY(waitUntil(consumers, &ConsumersController::changed,
                      [consumers] { return consumers->callerIsSysadmin().has_value(); }));
    QCOMPARE(consumers->callerIsSysadmin(), std::optional<bool>(true));
}

void TestConsumersAdmin::cleanupTestCase()
{
    m_shown = ShownAdminPage();
    m_session.stop();
}

void TestConsumersAdmin::init()
{
    QVERIFY(m_session.server().clearFaults());
}

void TestConsumersAdmin::cleanup()
{
    // A form a failed test left open must not answer the next test's signals.
    while (auto *form = shownDialog<ApproveConsumerDialog>(m_shown.page))
        form->close();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

AdminListTab *TestConsumersAdmin::list() const
{
    return child<AdminListTab>(m_shown.page, "consumers");
}

QString TestConsumersAdmin::linkIdOf(const QString &name) const
{
    for (const AppLink &link : m_shown.controller->consumers()->links()) {
        if (link.name == name)
            return link.id;
    }
    return {};
}

QJsonObject TestConsumersAdmin::serverConsumer(const QString &linkId) const
{
    const HttpResult reply = m_session.server().get(consumerPath(linkId), "admin");
    if (reply.status != 200)
        return {};
    return QJsonDocument::fromJson(reply.body)
        .object()
        .value(QStringLiteral("consumers"))
        .toArray()
        .at(0)
        .toObject();
}

ApproveConsumerDialog *TestConsumersAdmin::openForm(const QString &linkName)
{
    auto *button = child<QPushButton>(m_shown.page, "approveConsumer");
    if (!button || !button->isEnabled())
        return nullptr;
    QTest::mouseClick(button, Qt::LeftButton);
    auto *form = shownDialog<ApproveConsumerDialog>(m_shown.page);
    if (!form)
        return nullptr;
    auto *link = child<QComboBox>(form, QStringLiteral("link"));
    const int index = link->findData(linkIdOf(linkName));
    if (index < 0)
        return nullptr;
    link->setCurrentIndex(index);
    return form;
}

void TestConsumersAdmin::fillBasics(ApproveConsumerDialog *form, const QString &key)
{
    QTest::keyClicks(child<QLineEdit>(form, QStringLiteral("consumerKey")), key);
    QTest::keyClicks(child<QLineEdit>(form, QStringLiteral("consumerName")),
                     QStringLiteral("Code Search"));
    QTest::keyClicks(child<QPlainTextEdit>(form, QStringLiteral("consumerDescription")),
                     QStringLiteral("Searches code for you. https://search.example.test"));
    QTest::keyClicks(child<QLineEdit>(form, QStringLiteral("callbackUrl")),
                     QStringLiteral("https://search.example.test/cb"));
}

bool TestConsumersAdmin::approve(ApproveConsumerDialog *form)
{
    QSignalSpy finished(m_shown.controller->consumers(), &ConsumersController::approvalFinished);
    QTest::mouseClick(child<QPushButton>(form, QStringLiteral("approve")), Qt::LeftButton);
    return finished.wait(30000) && waitListed(m_shown.controller->consumers());
}

void TestConsumersAdmin::listsConsumersWithFingerprints()
{
    auto *table = child<QTableView>(list(), QStringLiteral("table"));
    const QStringList links = columnTexts(table->model(), AdminRows::ConsumerLink);
    QCOMPARE(links.size(), 3); // Bitbucket has none
    const int radar = int(links.indexOf(QStringLiteral("Release Radar")));
    QVERIFY(radar >= 0);
    const QAbstractItemModel *model = table->model();
    QCOMPARE(model->index(radar, AdminRows::ConsumerKey).data().toString(),
             QStringLiteral("release-radar"));
    // The fingerprint of the key the server holds, computed apart from AccessDesk.
    const QString expected = fingerprintOf(serverConsumer(linkIdOf(QStringLiteral("Release Radar")))
                                               .value(QStringLiteral("publicKey"))
                                               .toString()
                                               .toLatin1());
    QCOMPARE(expected.size(), 95);
    const QString shown = model->index(radar, AdminRows::ConsumerPublicKey).data().toString();
    QVERIFY2(shown.endsWith(QStringLiteral("…")) && expected.startsWith(shown.chopped(1)),
             qPrintable(shown));
    QCOMPARE(model->index(radar, AdminRows::ConsumerTwoLegged).data().toString(),
             QStringLiteral("no"));
    table->selectRow(radar);
    const QString details = child<QTextBrowser>(list(), "details")->toPlainText();
    QVERIFY2(details.contains(QStringLiteral("SHA-256 fingerprint: ") + expected),
             qPrintable(details));
    QVERIFY(child<QPushButton>(m_shown.page, "removeConsumer")->isEnabled());
    table->clearSelection();
    QVERIFY(!child<QPushButton>(m_shown.page, "removeConsumer")->isEnabled());
}

void TestConsumersAdmin::refusesBadKeysAtTheKeyField_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QByteArray>("mustNotAppear");
    QTest::newRow("not a key") << QByteArray("-----BEGIN PUBLIC KEY-----\nnot base64 at all!\n"
                                             "-----END PUBLIC KEY-----\n")
                               << QString() << QByteArray();
    const auto small = makeRsaKey(1024);
    QVERIFY2(small, "openssl could not make a 1024-bit key");
    QTest::newRow("1024 bits") << small->publicPem << QStringLiteral("2048") << QByteArray();
    const auto pair = makeRsaKey(2048);
    QVERIFY2(pair, "openssl could not make a key");
    // The private key's base64, which must never be repeated back.
    const QByteArray secretLine = pair->privatePem.split('\n').value(3);
    QTest::newRow("private key") << pair->privatePem << QStringLiteral("private") << secretLine;
}

void TestConsumersAdmin::refusesBadKeysAtTheKeyField()
{
    QFETCH(QByteArray, key);
    QFETCH(QString, problem);
    QFETCH(QByteArray, mustNotAppear);
    const QString bitbucket = linkIdOf(QStringLiteral("Bitbucket"));
    const qsizetype logged = m_data.activityLog()->entries().size();

    ApproveConsumerDialog *form = openForm(QStringLiteral("Bitbucket"));
    QVERIFY(form);
    auto *keyText = child<QPlainTextEdit>(form, QStringLiteral("publicKey"));
    const auto *formProblem = child<QLabel>(form, QStringLiteral("problem"));
    fillBasics(form, QStringLiteral("code-search"));
    keyText->setPlainText(QString::fromLatin1(key));

    // Said at once, at the key field, with no fingerprint.
    const QString error = form->fieldError(QStringLiteral("publicKey"));
    QVERIFY2(!error.isEmpty(), "no error at the key field");
    QVERIFY2(error.contains(problem, Qt::CaseInsensitive), qPrintable(error));
    QVERIFY(!child<QLabel>(form, QStringLiteral("publicKeyInfo"))->isVisible());
    if (!mustNotAppear.isEmpty())
        QVERIFY(!error.contains(QString::fromLatin1(mustNotAppear)));
    QVERIFY(form->fieldError(QStringLiteral("key")).isEmpty());

    // Approving sends nothing and keeps everything.
    QSignalSpy finished(m_shown.controller->consumers(), &ConsumersController::approvalFinished);
    QTest::mouseClick(child<QPushButton>(form, QStringLiteral("approve")), Qt::LeftButton);
    QVERIFY(formProblem->isVisible());
    QVERIFY2(formProblem->text().contains(QStringLiteral("Nothing was sent")),
             qPrintable(formProblem->text()));
    QVERIFY(!form->isWaiting());
    QCOMPARE(finished.size(), 0);
    QVERIFY(keyText->hasFocus() || form->focusWidget() == keyText);
    QCOMPARE(child<QLineEdit>(form, QStringLiteral("consumerKey"))->text(),
             QStringLiteral("code-search"));
    QCOMPARE(child<QLineEdit>(form, QStringLiteral("consumerName"))->text(),
             QStringLiteral("Code Search"));
    QCOMPARE(child<QLineEdit>(form, QStringLiteral("callbackUrl"))->text(),
             QStringLiteral("https://search.example.test/cb"));
    QCOMPARE(child<ConsumerKeyEditor>(form, QStringLiteral("publicKeyEditor"))->text(),
             QString::fromLatin1(key));
    QVERIFY(serverConsumer(bitbucket).isEmpty());
    QCOMPARE(m_data.activityLog()->entries().size(), logged);
    form->close();
}

void TestConsumersAdmin::serverRefusalKeepsWhatWasTyped()
{
    const auto pair = makeRsaKey(2048);
    QVERIFY(pair);
    const QString bitbucket = linkIdOf(QStringLiteral("Bitbucket"));
    ApproveConsumerDialog *form = openForm(QStringLiteral("Bitbucket"));
    QVERIFY(form);
    auto *keyText = child<QPlainTextEdit>(form, QStringLiteral("publicKey"));
    const auto *keyInfo = child<QLabel>(form, QStringLiteral("publicKeyInfo"));
    auto *keyField = child<QLineEdit>(form, QStringLiteral("consumerKey"));
    auto *executeAs = child<QLineEdit>(form, QStringLiteral("executeAs"));
    auto *impersonation = child<QCheckBox>(form, QStringLiteral("impersonation"));
    const auto *formProblem = child<QLabel>(form, QStringLiteral("problem"));
    const auto *editor = child<ConsumerKeyEditor>(form, QStringLiteral("publicKeyEditor"));
    fillBasics(form, QStringLiteral("code-search"));
    keyText->setPlainText(QString::fromLatin1(pair->publicPem));
    QVERIFY2(keyInfo->text().contains(fingerprintOf(pair->publicPem)), qPrintable(keyInfo->text()));
    QTest::mouseClick(child<QCheckBox>(form, QStringLiteral("twoLegged")), Qt::LeftButton);
    QTest::keyClicks(executeAs, QStringLiteral("bob"));
    QVERIFY(impersonation->isEnabled());
    QTest::mouseClick(impersonation, Qt::LeftButton);
    QVERIFY(impersonation->isChecked());

    // The server refuses impersonation (as Jira does for a non-sysadmin it did not expect).
    QVERIFY(m_session.server().addFault(QJsonObject{
        {QStringLiteral("method"), QStringLiteral("PUT")},
        {QStringLiteral("path"), consumerPath(bitbucket)},
        {QStringLiteral("status"), 403},
        {QStringLiteral("contentType"), QStringLiteral("application/json")},
        {QStringLiteral("body"), QStringLiteral(R"({"message":"Client must be authenticated as a)"
                                                R"( system administrator","status-code":403})")},
        {QStringLiteral("times"), 1}}));
    QVERIFY(approve(form));
    QVERIFY(!form->hasApproved());
    QVERIFY(formProblem->isVisible());
    QVERIFY2(formProblem->text().contains(QStringLiteral("refused impersonation")),
             qPrintable(formProblem->text()));
    QVERIFY2(form->fieldError(QStringLiteral("twoLOImpersonationAllowed"))
                 .contains(QStringLiteral("system administrators")),
             qPrintable(form->fieldError(QStringLiteral("twoLOImpersonationAllowed"))));
    QCOMPARE(keyField->text(), QStringLiteral("code-search"));
    QCOMPARE(executeAs->text(), QStringLiteral("bob"));
    QVERIFY(impersonation->isChecked());
    QCOMPARE(editor->text(), QString::fromLatin1(pair->publicPem));
    QVERIFY(serverConsumer(bitbucket).isEmpty());
    const ActivityEntry refused = m_data.activityLog()->entries().first();
    QCOMPARE(refused.action, QStringLiteral("approve-consumer"));
    QCOMPARE(refused.outcome, ActivityOutcome::Failed);

    // A server error: said in words, and the form is still all there.
    QVERIFY(m_session.server().addFault(QJsonObject{
        {QStringLiteral("method"), QStringLiteral("PUT")},
        {QStringLiteral("path"), consumerPath(bitbucket)},
        {QStringLiteral("status"), 500},
        {QStringLiteral("contentType"), QStringLiteral("text/html")},
        {QStringLiteral("body"), QStringLiteral("<html><body>Internal error</body></html>")},
        {QStringLiteral("times"), 1}}));
    QVERIFY(approve(form));
    QVERIFY(!form->hasApproved());
    QVERIFY2(formProblem->text().contains(QStringLiteral("was not approved")),
             qPrintable(formProblem->text()));
    QCOMPARE(child<QLineEdit>(form, QStringLiteral("consumerName"))->text(),
             QStringLiteral("Code Search"));
    QCOMPARE(child<QPlainTextEdit>(form, QStringLiteral("consumerDescription"))->toPlainText(),
             QStringLiteral("Searches code for you. https://search.example.test"));
    QVERIFY(serverConsumer(bitbucket).isEmpty());
    QVERIFY(child<QPushButton>(form, QStringLiteral("approve"))->isEnabled());
    form->close();
}

void TestConsumersAdmin::impersonationIsForSystemAdministrators()
{
    // The server says this admin is no system administrator (an ADMINISTER-only account).
    QVERIFY(m_session.server().addFault(QJsonObject{
        {QStringLiteral("method"), QStringLiteral("GET")},
        {QStringLiteral("path"), QStringLiteral("/rest/api/2/mypermissions")},
        {QStringLiteral("status"), 200},
        {QStringLiteral("contentType"), QStringLiteral("application/json")},
        {QStringLiteral("body"),
         QStringLiteral(
             R"({"permissions":{"ADMINISTER":{"key":"ADMINISTER","havePermission":)"
             R"(true},"SYSTEM_ADMIN":{"key":"SYSTEM_ADMIN","havePermission":false}}})")}}));
    auto connection = m_session.connectAs(QStringLiteral("admin"), withoutRetries());
    const ShownAdminPage shown = showAdminPage(connection.get(), m_data.activityLog(),
                                               m_session.who(), AdministrationPage::ConsumersTab);
    AdministrationPage *page = shown.page;
    ConsumersController *consumers = shown.controller->consumers();
    QVERIFY(waitListed(consumers));
    QVERIFY(waitUntil(consumers, &ConsumersController::changed,
                      [consumers] { return consumers->callerIsSysadmin().has_value(); }));
    QCOMPARE(consumers->callerIsSysadmin(), std::optional<bool>(false));

    QTest::mouseClick(child<QPushButton>(page, "approveConsumer"), Qt::LeftButton);
    auto *form = shownDialog<ApproveConsumerDialog>(page);
    QVERIFY(form);
    auto *impersonation = child<QCheckBox>(form, QStringLiteral("impersonation"));
    QTest::mouseClick(child<QCheckBox>(form, QStringLiteral("twoLegged")), Qt::LeftButton);
    QVERIFY(child<QLineEdit>(form, QStringLiteral("executeAs"))->isEnabled());
    QVERIFY(!impersonation->isEnabled());
    QVERIFY2(impersonation->toolTip().contains(
                 QStringLiteral("Only Jira system administrators may allow impersonation")),
             qPrintable(impersonation->toolTip()));
    QVERIFY(!impersonation->accessibleName().isEmpty());
    form->close();
}

void TestConsumersAdmin::fetchFromTheRemoteFillsTheForm()
{
    // trackersim publishes its own consumer, as every Atlassian application does.
    const HttpResult info =
        m_session.server().get(QStringLiteral("/plugins/servlet/oauth/consumer-info"));
    QCOMPARE(info.status, 200);
    const QString body = QString::fromUtf8(info.body);
    const auto element = [&body](const QString &name) {
        const qsizetype start = body.indexOf(QLatin1Char('<') + name + QLatin1Char('>'));
        const qsizetype end = body.indexOf(QStringLiteral("</") + name + QLatin1Char('>'));
        return start < 0 || end < 0
                   ? QString()
                   : body.mid(start + name.size() + 2, end - start - name.size() - 2).trimmed();
    };
    const QString key = element(QStringLiteral("key"));
    const QString name = element(QStringLiteral("name"));
    const QString publicKey = element(QStringLiteral("publicKey"));
    QVERIFY2(!key.isEmpty() && !publicKey.isEmpty(), qPrintable(body.left(300)));

    ApproveConsumerDialog *form = openForm(QStringLiteral("Bitbucket"));
    QVERIFY(form);
    auto *address = child<QLineEdit>(form, QStringLiteral("remoteUrl"));
    auto *fetch = child<QPushButton>(form, QStringLiteral("fetchFromRemote"));
    auto *keyField = child<QLineEdit>(form, QStringLiteral("consumerKey"));
    const auto *fetchNote = child<QLabel>(form, QStringLiteral("fetchNote"));
    const auto *keyInfo = child<QLabel>(form, QStringLiteral("publicKeyInfo"));
    const auto *editor = child<ConsumerKeyEditor>(form, QStringLiteral("publicKeyEditor"));
    const auto *remote = child<RemoteConsumerFetch>(form, QStringLiteral("remoteFetch"));
    // The link's address is offered; the admin types another (this trackersim's own).
    QCOMPARE(address->text(), QStringLiteral("http://git.example.test:7990"));
    address->clear();
    QTest::keyClicks(address, m_session.url());
    QSignalSpy fetched(m_shown.controller->consumers(), &ConsumersController::infoFetched);
    QTest::mouseClick(fetch, Qt::LeftButton);
    QVERIFY(fetched.wait(30000));
    QCOMPARE(keyField->text(), key);
    QCOMPARE(child<QLineEdit>(form, QStringLiteral("consumerName"))->text(), name);
    QCOMPARE(fingerprintOf(editor->text().toLatin1()), fingerprintOf(publicKey.toLatin1()));
    QVERIFY2(keyInfo->text().contains(fingerprintOf(publicKey.toLatin1())),
             qPrintable(keyInfo->text()));
    QVERIFY2(fetchNote->text().contains(key), qPrintable(fetchNote->text()));
    QVERIFY(form->fieldError(QStringLiteral("publicKey")).isEmpty());

    // An address that is no web address is said at the address field.
    address->setText(QStringLiteral("git.example.test"));
    QTest::mouseClick(fetch, Qt::LeftButton);
    QVERIFY(fetched.wait(30000));
    QVERIFY2(remote->addressError().contains(QStringLiteral("http")),
             qPrintable(remote->addressError()));
    QCOMPARE(keyField->text(), key);
    form->close();
}

void TestConsumersAdmin::remoteAnsweringAWebPageIsNamed()
{
    QVERIFY(m_session.server().addFault(QJsonObject{
        {QStringLiteral("path"), QStringLiteral("/plugins/servlet/oauth/consumer-info")},
        {QStringLiteral("status"), 200},
        {QStringLiteral("contentType"), QStringLiteral("text/html")},
        {QStringLiteral("body"),
         QStringLiteral("<html><body><form>Log in to continue</form></body></html>")}}));
    ApproveConsumerDialog *form = openForm(QStringLiteral("Bitbucket"));
    QVERIFY(form);
    auto *keyField = child<QLineEdit>(form, QStringLiteral("consumerKey"));
    const auto *fetchNote = child<QLabel>(form, QStringLiteral("fetchNote"));
    QTest::keyClicks(keyField, QStringLiteral("typed-by-hand"));
    child<QLineEdit>(form, QStringLiteral("remoteUrl"))->setText(m_session.url());
    QSignalSpy fetched(m_shown.controller->consumers(), &ConsumersController::infoFetched);
    QTest::mouseClick(child<QPushButton>(form, QStringLiteral("fetchFromRemote")), Qt::LeftButton);
    QVERIFY(fetched.wait(30000));
    const QString said = fetchNote->text();
    QVERIFY2(said.contains(QStringLiteral("web page")), qPrintable(said));
    QVERIFY(fetchNote->isVisible());
    QCOMPARE(keyField->text(), QStringLiteral("typed-by-hand"));
    QVERIFY(child<ConsumerKeyEditor>(form, QStringLiteral("publicKeyEditor"))->text().isEmpty());
    form->close();
}

void TestConsumersAdmin::loadFromFileTakesAPublicKeyOnly()
{
    const auto pair = makeRsaKey(2048);
    QVERIFY(pair);
    const QString publicPath = m_keys.filePath(QStringLiteral("loaded-public.pem"));
    const QString privatePath = m_keys.filePath(QStringLiteral("loaded-private.pem"));
    for (const auto &[path, content] :
         {std::pair{publicPath, pair->publicPem}, std::pair{privatePath, pair->privatePem}}) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    ApproveConsumerDialog *form = openForm(QStringLiteral("Bitbucket"));
    QVERIFY(form);
    auto *editor = child<ConsumerKeyEditor>(form, QStringLiteral("publicKeyEditor"));
    auto *load = child<QPushButton>(editor, QStringLiteral("loadPublicKey"));
    const auto *keyProblem = child<QLabel>(editor, QStringLiteral("keyFileProblem"));
    const auto *keyInfo = child<QLabel>(editor, QStringLiteral("publicKeyInfo"));

    // A private key file is refused, and its text shown nowhere.
    QVERIFY(saveThroughFileDialog(load, form, privatePath));
    QTRY_VERIFY_WITH_TIMEOUT(keyProblem->isVisible(), 30000);
    QVERIFY2(keyProblem->text().contains(QStringLiteral("private key")),
             qPrintable(keyProblem->text()));
    QVERIFY(editor->text().isEmpty());
    const QString secretLine = QString::fromLatin1(pair->privatePem.split('\n').value(2));
    QVERIFY(!keyProblem->text().contains(secretLine));

    // The public key is taken, and its fingerprint shown.
    QVERIFY(saveThroughFileDialog(load, form, publicPath));
    QTRY_VERIFY_WITH_TIMEOUT(!editor->text().isEmpty(), 30000);
    QCOMPARE(editor->text(), QString::fromLatin1(pair->publicPem));
    QVERIFY(!keyProblem->isVisible());
    QVERIFY2(keyInfo->text().contains(fingerprintOf(pair->publicPem)), qPrintable(keyInfo->text()));
    QVERIFY(form->fieldError(QStringLiteral("publicKey")).isEmpty());
    form->close();
}

void TestConsumersAdmin::generatedKeyReplacesAFileOnlyWhenConfirmed()
{
    const QString path = m_keys.filePath(QStringLiteral("kept.pem"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("keep me\n");
    }
    ApproveConsumerDialog *form = openForm(QStringLiteral("Bitbucket"));
    QVERIFY(form);
    auto *editor = child<ConsumerKeyEditor>(form, QStringLiteral("publicKeyEditor"));
    auto *generate = child<QPushButton>(editor, QStringLiteral("generateKeyPair"));
    const auto *keyProblem = child<QLabel>(editor, QStringLiteral("keyFileProblem"));

    ConfirmationDialog::setNextAnswer(ConfirmationDialog::Answer::Cancel);
    QVERIFY(saveThroughFileDialog(generate, form, path));
    QTRY_VERIFY_WITH_TIMEOUT(keyProblem->isVisible(), 30000);
    QVERIFY2(keyProblem->text().contains(QStringLiteral("kept")), qPrintable(keyProblem->text()));
    QFile kept(path);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("keep me\n"));
    kept.close();
    QVERIFY(editor->text().isEmpty());

    ConfirmationDialog::setNextAnswer(ConfirmationDialog::Answer::Accept);
    QSignalSpy made(m_shown.controller->consumers(), &ConsumersController::keyPairMade);
    QVERIFY(saveThroughFileDialog(generate, form, path));
    QVERIFY(made.wait(60000));
    QVERIFY(editor->text().startsWith(QStringLiteral("-----BEGIN PUBLIC KEY-----")));
    QCOMPARE(QFile::permissions(path) & 0x7777,
             QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QVERIFY(kept.readAll().startsWith("-----BEGIN PRIVATE KEY-----"));
    form->close();
}

void TestConsumersAdmin::approvalIsReadBackAndRecorded()
{
    const QString bitbucket = linkIdOf(QStringLiteral("Bitbucket"));
    const QString path = m_keys.filePath(QStringLiteral("code-search-private.pem"));
    ApproveConsumerDialog *form = openForm(QStringLiteral("Bitbucket"));
    QVERIFY(form);
    const auto *result = child<QLabel>(form, QStringLiteral("result"));
    auto *closeButton = child<QPushButton>(form, QStringLiteral("close"));
    fillBasics(form, QStringLiteral("code-search"));
    auto *editor = child<ConsumerKeyEditor>(form, QStringLiteral("publicKeyEditor"));
    QSignalSpy made(m_shown.controller->consumers(), &ConsumersController::keyPairMade);
    QVERIFY(saveThroughFileDialog(child<QPushButton>(editor, QStringLiteral("generateKeyPair")),
                                  form, path));
    QVERIFY(made.wait(60000));
    // Where the private key is, that it is the user's alone, and that AccessDesk kept none.
    const QString note = child<QLabel>(editor, QStringLiteral("keyPairNote"))->text();
    QVERIFY2(note.contains(path) && note.contains(QStringLiteral("0600")) &&
                 note.contains(QStringLiteral("keeps no copy")),
             qPrintable(note));
    QFile privateKey(path);
    QVERIFY(privateKey.open(QIODevice::ReadOnly));
    const QByteArray privatePem = privateKey.readAll();
    QVERIFY(!editor->text().contains(QString::fromLatin1(privatePem.split('\n').value(2))));
    const QString fingerprint = fingerprintOf(editor->text().toLatin1());
    QVERIFY(child<QLabel>(editor, QStringLiteral("publicKeyInfo"))->text().contains(fingerprint));

    const qsizetype logged = m_data.activityLog()->entries().size();
    QVERIFY(approve(form));
    QVERIFY2(form->hasApproved(),
             qPrintable(child<QLabel>(form, QStringLiteral("problem"))->text()));
    QVERIFY2(result->text().contains(fingerprint), qPrintable(result->text()));
    QCOMPARE(closeButton->text(), QStringLiteral("Close"));
    QVERIFY(!child<QPushButton>(form, QStringLiteral("approve"))->isVisible());

    // What the server holds, read without AccessDesk.
    const QJsonObject stored = serverConsumer(bitbucket);
    QCOMPARE(stored.value(QStringLiteral("key")).toString(), QStringLiteral("code-search"));
    QCOMPARE(stored.value(QStringLiteral("callback")).toString(),
             QStringLiteral("https://search.example.test/cb"));
    QCOMPARE(fingerprintOf(stored.value(QStringLiteral("publicKey")).toString().toLatin1()),
             fingerprint);
    // The list was fetched again and shows it.
    const QStringList keys = columnTexts(
        child<QTableView>(list(), QStringLiteral("table"))->model(), AdminRows::ConsumerKey);
    QVERIFY2(keys.contains(QStringLiteral("code-search")), qPrintable(keys.join(u',')));
    const QList<ActivityEntry> entries = m_data.activityLog()->entries();
    QCOMPARE(entries.size(), logged + 1);
    QCOMPARE(entries.first().action, QStringLiteral("approve-consumer"));
    QCOMPARE(entries.first().outcome, ActivityOutcome::Succeeded);
    QVERIFY(entries.first().target.contains(QStringLiteral("code-search")));
    QVERIFY(!entries.first().target.contains(QString::fromLatin1(privatePem.left(40))));
    QTest::mouseClick(closeButton, Qt::LeftButton);
}

void TestConsumersAdmin::removeAsksThenTheConsumerIsGone()
{
    auto *table = child<QTableView>(list(), QStringLiteral("table"));
    const QString radar = linkIdOf(QStringLiteral("Release Radar"));
    QVERIFY(!serverConsumer(radar).isEmpty());
    const int row = rowOf(table->model(), AdminRows::ConsumerLink, QStringLiteral("Release Radar"));
    QVERIFY(row >= 0);
    table->selectRow(row);
    auto *remove = child<QPushButton>(m_shown.page, "removeConsumer");
    const qsizetype logged = m_data.activityLog()->entries().size();

    ConfirmationDialog *dialog =
        clickConfirmed(remove, m_shown.page, ConfirmationDialog::Answer::Cancel);
    QVERIFY(dialog);
    const QString message = dialog->message();
    QVERIFY2(message.contains(QStringLiteral("Release Radar")) &&
                 message.contains(QStringLiteral("release-radar")),
             qPrintable(message));
    QVERIFY(message.contains(QStringLiteral("stops working")));
    QVERIFY(message.contains(QStringLiteral("Jira does not report how many users")));
    QCOMPARE(child<QPushButton>(dialog, QStringLiteral("confirmAccept"))->text(),
             QStringLiteral("Remove consumer"));
    QVERIFY(child<QPushButton>(dialog, QStringLiteral("confirmCancel"))->isDefault());
    QCOMPARE(answerOf(dialog), std::optional<bool>(false));
    QVERIFY(!m_shown.controller->consumers()->isChanging());
    QVERIFY(!serverConsumer(radar).isEmpty());
    QCOMPARE(m_data.activityLog()->entries().size(), logged);

    QSignalSpy removed(m_shown.controller->consumers(), &ConsumersController::removalFinished);
    dialog = clickConfirmed(remove, m_shown.page, ConfirmationDialog::Answer::Accept);
    QVERIFY(dialog);
    QVERIFY(removed.wait(30000));
    const auto outcome = removed.first().first().value<AdminOutcome>();
    QVERIFY2(outcome.succeeded(), qPrintable(outcome.message));
    QVERIFY(waitListed(m_shown.controller->consumers()));
    QVERIFY(serverConsumer(radar).isEmpty());
    QCOMPARE(rowOf(table->model(), AdminRows::ConsumerLink, QStringLiteral("Release Radar")), -1);
    QVERIFY2(child<QLabel>(list(), "status")->text().contains(QStringLiteral("removed")),
             qPrintable(child<QLabel>(list(), "status")->text()));
    const ActivityEntry entry = m_data.activityLog()->entries().first();
    QCOMPARE(entry.action, QStringLiteral("remove-consumer"));
    QCOMPARE(entry.outcome, ActivityOutcome::Succeeded);
}

void TestConsumersAdmin::nonAdministratorIsOfferedNothing()
{
    auto alice = m_session.connectAs(QStringLiteral("alice"), withoutRetries());
    const ShownAdminPage shown = showAdminPage(
        alice.get(), m_data.activityLog(), {QString(), m_session.url(), QStringLiteral("alice")},
        AdministrationPage::ConsumersTab);
    AdministrationPage *page = shown.page;
    QVERIFY(waitListed(shown.controller->consumers()));
    const auto *tab = child<AdminListTab>(page, "consumers");
    const QLabel *error = child<QLabel>(tab, "problem");
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("You are not an administrator")),
             qPrintable(error->text()));
    QVERIFY(!child<QPushButton>(page, "approveConsumer")->isEnabled());
    QVERIFY(!child<QPushButton>(page, "removeConsumer")->isEnabled());
}

void TestConsumersAdmin::everyControlHasAName()
{
    const auto *tab = child<QWidget>(m_shown.page, "consumersTab");
    QVERIFY2(accessibilityProblems(tab).isEmpty(),
             qPrintable(accessibilityProblems(tab).join(u',')));
    ApproveConsumerDialog *form = openForm(QStringLiteral("Bitbucket"));
    QVERIFY(form);
    QVERIFY2(accessibilityProblems(form).isEmpty(),
             qPrintable(accessibilityProblems(form).join(u',')));
    form->close();
}

QTEST_MAIN(TestConsumersAdmin)
#include "tst_consumersadmin.moc"
