#pragma once

#include "api/ApiJob.h"
#include "services/AdminListState.h"
#include "services/ConnectionBoundController.h"

#include <QList>
#include <QPointer>

namespace accessdesk {

// The frame of every list on the Administration page (links, consumers, OAuth 2.0 clients): one
// load at a time, the last list kept while a refresh runs and after one fails, and everything
// under way dropped when the app switches to another server. A subclass says how its list loads
// (load(), finishing with succeed() or fail()) and what to forget (clear()).
class AdminListController : public ConnectionBoundController
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminListController)

public:
    AdminListController(AdminListState::Feature feature, ServerConnection *connection,
                        ActivityLog *log, ActivityContext who, QObject *parent = nullptr);
    ~AdminListController() override;

    // Points the controller at another server (a profile switch): drops the jobs still running
    // against the old one and the list, then waits for refresh().
    void setConnection(ServerConnection *connection, ActivityContext who);
    // Loads the list; a load already running brings the news instead.
    void refresh();

    const AdminListState &state() const { return m_state; }
    // What went wrong, in plain words for an administrator; empty without an error.
    QString errorText() const { return m_state.errorText(m_feature); }

signals:
    void changed(); // the list or its state

protected:
    virtual void load() = 0;
    virtual void clear() = 0;
    // The job is dropped (and deleted) when the connection changes; deleted after it finished.
    void track(ApiJob *job);
    // Starts a tracked job that reads part of the list: its error fails the list, its result
    // goes to then().
    template<class Job, class Then> void read(Job *job, Then then)
    {
        track(job);
        connect(job, &ApiJob::finished, this, [this, job, then] {
            if (job->error().isError())
                fail(job->error());
            else
                then(job->result());
        });
        job->start();
    }
    void succeed();
    void fail(const ApiError &error);

private:
    void dropJobs();

    AdminListState::Feature m_feature;
    AdminListState m_state;
    QList<QPointer<ApiJob>> m_jobs;
};

} // namespace accessdesk
