#pragma once

#include "services/AdminOutcome.h"
#include "storage/ActivityLog.h"
#include "storage/Database.h"

#include <QDir>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <memory>

// What the administration service tests against a trackersim share (header only).
namespace adminsim {

// Starts job and waits for its one finished(): false when it reported from inside start(), not
// at all, or more than once.
template<class Job> bool runOnce(Job &job)
{
    QSignalSpy spy(&job, &Job::finished);
    job.start();
    if (!spy.isEmpty() || !spy.wait(30000))
        return false;
    QTest::qWait(20);
    return spy.size() == 1;
}

// An outcome in words, for failure messages.
inline QString said(const accessdesk::AdminOutcome &outcome)
{
    QString text = accessdesk::AdminOutcome::statusName(outcome.status) + QStringLiteral(": ") +
                   outcome.message;
    for (auto it = outcome.fieldErrors.begin(); it != outcome.fieldErrors.end(); ++it)
        text += QStringLiteral(" [%1: %2]").arg(it.key(), it.value());
    return text;
}

// A trackersim fault that answers method path with this status, content type and body.
inline QJsonObject respond(const QString &method, const QString &path, int status,
                           const QString &contentType = QStringLiteral("application/json"),
                           const QString &body = {})
{
    return QJsonObject{{QStringLiteral("method"), method},
                       {QStringLiteral("path"), path},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("contentType"), contentType},
                       {QStringLiteral("body"), body}};
}

// A real SQLite activity log, a new file for each test function, so that each sees only its
// own records.
class ActivityLogPerTest final
{
public:
    bool reopen(const QString &folder)
    {
        m_log.reset();
        m_database = std::make_unique<accessdesk::Database>();
        const QString name = QStringLiteral("activity-%1.sqlite")
                                 .arg(QString::fromLatin1(QTest::currentTestFunction()));
        if (!m_database->open(QDir(folder).filePath(name)))
            return false;
        m_log = std::make_unique<accessdesk::ActivityLog>(*m_database);
        return true;
    }
    accessdesk::ActivityLog *get() const { return m_log.get(); }
    QList<accessdesk::ActivityEntry> entries() const { return m_log->entries(); }

private:
    std::unique_ptr<accessdesk::Database> m_database;
    std::unique_ptr<accessdesk::ActivityLog> m_log;
};

} // namespace adminsim
