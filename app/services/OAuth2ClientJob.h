#pragma once

#include "OAuth2Client.h"
#include "OAuth2ClientRules.h"
#include "services/AdminJob.h"

#include <QList>
#include <QMap>

#include <functional>
#include <optional>

namespace accessdesk {

// The base of the OAuth 2.0 client use cases (spec 6.1; Jira 8.22+, system administrators only).
// Each starts by listing the clients: that one cheap call says whether the server has an OAuth
// 2.0 provider at all (404: NotAvailable, so the app can hide the page and say why), whether the
// user may manage clients (NotAllowed), which names are taken, and which client an id or client id
// names. Secrets never stay here: client() never holds one, and the jobs that receive a new one
// hand it over once (takeSecret()).
class OAuth2ClientJob : public AdminJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OAuth2ClientJob)

public:
    // The client as the server holds it after the job (without its secret); empty before.
    const OAuth2Client &client() const { return m_client; }
    // For Invalid outcomes: each redirect line at fault (index in the lines given) and why, so a
    // form can mark the line; fieldErrors()["redirects"] names the first.
    const QMap<int, QString> &redirectLines() const { return m_redirectLines; }

    // The client whose id (the UUID) or client id is idOrClientId.
    static std::optional<OAuth2Client> find(const QList<OAuth2Client> &clients,
                                            const QString &idOrClientId);
    // "OAuth 2.0 client “Deploy Dashboard” (client id 38843a89…)": the activity log's target.
    static QString describe(const OAuth2Client &client);
    // The outcome for a server without an OAuth 2.0 provider.
    static AdminOutcome notAvailable();

protected:
    OAuth2ClientJob(ServerConnection *connection, ActivityLog *log, ActivityContext who,
                    QObject *parent);

    // What did not happen, as the first sentence of a failure ("The client was not created.").
    virtual QString notDone() const = 0;

    // Lists the clients, then then(clients); finishes on 404 (NotAvailable) and other errors.
    void listThen(std::function<void(const QList<OAuth2Client> &)> then);
    // The client idOrClientId names, or finishes NotFound.
    std::optional<OAuth2Client> targetIn(const QList<OAuth2Client> &clients,
                                         const QString &idOrClientId);
    // Finishes Invalid and returns true when the draft has problems.
    bool refuse(const OAuth2ClientProblems &problems);
    // Reads the client back by id, then then(client or nullopt, error).
    void
    readBackThen(const QString &id,
                 std::function<void(const std::optional<OAuth2Client> &, const ApiError &)> then);
    // Finishes Unconfirmed: the request was answered, reading back did not show its effect.
    void unconfirmed(const ActivityRecord &record, const QString &why);
    // Keeps the client, without its secret.
    void setClient(OAuth2Client client);

private:
    OAuth2Client m_client;
    QMap<int, QString> m_redirectLines;
};

} // namespace accessdesk
