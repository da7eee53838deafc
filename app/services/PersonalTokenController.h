#pragma once

#include "PersonalToken.h"
#include "services/ConnectionBoundController.h"
#include "services/PersonalTokenCreator.h"

#include <QPointer>

#include <optional>

namespace accessdesk {

class ActivityLog;
class ServerConnection;

// Behind "New token": creates a personal access token on the connected server. One request at a
// time. The raw token is handed over once, in created(), and not kept here: whoever shows it owns
// the only copy in the app.
class PersonalTokenController final : public ConnectionBoundController
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PersonalTokenController)

public:
    using ConnectionBoundController::ConnectionBoundController;

    // A profile switch: drops a request still running against the old server.
    void setConnection(ServerConnection *connection, ActivityContext who);

    // expiryDays empty: a token that never expires. Ignored while a request runs.
    void create(const QString &name, std::optional<int> expiryDays);
    bool isBusy() const { return bool(m_creator); }
    // The plain-words reason the last create() failed; empty after a success.
    const QString &errorText() const { return m_errorText; }
    // The longest expiry the server said it allows, once it refused a longer one.
    std::optional<int> serverMaxDays() const { return m_serverMaxDays; }

signals:
    void busyChanged(bool busy);
    // token.rawToken holds the secret; receivers must not log or store it.
    void created(const accessdesk::PersonalToken &token);
    void failed(const QString &message);

private:
    QPointer<PersonalTokenCreator> m_creator;
    QString m_errorText;
    std::optional<int> m_serverMaxDays;
};

} // namespace accessdesk
