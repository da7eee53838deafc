// "New personal access token" against a real trackersim on the offscreen platform: the token is
// shown once and then forgotten, the server lists it, Copy puts it on the clipboard and the
// clipboard is wiped later, and a refusal (too many days) keeps what was typed.
#include "GuiTestSupport.h"
#include "SimSession.h"
#include "services/PersonalTokenController.h"
#include "ui/CreateTokenDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

#include <memory>

using namespace accessdesk;
using namespace std::chrono_literals;

class TestCreateToken final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void tokenIsShownOnceAndListedOnTheServer();
    void copyPutsTheTokenOnTheClipboardAndItIsWiped();
    void wipeLeavesWhatTheUserCopiedSince();
    void tooManyDaysShowsTheServerLimitAndKeepsTheFields();
    void neverExpiringToken();

private:
    CreateTokenDialog *openDialog();
    // Fills the form, clicks Create and waits for the token view; the dialog's token.
    QString create(CreateTokenDialog *dialog, const QString &name, std::optional<int> days);
    QJsonArray serverTokens() const;
    bool clipboardWiperRunning() const;

    TempDatabase m_data;
    SimSession m_session;
    std::unique_ptr<PersonalTokenController> m_controller;
    std::unique_ptr<QWidget> m_window;
};

namespace {

// The dialog's controls, found by the object names CreateTokenDialog gives them.
QLineEdit *nameEdit(const QWidget *dialog)
{
    return child<QLineEdit>(dialog, QStringLiteral("tokenName"));
}

QRadioButton *expiresRadio(const QWidget *dialog)
{
    return child<QRadioButton>(dialog, QStringLiteral("tokenExpires"));
}

QRadioButton *neverRadio(const QWidget *dialog)
{
    return child<QRadioButton>(dialog, QStringLiteral("tokenNeverExpires"));
}

QSpinBox *daysSpin(const QWidget *dialog)
{
    return child<QSpinBox>(dialog, QStringLiteral("tokenDays"));
}

QLabel *errorLabel(const QWidget *dialog)
{
    return child<QLabel>(dialog, QStringLiteral("tokenError"));
}

// Where the new token is shown, once.
QLineEdit *tokenField(const QWidget *dialog)
{
    return child<QLineEdit>(dialog, QStringLiteral("newToken"));
}

QPushButton *button(const QWidget *dialog, const char *name)
{
    return child<QPushButton>(dialog, QLatin1String(name));
}

} // namespace

void TestCreateToken::initTestCase()
{
    QVERIFY2(m_data.open(), qPrintable(m_data.errorString()));
    QVERIFY2(m_session.start(QStringLiteral("alice")), qPrintable(m_session.errorText()));
    m_controller = std::make_unique<PersonalTokenController>(
        m_session.connection(), m_data.activityLog(), m_session.who(QStringLiteral("sim")));
    m_window = std::make_unique<QWidget>();
    m_window->resize(1280, 800);
    m_window->show();
}

void TestCreateToken::cleanupTestCase()
{
    m_window.reset();
    m_controller.reset();
    m_session.stop();
}

CreateTokenDialog *TestCreateToken::openDialog()
{
    auto *dialog = new CreateTokenDialog(m_controller.get(), m_window.get());
    dialog->open();
    return dialog;
}

QString TestCreateToken::create(CreateTokenDialog *dialog, const QString &name,
                                std::optional<int> days)
{
    QTest::keyClicks(nameEdit(dialog), name);
    if (days) {
        expiresRadio(dialog)->setChecked(true);
        daysSpin(dialog)->setValue(*days);
    } else {
        neverRadio(dialog)->setChecked(true);
    }
    QSignalSpy created(dialog, &CreateTokenDialog::tokenCreated);
    QTest::mouseClick(button(dialog, "createToken"), Qt::LeftButton);
    if (!created.wait(30000)) {
        qWarning() << "no token; the dialog says:" << errorLabel(dialog)->text();
        return {};
    }
    return tokenField(dialog)->text();
}

QJsonArray TestCreateToken::serverTokens() const
{
    return m_session.server().personalTokens("alice");
}

bool TestCreateToken::clipboardWiperRunning() const
{
    return QApplication::clipboard()->findChild<QObject *>(
               QStringLiteral("accessdesk-clipboard-wiper")) != nullptr;
}

