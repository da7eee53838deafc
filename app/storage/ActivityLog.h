#pragma once

#include "storage/ActivityEntry.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <memory>

class QSqlQuery;

namespace accessdesk {

class Database;

// The record of what the user changed, kept so that a crash still leaves a true account:
//
//   const qint64 id = log.begin(entry);   // BEFORE the request leaves
//   ... send, wait for the answer ...
//   log.complete(id, ActivityOutcome::Succeeded);
//
// Call markInterrupted() once at start-up: rows a previous run left Pending become Interrupted
// ("unknown (interrupted)"). Rows begun by this ActivityLog are never touched by it. If another
// process (GUI and CLI at once) marks a live row Interrupted, complete() still records the real
// outcome when the answer arrives.
class ActivityLog final
{
    Q_DECLARE_TR_FUNCTIONS(ActivityLog)
    Q_DISABLE_COPY_MOVE(ActivityLog)

public:
    using Clock = std::function<QDateTime()>;

    // database must be open and outlive this object. clock defaults to the current UTC time.
    explicit ActivityLog(Database &database, Clock clock = {});

    // Writes a Pending row and returns its id, or -1 (see lastError()) — then do not send.
    qint64 begin(const ActivityEntry &entry);
    // outcome must be Succeeded, Failed or Unknown. Returns false if the id is unknown or already
    // done.
    bool complete(qint64 id, ActivityOutcome outcome, const QString &errorText = {});
    // Turns Pending rows of earlier runs into Interrupted; returns how many, or -1 on error.
    int markInterrupted();

    // Newest first.
    QList<ActivityEntry> entries(const ActivityFilter &filter = {}) const;

    // RFC 4180 CSV with a header row (see CsvWriter), rows in the order given; times in UTC.
    static QByteArray toCsv(const QList<ActivityEntry> &entries);

    const QString &lastError() const { return m_lastError; }

    // Many begin() or complete() calls written with one commit. The database syncs to disk at
    // every commit (synchronous=FULL), so a row each would cost one sync each: a sweep of 1,000
    // tokens spent seconds there. Rows written inside a batch are on disk only once commit()
    // returned true, so send the requests they record after that, never before. Nested batches
    // and a null log do nothing; the destructor commits what commit() was not called for.
    class Batch final
    {
        Q_DISABLE_COPY_MOVE(Batch)

    public:
        explicit Batch(ActivityLog *log);
        ~Batch();
        // False (see lastError()) when the rows could not be written: they are not recorded.
        bool commit();

    private:
        ActivityLog *m_log;
        bool m_open = false;
    };

    ~ActivityLog();

private:
    bool setError(const QString &message) const;
    QSqlQuery &statement(std::unique_ptr<QSqlQuery> &slot, const QString &sql);

    Database &m_database;
    Clock m_clock;
    QString m_session; // tells this run's rows apart from those of earlier runs
    mutable QString m_lastError;
    // begin() and complete() run once per token in a sweep of thousands; SQLite compiling the
    // same statement each time was most of a sweep's own work, so each is prepared once.
    std::unique_ptr<QSqlQuery> m_insert;
    std::unique_ptr<QSqlQuery> m_complete;
};

} // namespace accessdesk
