#pragma once

// What the tests of the administration forms (consumers, OAuth 2.0 clients, the approval story)
// share: finding widgets by object name, the dialog a click opened, RSA keys made by openssl the
// way an admin would, a fingerprint computed apart from the code under test, and the OAuth 2.0
// token endpoint asked with a client's secret.

#include "FindChild.h"
#include "SimProcess.h"
#include "api/ServerConnection.h"
#include "services/ActivityRecord.h"
#include "ui/AdministrationPage.h"

#include <QByteArray>
#include <QDialog>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QMainWindow;
class QNetworkAccessManager;
class QWidget;

namespace accessdesk {

class ActivityLog;
class AdminController;
class AdminListController;

// One attempt per request: the failures the tests inject are meant to be seen, not retried.
ConnectionSettings withoutRetries();

// An Administration page in the app's frame (1280×800), with controllers of its own on
// connection, shown on tab; its lists load as it shows. The window goes first, then the
// controllers.
struct ShownAdminPage
{
    ShownAdminPage();
    ShownAdminPage(ShownAdminPage &&) noexcept;
    ShownAdminPage &operator=(ShownAdminPage &&) noexcept;
    ~ShownAdminPage();

    std::unique_ptr<AdminController> controller;
    std::unique_ptr<QMainWindow> window;
    AdministrationPage *page = nullptr; // owned by window
};
ShownAdminPage showAdminPage(ServerConnection *connection, ActivityLog *log, ActivityContext who,
                             AdministrationPage::Tab tab);

// What keyboard and assistive-technology users would stumble on under root: interactive controls
// (buttons, fields, lists) without an object name or an accessible name, labels with a shortcut
// but no buddy, and a shortcut letter used twice. Each as "<class> <object name or text>"; empty
// when all is well.
QStringList accessibilityProblems(const QWidget *root);

// Until the list has loaded (or failed) and no load runs.
bool waitListed(AdminListController *list);

struct TestKeyPair
{
    QByteArray privatePem;
    QByteArray publicPem;
};
// A fresh RSA key of this size, made by the openssl command; nullopt when openssl failed.
std::optional<TestKeyPair> makeRsaKey(int bits);

// The SHA-256 fingerprint ("AB:CD:…") of a public key given as PEM or bare base64 of its
// SubjectPublicKeyInfo, computed here with QCryptographicHash alone.
QString fingerprintOf(const QByteArray &publicKey);

// POST /rest/oauth2/latest/token with an authorization code nobody issued: the server answers
// 401 invalid_client when the secret is wrong, 400 invalid_grant when it is right.
HttpResult tokenRequest(QNetworkAccessManager &network, const QString &baseUrl,
                        const QString &clientId, const QString &secret);

} // namespace accessdesk
