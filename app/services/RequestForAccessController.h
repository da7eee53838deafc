#pragma once

#include "AuthorizePage.h"
#include "api/OAuthFlowJobs.h"
#include "services/AccessRequest.h"
#include "services/ConnectionBoundController.h"

#include <QPointer>
#include <QUrl>

namespace accessdesk {

class ActivityLog;
class ServerConnection;

// Behind "Answer a request for access": checks a pasted authorisation link against the connected
// server, reads who asks (FetchAuthorizePage), and sends the user's Allow or Deny
// (AccessRequestAnswerer, recorded in the activity log). Widgets render state() and call these.
class RequestForAccessController final : public ConnectionBoundController
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestForAccessController)

public:
    enum class State {
        Idle,      // waiting for a link
        Checking,  // reading the request from the server
        Asking,    // request() holds who asks: Allow or Deny
        Answering, // the answer is on its way
        Answered,  // decision() says what the server did
        Failed,    // errorText() says why, in plain words
    };
    Q_ENUM(State)

    using ConnectionBoundController::ConnectionBoundController;

    // A profile switch: drops what runs against the old server and starts over.
    void setConnection(ServerConnection *connection, ActivityContext who);

    void check(const QString &pastedLink);
    void allow() { answer(true); }
    void deny() { answer(false); }
    void reset(); // back to Idle, forgetting the request

    State state() const { return m_state; }
    const AuthorizeRequest &request() const { return m_request; }
    const AuthorizeDecision &decision() const { return m_decision; }
    const QString &errorText() const { return m_errorText; }
    // "jira.example.com" (with the port when it has one): how messages name the server.
    QString serverName() const;
    QUrl serverUrl() const;
    // Where "Return to the application" may send the browser: decision().callback when the user
    // allowed and it is an http(s) address; empty otherwise. Any other scheme (file:, a custom
    // handler, javascript:) would let the consumer start a program on this computer.
    QUrl returnUrl() const;
    static bool isWebAddress(const QUrl &url);

    // Plain words for what went wrong with a request for access (expired, unknown, …).
    static QString describeError(const ApiError &error);

signals:
    void stateChanged();

private:
    void answer(bool approve);
    void setState(State state);
    void fail(const QString &text);
    void dropJobs();

    QPointer<FetchAuthorizePage> m_fetch;
    QPointer<AccessRequestAnswerer> m_answer;
    AuthorizeRequest m_request;
    AuthorizeDecision m_decision;
    QString m_errorText;
    State m_state = State::Idle;
};

} // namespace accessdesk
