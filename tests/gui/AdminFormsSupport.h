#pragma once

// What the tests of the administration forms (consumers, OAuth 2.0 clients, the approval story)
// share: finding widgets by object name, the dialog a click opened, RSA keys made by openssl the
// way an admin would, a fingerprint computed apart from the code under test, and the OAuth 2.0
// token endpoint asked with a client's secret.

#include "SimProcess.h"

#include <QByteArray>
#include <QDialog>
#include <QObject>
#include <QString>

#include <optional>

class QNetworkAccessManager;

namespace accessdesk {

class AdminListController;

// The child of parent with this object name; nullptr when there is none.
template<class T> T *childNamed(const QObject *parent, const char *name)
{
    return parent->findChild<T *>(QLatin1String(name));
}

// The visible dialog of type T under owner (a closed one may linger until deleted).
template<class T> T *shownDialog(const QObject *owner)
{
    const QList<T *> dialogs = owner->findChildren<T *>();
    for (T *dialog : dialogs) {
        if (dialog->isVisible())
            return dialog;
    }
    return nullptr;
}

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