void TestCreateToken::tokenIsShownOnceAndListedOnTheServer()
{
    CreateTokenDialog *dialog = openDialog();
    // Closed, the dialog would delete itself; this one stays so the test can look inside.
    dialog->setAttribute(Qt::WA_DeleteOnClose, false);
    QVERIFY(!dialog->isShowingToken());
    QVERIFY(!button(dialog, "createToken")->isEnabled()); // nothing typed yet
    saveScreenshot(dialog, QStringLiteral("create-token-empty"));

    const QString token = create(dialog, QStringLiteral("gui-shown-once"), 30);
    QVERIFY(!token.isEmpty());
    QVERIFY(dialog->isShowingToken());
    QVERIFY(tokenField(dialog)->isReadOnly());
    QVERIFY(tokenField(dialog)->isVisible());
    QVERIFY(button(dialog, "copyToken")->isVisible());
    saveScreenshot(dialog, QStringLiteral("create-token-shown"));

    // The server has it, and it works as alice.
    bool listed = false;
    for (const QJsonValue &value : serverTokens()) {
        const QJsonObject object = value.toObject();
        if (object.value(QStringLiteral("name")).toString() == QLatin1String("gui-shown-once")) {
            listed = true;
            QVERIFY(!object.contains(QStringLiteral("rawToken")));
        }
    }
    QVERIFY(listed);
    QNetworkRequest bearer(QUrl(m_session.url() + QStringLiteral("/rest/api/2/myself")));
    bearer.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    bearer.setRawHeader("Accept", "application/json");
    const HttpResult me = httpSend(*m_session.network(), bearer, "GET");
    QCOMPARE(me.status, 200);
    QCOMPARE(QJsonDocument::fromJson(me.body).object().value(QStringLiteral("name")).toString(),
             QStringLiteral("alice"));

    // Closing forgets it: nothing in the dialog holds the token any more.
    QTest::mouseClick(button(dialog, "tokenDone"), Qt::LeftButton);
    QVERIFY(!dialog->isVisible());
    QVERIFY(!dialog->holdsToken());
    QVERIFY(!dialog->isShowingToken());
    for (const QLineEdit *edit : dialog->findChildren<QLineEdit *>())
        QVERIFY(!edit->text().contains(token));
    for (const QLabel *label : dialog->findChildren<QLabel *>())
        QVERIFY(!label->text().contains(token));
    delete dialog;

    // A second dialog starts empty.
    CreateTokenDialog *second = openDialog();
    QVERIFY(nameEdit(second)->text().isEmpty());
    QVERIFY(tokenField(second)->text().isEmpty());
    QVERIFY(!second->isShowingToken());
    QVERIFY(errorLabel(second)->isHidden());
    second->reject();

    // The activity log records the creation, never the token.
    const QList<ActivityEntry> entries = m_data.activityLog()->entries();
    bool recorded = false;
    for (const ActivityEntry &entry : entries) {
        if (entry.action == QLatin1String("create-pat") &&
            entry.target.contains(QLatin1String("gui-shown-once")))
            recorded = entry.outcome == ActivityOutcome::Succeeded;
        for (const QString &field : {entry.target, entry.errorText, entry.action})
            QVERIFY(!field.contains(token));
    }
    QVERIFY(recorded);
    QVERIFY(!ActivityLog::toCsv(entries).contains(token.toUtf8()));
}

