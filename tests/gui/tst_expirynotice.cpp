// Expiry notifications (issue 10, section 5) in the app as main() builds it, against a real
// trackersim: a personal access token made through the REST API to expire in 2 days is announced
// after the next refresh (banner and the tray's notice), "Create a replacement" makes a token of
// the same name and length on the server, Revoke removes the old one after the usual
// confirmation, and neither another refresh nor a restart announces anything again. The tray is
// checked by what it would say: the offscreen platform has no system tray.
#include "GuiTestSupport.h"
#include "SimSession.h"
#include "TokenTestSupport.h"
#include "services/ExpiryWatch.h"
#include "services/MyAccessController.h"
#include "ui/CreateTokenDialog.h"
#include "ui/DesktopApp.h"
#include "ui/ExpiryBanner.h"
#include "ui/ExpiryTray.h"
#include "ui/MainWindow.h"
#include "ui/MyAccessPage.h"
#include "ui/RevokeProgressDialog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSystemTrayIcon>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace accessdesk;

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
const QString kName = QStringLiteral("deploy-bot");
const QString kPasswordEnv = QStringLiteral("ACCESSDESK_TEST_EXPIRY_PASSWORD");

} // namespace

class TestExpiryNotice final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void announcedOnceReplacedRevokedNotAgain();

private:
    std::unique_ptr<DesktopApp> startApp();
    bool waitListed(DesktopApp &app);
    // alice's tokens of that name as the server lists them, oldest first.
    QList<QJsonObject> serverTokensNamed(const QString &name) const;
    static QStringList bannerLines(const QWidget *banner);

    SimSession m_session;
    QTemporaryDir m_home;
};

void TestExpiryNotice::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY2(m_session.start(QStringLiteral("alice")), qPrintable(m_session.errorText()));
    qputenv(qPrintable(kPasswordEnv), "alice");
}

void TestExpiryNotice::cleanupTestCase()
{
    m_session.stop();
}

std::unique_ptr<DesktopApp> TestExpiryNotice::startApp()
{
    // The same settings file and data dir every time: a second app is a restart.
    auto app = std::make_unique<DesktopApp>(
        AppSession::Paths{m_home.filePath(QStringLiteral("profiles.ini")), m_home.path()});
    return app;
}

bool TestExpiryNotice::waitListed(DesktopApp &app)
{
    MyAccessController &controller = app.myAccess();
    return waitUntil(&controller, &MyAccessController::stateChanged, [&controller] {
        return controller.state() == MyAccessController::State::Idle &&
               controller.lastRefresh().isValid() && !controller.isRevoking();
    });
}

QList<QJsonObject> TestExpiryNotice::serverTokensNamed(const QString &name) const
{
    QList<QJsonObject> found;
    for (const QJsonValue &value : m_session.server().personalTokens("alice")) {
        if (value.toObject().value(QStringLiteral("name")).toString() == name)
            found << value.toObject();
    }
    std::sort(found.begin(), found.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return timeOf(a, "createdAt") < timeOf(b, "createdAt");
    });
    return found;
}

QStringList TestExpiryNotice::bannerLines(const QWidget *banner)
{
    QStringList lines;
    for (const QWidget *line : banner->findChildren<QWidget *>()) {
        if (!line->objectName().startsWith(QLatin1String("expiryLine:")))
            continue;
        for (const QLabel *label : line->findChildren<QLabel *>())
            lines << label->text();
    }
    lines.sort();
    return lines;
}

