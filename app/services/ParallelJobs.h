#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

namespace accessdesk {

class ApiJob;

// Runs one ApiJob per item with at most `limit` in flight, for checks that ask the server once
// per link (status, OAuth levels): fast enough for many links, gentle on a server whose status
// calls each reach out to a remote. make(i) creates item i's job (parented to this object);
// done(i, job) reads it once it has finished. progress() follows every finished item.
//
// A job: start(), then exactly one finished() (never from inside start() or cancel()). cancel()
// stops the jobs under way and starts no more; their items get no done() call.
class ParallelJobs final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ParallelJobs)

public:
    using Make = std::function<ApiJob *(int index)>;
    using Done = std::function<void(int index, ApiJob *job)>;

    ParallelJobs(int count, int limit, Make make, Done done, QObject *parent = nullptr);
    ~ParallelJobs() override;

    void start();
    void cancel();

    int total() const { return m_count; }
    int doneCount() const { return m_done; }
    bool isFinished() const { return m_finished; }
    bool wasCancelled() const { return m_cancelled; }

signals:
    void progress(int done, int total);
    void finished();

private:
    void fill();
    void finishLater();

    int m_count;
    int m_limit;
    Make m_make;
    Done m_doneHandler;
    QList<QPointer<ApiJob>> m_running;
    int m_next = 0;
    int m_done = 0;
    bool m_started = false;
    bool m_cancelled = false;
    bool m_finished = false;
};

} // namespace accessdesk
