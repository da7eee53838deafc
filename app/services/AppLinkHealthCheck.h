#pragma once

#include "AppLink.h"
#include "api/ApiError.h"
#include "services/AppLinkDiagnosis.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <optional>

namespace accessdesk {

class ParallelJobs;
class ServerConnection;

// One link's health: the server's status answer, or why it could not be read, in plain words.
struct AppLinkHealth
{
    AppLink link;
    bool checked = false;                // false: the check was cancelled before this link
    std::optional<AppLinkStatus> status; // the server's answer (spec 3.4 (16))
    ApiError error;                      // the status call's own failure
    AppLinkDiagnosis diagnosis;

    bool working() const { return status && status->working; }
};

// Checks the health of one link or many (GET /rest/applinks/3.0/status/{id}), several at once
// but never more than maxInFlight, since each check makes the server call the remote. Reports
// progress(done, total) and linkChecked(index) as answers arrive; cancel() stops what is under
// way and leaves the rest unchecked. Reads only: nothing is recorded.
//
// A job: start(), then exactly one finished() (never from inside start() or cancel()).
class AppLinkHealthCheck final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppLinkHealthCheck)

public:
    static constexpr int kDefaultMaxInFlight = 4;

    AppLinkHealthCheck(ServerConnection *connection, QList<AppLink> links,
                       int maxInFlight = kDefaultMaxInFlight, QObject *parent = nullptr);
    ~AppLinkHealthCheck() override;

    void start();
    void cancel();

    bool isFinished() const { return m_finished; }
    bool wasCancelled() const { return m_cancelled; }
    // One entry per link given, in that order.
    const QList<AppLinkHealth> &results() const { return m_results; }
    int count(AppLinkDiagnosis::Verdict verdict) const;

signals:
    void progress(int done, int total);
    void linkChecked(int index);
    void finished();

private:
    ServerConnection *m_connection;
    int m_maxInFlight;
    QList<AppLinkHealth> m_results;
    QPointer<ParallelJobs> m_jobs;
    bool m_cancelled = false;
    bool m_finished = false;
};

} // namespace accessdesk