void TestExpiryNotice::announcedOnceReplacedRevokedNotAgain()
{
    ConnectionOptions options;
    options.server = m_session.url();
    options.auth = QStringLiteral("basic");
    options.user = QStringLiteral("alice");
    options.passwordEnv = kPasswordEnv;

    std::unique_ptr<DesktopApp> app = startApp();
    QSignalSpy announced(&app->expiryWatch(), &ExpiryWatch::announced);
    app->start(options, QString());
    QVERIFY(waitListed(*app));
    MyAccessController &controller = app->myAccess();
    MyAccessPage *page = app->window().myAccessPage();
    auto *banner = child<QWidget>(page, "expiryBanner");
    auto *refresh = child<QPushButton>(page, "refreshGrants");

    // The seeded laptop-cli expires in 3 days: announced with the first list, once.
    QTRY_COMPARE(announced.size(), 1);
    QVERIFY(banner->isVisible());
    QCOMPARE(bannerLines(banner).size(), 1);
    QVERIFY2(bannerLines(banner).first().contains(QStringLiteral("“laptop-cli”")),
             qPrintable(bannerLines(banner).join(QLatin1Char('\n'))));
    // What the tray would show; offscreen there is no tray, so nothing reached one.
    QVERIFY(app->expiryTray().lastNotice().has_value());
    QCOMPARE(app->expiryTray().lastNotice()->title,
             QStringLiteral("Access expiring within 5 days"));
    QCOMPARE(app->expiryTray().lastNoticeShown(), QSystemTrayIcon::isSystemTrayAvailable());

    // A token made elsewhere (a script, through the REST API) that expires in 2 days.
    const HttpResult made = m_session.server().sendJson(
        "POST", QStringLiteral("/rest/pat/latest/tokens"),
        QJsonDocument(
            QJsonObject{{QStringLiteral("name"), kName}, {QStringLiteral("expirationDuration"), 2}})
            .toJson(),
        "alice");
    QCOMPARE(made.status, 201);
    const QList<QJsonObject> before = serverTokensNamed(kName);
    QCOMPARE(before.size(), 1);
    const QString oldId = QString::number(before.first().value(QStringLiteral("id")).toInteger());

    // Refresh: only the new token is news, and the notice names it.
    QTest::mouseClick(refresh, Qt::LeftButton);
    QVERIFY(waitListed(*app));
    QTRY_COMPARE(announced.size(), 2);
    QCOMPARE(announced.last().first().value<QList<AccessGrant>>().size(), 1);
    const ExpiryNotice notice = *app->expiryTray().lastNotice();
    QVERIFY2(notice.message.startsWith(
                 QStringLiteral("The personal access token “deploy-bot” expires on ")),
             qPrintable(notice.message));
    QCOMPARE(bannerLines(banner).size(), 2);
    QCOMPARE(child<QLabel>(banner, "expiryHeading")->text(),
             QStringLiteral("2 grants expire soon. Create a replacement for what you still need, "
                            "and revoke the rest."));
    app->window().showPage(MainWindow::MyAccess);
    saveScreenshot(&app->window(), QStringLiteral("expiry-banner"));

    // Create a replacement: the create dialog, filled in with the same name and length.
    AccessGrant old;
    for (const AccessGrant &grant : controller.grants()) {
        if (grant.kind == GrantKind::PersonalToken && grant.revokeKey == oldId)
            old = grant;
    }
    QCOMPARE(old.application, kName);
    auto *replace = banner->findChild<QPushButton *>(ExpiryBanner::replaceName(old));
    QVERIFY(replace);
    QVERIFY(replace->isEnabled());
    QTest::mouseClick(replace, Qt::LeftButton);
    auto *dialog = app->window().findChild<CreateTokenDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(child<QLineEdit>(dialog, "tokenName")->text(), kName);
    QVERIFY(child<QRadioButton>(dialog, "tokenExpires")->isChecked());
    QCOMPARE(child<QSpinBox>(dialog, "tokenDays")->value(), 2);
    QSignalSpy created(dialog, &CreateTokenDialog::tokenCreated);
    QTest::mouseClick(child<QPushButton>(dialog, "createToken"), Qt::LeftButton);
    QVERIFY2(created.wait(30000), qPrintable(child<QLabel>(dialog, "tokenError")->text()));
    QVERIFY(dialog->isShowingToken()); // the secret, shown this once
    QVERIFY(!child<QLineEdit>(dialog, "newToken")->text().isEmpty());
    QTest::mouseClick(child<QPushButton>(dialog, "tokenDone"), Qt::LeftButton);

    const QList<QJsonObject> after = serverTokensNamed(kName);
    QCOMPARE(after.size(), 2);
    const QJsonObject &replacement = after.last();
    QVERIFY(QString::number(replacement.value(QStringLiteral("id")).toInteger()) != oldId);
    QCOMPARE(timeOf(replacement, "createdAt").msecsTo(timeOf(replacement, "expiringAt")),
             2 * kDayMs);

    // The app lists again after a creation. The replacement, too, expires within the window:
    // announced as a grant of its own.
    QTRY_COMPARE_WITH_TIMEOUT(announced.size(), 3, 30000);
    QVERIFY(waitListed(*app));
    QCOMPARE(bannerLines(banner).size(), 3);

    // Revoke the old one through the usual confirmation.
    auto *revoke = banner->findChild<QPushButton *>(ExpiryBanner::revokeName(old));
    QVERIFY(revoke);
    QSignalSpy revoked(&controller, &MyAccessController::revokeFinished);
    ConfirmationDialog *confirmation =
        clickConfirmed(revoke, &app->window(), ConfirmationDialog::Answer::Accept);
    QVERIFY(confirmation);
    QVERIFY2(confirmation->message().contains(kName), qPrintable(confirmation->message()));
    QCOMPARE(answerOf(confirmation), std::optional<bool>(true));
    QVERIFY(revoked.wait(30000));
    QCOMPARE(revoked.first().first().toInt(), 1);
    QVERIFY(waitListed(*app));
    QCOMPARE(serverTokensNamed(kName).size(), 1);
    QVERIFY(QString::number(
                serverTokensNamed(kName).first().value(QStringLiteral("id")).toInteger()) != oldId);
    QVERIFY(!banner->findChild<QPushButton *>(ExpiryBanner::revokeName(old)));
    QCOMPARE(bannerLines(banner).size(), 2);
    if (auto *progress = app->window().findChild<RevokeProgressDialog *>())
        progress->close();

    // Another refresh: nothing is news.
    QTest::mouseClick(refresh, Qt::LeftButton);
    QVERIFY(waitListed(*app));
    QCOMPARE(announced.size(), 3);
    QCOMPARE(bannerLines(banner).size(), 2);

    // Dismissed: gone, and the next list does not bring it back.
    QTest::mouseClick(child<QPushButton>(banner, "expiryDismiss"), Qt::LeftButton);
    QVERIFY(!banner->isVisible());
    QTest::mouseClick(refresh, Qt::LeftButton);
    QVERIFY(waitListed(*app));
    QVERIFY(!banner->isVisible());
    QCOMPARE(announced.size(), 3);

    // A restart on the same data: nothing is announced again.
    app.reset();
    app = startApp();
    QSignalSpy again(&app->expiryWatch(), &ExpiryWatch::announced);
    app->start(options, QString());
    QVERIFY(waitListed(*app));
    QVERIFY(waitUntil(&app->myAccess(), &MyAccessController::probed,
                      [&app] { return app->myAccess().probeReport().has_value(); }));
    QCOMPARE(again.size(), 0);
    QVERIFY(!child<QWidget>(app->window().myAccessPage(), "expiryBanner")->isVisible());
    QVERIFY(!app->expiryTray().lastNotice().has_value());
}

QTEST_MAIN(TestExpiryNotice)
#include "tst_expirynotice.moc"
