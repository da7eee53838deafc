#pragma once

#include "services/NewAppLinkDraft.h"

#include <QObject>
#include <QPointer>

namespace accessdesk {

class ApiJob;
class ProbeRemoteManifest;
class ServerConnection;

// The create wizard's first step: asks the server what answers at a URL (spec 3.4 (25)) and says
// it in an AppLinkProbeResult: an Atlassian application (with its manifest), another
// application, nothing at all, a redirect, an existing link (which one, when it can be found) or
// this very server. Changes nothing, so nothing is recorded.
//
// A job: start(), then exactly one finished() (never from inside start()); then read result().
class AppLinkProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppLinkProbe)

public:
    AppLinkProbe(ServerConnection *connection, QString url, QObject *parent = nullptr);
    ~AppLinkProbe() override;

    void start();
    void cancel(); // safe to call twice; reports a Cancelled failure

    bool isFinished() const { return m_finished; }
    const AppLinkProbeResult &result() const { return m_result; }

signals:
    void finished();

private:
    void onProbed(ProbeRemoteManifest *job);
    void identifyExisting(const ApiError &conflict);
    void finish(AppLinkProbeResult::Kind kind, AppLinkOutcome outcome = {});

    ServerConnection *m_connection;
    QPointer<ApiJob> m_job;
    AppLinkProbeResult m_result;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace accessdesk