void TestCreateToken::copyPutsTheTokenOnTheClipboardAndItIsWiped()
{
    CreateTokenDialog *dialog = openDialog();
    dialog->setClipboardClearDelay(50ms);
    const QString token = create(dialog, QStringLiteral("gui-copied"), 7);
    QVERIFY(!token.isEmpty());

    QClipboard *clipboard = QApplication::clipboard();
    QTest::mouseClick(button(dialog, "copyToken"), Qt::LeftButton);
    QCOMPARE(clipboard->text(), token);
    // Marked for password managers and clipboard histories, which then keep no copy.
    QCOMPARE(clipboard->mimeData()->data(QStringLiteral("x-kde-passwordManagerHint")),
             QByteArray("secret"));
    saveScreenshot(dialog, QStringLiteral("create-token-copied"));
    // The user closes the window before pasting: the wipe still comes.
    QTest::mouseClick(button(dialog, "tokenDone"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!clipboardWiperRunning(), 30000);
    QVERIFY(clipboard->text().isEmpty());
}

void TestCreateToken::wipeLeavesWhatTheUserCopiedSince()
{
    CreateTokenDialog *dialog = openDialog();
    dialog->setClipboardClearDelay(50ms);
    const QString token = create(dialog, QStringLiteral("gui-copied-over"), 7);
    QVERIFY(!token.isEmpty());

    QClipboard *clipboard = QApplication::clipboard();
    QTest::mouseClick(button(dialog, "copyToken"), Qt::LeftButton);
    QCOMPARE(clipboard->text(), token);
    clipboard->setText(QStringLiteral("something the user copied later"));
    QTRY_VERIFY_WITH_TIMEOUT(!clipboardWiperRunning(), 30000);
    QCOMPARE(clipboard->text(), QStringLiteral("something the user copied later"));
    dialog->accept();
}

void TestCreateToken::tooManyDaysShowsTheServerLimitAndKeepsTheFields()
{
    // Until the server states a limit, the spin box knows Jira's default (365 days) and says so.
    CreateTokenDialog *dialog = openDialog();
    QCOMPARE(daysSpin(dialog)->maximum(), 365);
    daysSpin(dialog)->setValue(400);
    QCOMPARE(daysSpin(dialog)->value(), 365);
    QString hint;
    for (QLabel *label : dialog->findChildren<QLabel *>()) {
        if (label->accessibleName() == QLatin1String("Expiry limit"))
            hint = label->text();
    }
    QVERIFY2(hint.contains(QLatin1String("365")), qPrintable(hint));

    // This server's administrator chose 30 days: it says so when refusing a longer expiry.
    QVERIFY(m_session.server().addFault(
        QJsonObject{{QStringLiteral("method"), QStringLiteral("POST")},
                    {QStringLiteral("path"), QStringLiteral("/rest/pat/latest/tokens")},
                    {QStringLiteral("status"), 400},
                    {QStringLiteral("contentType"), QStringLiteral("application/json")},
                    {QStringLiteral("body"),
                     QStringLiteral(R"({"exception":"java.lang.IllegalArgumentException",)"
                                    R"("error":"Token expiry cannot be longer than 30 days."})")},
                    {QStringLiteral("times"), 1}}));
    QTest::keyClicks(nameEdit(dialog), QStringLiteral("gui-too-long"));
    expiresRadio(dialog)->setChecked(true);
    daysSpin(dialog)->setValue(60);
    QSignalSpy failed(m_controller.get(), &PersonalTokenController::failed);
    QTest::mouseClick(button(dialog, "createToken"), Qt::LeftButton);
    QVERIFY(failed.wait(30000));

    QVERIFY(errorLabel(dialog)->isVisible());
    QVERIFY2(errorLabel(dialog)->text().contains(QLatin1String("30")),
             qPrintable(errorLabel(dialog)->text()));
    QVERIFY(!dialog->isShowingToken());
    QCOMPARE(nameEdit(dialog)->text(), QStringLiteral("gui-too-long"));
    QCOMPARE(daysSpin(dialog)->value(), 60);
    QVERIFY(expiresRadio(dialog)->isChecked());
    QVERIFY(button(dialog, "createToken")->isEnabled()); // a fix is one change away
    saveScreenshot(dialog, QStringLiteral("create-token-too-many-days"));
    QCOMPARE(m_controller->serverMaxDays(), std::optional<int>(30));
    QVERIFY2(daysSpin(dialog)->toolTip().contains(QLatin1String("30")),
             qPrintable(daysSpin(dialog)->toolTip()));

    for (const QJsonValue &value : serverTokens())
        QVERIFY(value.toObject().value(QStringLiteral("name")).toString() !=
                QLatin1String("gui-too-long"));

    // The next dialog knows the server's limit from the start.
    CreateTokenDialog *next = openDialog();
    QCOMPARE(daysSpin(next)->maximum(), 30);
    QVERIFY2(daysSpin(next)->toolTip().contains(QLatin1String("at most 30 days")),
             qPrintable(daysSpin(next)->toolTip()));
    next->reject();

    // Fixed, the same dialog succeeds.
    daysSpin(dialog)->setValue(30);
    QSignalSpy created(dialog, &CreateTokenDialog::tokenCreated);
    QTest::mouseClick(button(dialog, "createToken"), Qt::LeftButton);
    QVERIFY(created.wait(30000));
    QVERIFY(dialog->isShowingToken());
    dialog->accept();
}

void TestCreateToken::neverExpiringToken()
{
    CreateTokenDialog *dialog = openDialog();
    const QString token = create(dialog, QStringLiteral("gui-forever"), std::nullopt);
    QVERIFY(!token.isEmpty());
    saveScreenshot(dialog, QStringLiteral("create-token-never-expires"));
    QString expiry;
    for (const QJsonValue &value : serverTokens()) {
        if (value.toObject().value(QStringLiteral("name")).toString() ==
            QLatin1String("gui-forever"))
            expiry = value.toObject().value(QStringLiteral("expiringAt")).toString();
    }
    QVERIFY2(expiry.startsWith(QLatin1String("9999-12-31")), qPrintable(expiry));
    dialog->accept();
}

QTEST_MAIN(TestCreateToken)
#include "tst_createtoken.moc"
