// accessdesk-cli: how a command gets its connection. ConnectionResolver (shared with the desktop
// app) does the work; here its outcome becomes the CLI's exit codes, and the activity log opens.
#include "cli/CliApp.h"

#include "api/ServerConnection.h"
#include "storage/ActivityLog.h"
#include "storage/Database.h"
#include "storage/PrivateFiles.h"
#include "storage/ProfileStore.h"

#include <QDir>
#include <QStandardPaths>

namespace accessdesk::cli {

bool CliApp::openActivityLog(bool forChanges)
{
    if (m_activity)
        return true;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    privatefiles::ensureFolder(dir); // open() says what is wrong when it cannot be used
    m_database = std::make_unique<Database>();
    const QString path = QDir::toNativeSeparators(dir + QStringLiteral("/accessdesk.sqlite"));
    if (!m_database->open(path)) {
        const QString detail = m_database->errorString();
        // SQLite's own words (not translated) tell the two cases a person can act on.
        if (detail.contains(QLatin1String("database is locked")))
            failWith(ServerError, tr("the activity log %1 is in use by another program; try "
                                     "again when it is done")
                                      .arg(path));
        else if (detail.contains(QLatin1String("not a database")))
            failWith(ServerError, tr("the activity log %1 is damaged (not a database); move it "
                                     "aside and AccessDesk starts a new one")
                                      .arg(path));
        else
            failWith(ServerError, tr("cannot open the activity log %1: %2").arg(path, detail));
        return false;
    }
    m_activity = std::make_unique<ActivityLog>(*m_database);
    if (m_activity->markInterrupted() < 0 && forChanges &&
        m_activity->lastError().contains(QLatin1String("database is locked"))) {
        failWith(ServerError, tr("the activity log %1 is in use by another program; try again "
                                 "when it is done")
                                  .arg(path));
        m_activity.reset();
        return false;
    }
    return true;
}

void CliApp::failConnecting(ConnectionError error, const QString &message, const ApiError &apiError)
{
    if (error == ConnectionError::KeychainUnavailable)
        m_keychainNotice.clear(); // the message says it, for this secret
    switch (error) {
    case ConnectionError::LoginRefused:
        fail(apiError);
        return;
    case ConnectionError::KeychainRefused:
        failWith(AuthRefused, message);
        return;
    default:
        // Everything else is something the command line (or the profile it names) must change.
        failWith(Usage, message);
        return;
    }
}

void CliApp::readSecretThen(SecretSource source, std::function<void(QString)> then, bool optional)
{
    auto *reader = new SecretReader(m_secrets, std::move(source), this);
    reader->setAbsentIsEmpty(optional);
    connect(reader, &SecretReader::finished, this, [this, reader, then] {
        reader->deleteLater();
        if (reader->error() != ConnectionError::None) {
            failConnecting(reader->error(), reader->errorString(), {});
            return;
        }
        then(reader->value());
    });
    reader->start();
}

void CliApp::resolveThen(ConnectionResolver::Purpose purpose, Then then)
{
    auto *resolver =
        new ConnectionResolver(m_options, ProfileStore(*m_settings), m_secrets, &m_network, this);
    resolver->setPurpose(purpose);
    connect(resolver, &ConnectionResolver::finished, this, [this, resolver, purpose, then] {
        resolver->deleteLater();
        m_profile = resolver->profile();
        if (!resolver->succeeded()) {
            failConnecting(resolver->error(), resolver->errorString(), resolver->apiError());
            return;
        }
        m_connection = resolver->takeConnection();
        m_who = resolver->who();
        // A stored OAuth 2.0 access token lives an hour: refresh it with the stored refresh
        // token when it is due or refused (CliAuthorize.cpp).
        if (purpose == ConnectionResolver::Purpose::SignIn &&
            resolver->authKind() == AuthKind::OAuth2) {
            refreshOAuth2IfNeededThen(resolver->bearerToken(), then);
            return;
        }
        then();
    });
    resolver->start();
}

void CliApp::connectThen(Then then)
{
    resolveThen(ConnectionResolver::Purpose::SignIn, std::move(then));
}

} // namespace accessdesk::cli
