#pragma once

#include "OAuth2Client.h"
#include "OAuth2ClientRules.h"
#include "services/AdminListController.h"
#include "services/AdminOutcome.h"

#include <QMap>
#include <QPointer>

namespace accessdesk {

class OAuth2ClientJob;

// What came of one change to an OAuth 2.0 client, for the page that asked for it. secret is the
// client secret the server made (create, reset): handed over in this one signal and kept
// nowhere else, so whoever shows it must drop it when done.
struct OAuth2ClientChange
{
    enum class Kind { Create, Update, ResetSecret, Delete };

    Kind kind = Kind::Create;
    AdminOutcome outcome;
    OAuth2Client client;              // as the server holds it now, without its secret
    QMap<int, QString> redirectLines; // Invalid: each redirect line at fault, by its index
    QString secret;                   // create and reset only
};

// The server's OAuth 2.0 clients (Jira 8.22+, system administrators) for the Administration
// page, and the changes made to them: create, edit, reset the secret, delete (the services
// OAuth2ClientCreator, …Updater, …SecretReset, …Removal, each recorded in the activity log).
// Secrets never stay here: the list drops the ones the server sends, and a new secret passes
// through changeFinished() once. A server without an OAuth 2.0 provider is not an error:
// isAvailable() is false and unavailableText() says why. After each change the list loads again.
class OAuth2ClientsController final : public AdminListController
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OAuth2ClientsController)

public:
    OAuth2ClientsController(ServerConnection *connection, ActivityLog *log, ActivityContext who,
                            QObject *parent = nullptr);
    ~OAuth2ClientsController() override;

    const QList<OAuth2Client> &clients() const { return m_clients; }
    // False once the server said it has no OAuth 2.0 provider.
    bool isAvailable() const { return m_unavailable.message.isEmpty(); }
    // Why not, and what to do instead: two sentences.
    QString unavailableText() const;

    // The form's live check, as Jira checks a new client: the form always holds a whole client,
    // also when it edits the one with the id exceptId (whose own name is then not "taken").
    OAuth2ClientProblems check(const OAuth2Client &draft, const QString &exceptId = {}) const;

    // draft: name, redirect lines as typed (blank ones skipped), scope.
    void create(const OAuth2Client &draft);
    // changes: the whole new name, redirect lines and scope of the client with this id.
    void update(const QString &id, const OAuth2Client &changes);
    void resetSecret(const QString &id);
    void remove(const QString &id);
    bool isChanging() const;

signals:
    void changeFinished(const accessdesk::OAuth2ClientChange &change);

protected:
    void load() override;
    void clear() override;

private:
    void runChange(OAuth2ClientJob *job, OAuth2ClientChange::Kind kind);

    QList<OAuth2Client> m_clients;
    AdminOutcome m_unavailable; // set (with its message) when the server has no provider
    QPointer<OAuth2ClientJob> m_list;
    QPointer<OAuth2ClientJob> m_change;
    OAuth2ClientChange::Kind m_changeKind = OAuth2ClientChange::Kind::Create;
};

} // namespace accessdesk
