#include "storage/ActivityLog.h"

#include "storage/CsvWriter.h"
#include "storage/Database.h"
#include "storage/StorageLogging.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace accessdesk {

namespace {

QVariant msecs(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant();
}

QDateTime fromMsecs(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

// A null QString binds as SQL NULL; the columns are NOT NULL and "" is what was meant.
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QString isoUtc(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

} // namespace

ActivityLog::ActivityLog(Database &database, Clock clock)
    : m_database(database)
    , m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentDateTimeUtc(); }))
    , m_session(QUuid::createUuid().toString(QUuid::WithoutBraces))
{}

ActivityLog::~ActivityLog() = default;

QSqlQuery &ActivityLog::statement(std::unique_ptr<QSqlQuery> &slot, const QString &sql)
{
    const QSqlDatabase db = m_database.connection();
    // A statement outlives neither its connection nor a reopened database: prepared again then.
    if (!slot || !slot->driver() || slot->driver() != db.driver()) {
        slot = std::make_unique<QSqlQuery>(db);
        slot->prepare(sql);
    }
    return *slot;
}

ActivityLog::Batch::Batch(ActivityLog *log)
    : m_log(log)
{
    // transaction() is refused while one is open: then the outer batch commits for both.
    m_open = m_log && m_log->m_database.connection().transaction();
}

ActivityLog::Batch::~Batch()
{
    commit();
}

bool ActivityLog::Batch::commit()
{
    if (!m_open)
        return true;
    m_open = false;
    QSqlDatabase db = m_log->m_database.connection();
    if (db.commit())
        return true;
    const QString why = db.lastError().text();
    db.rollback();
    return m_log->setError(tr("Cannot record the actions: %1").arg(why));
}

bool ActivityLog::setError(const QString &message) const
{
    m_lastError = message;
    qCWarning(lcStorage) << "activity log:" << message;
    return false;
}

qint64 ActivityLog::begin(const ActivityEntry &entry)
{
    QSqlQuery &query = statement(
        m_insert,
        QStringLiteral(
            "INSERT INTO activity_log (started_at, profile, server_url, user_name, action, target,"
            " outcome, error_text, session) VALUES (?, ?, ?, ?, ?, ?, 'pending', '', ?)"));
    // By position: a prepared statement is reused, so nothing may depend on earlier calls.
    query.bindValue(0, msecs(entry.time.isValid() ? entry.time : m_clock()));
    query.bindValue(1, text(entry.profile));
    query.bindValue(2, text(entry.serverUrl));
    query.bindValue(3, text(entry.user));
    query.bindValue(4, text(entry.action));
    query.bindValue(5, text(entry.target));
    query.bindValue(6, m_session);
    const bool written = query.exec();
    const qint64 id = query.lastInsertId().toLongLong();
    const QString why = query.lastError().text();
    query.finish(); // done with it until the next row: no statement left running
    if (!written) {
        setError(tr("Cannot record the action: %1").arg(why));
        return -1;
    }
    m_lastError.clear();
    return id;
}

bool ActivityLog::complete(qint64 id, ActivityOutcome outcome, const QString &errorText)
{
    if (outcome != ActivityOutcome::Succeeded && outcome != ActivityOutcome::Failed &&
        outcome != ActivityOutcome::Unknown)
        return setError(tr("An action can only complete as succeeded, failed or unknown."));
    // Interrupted is accepted too: another process may have marked this live row meanwhile.
    QSqlQuery &query = statement(
        m_complete,
        QStringLiteral("UPDATE activity_log SET outcome = ?, error_text = ?, completed_at = ?"
                       " WHERE id = ? AND outcome IN ('pending', 'interrupted')"));
    query.bindValue(0, activityOutcomeKey(outcome));
    query.bindValue(1, text(errorText));
    query.bindValue(2, msecs(m_clock()));
    query.bindValue(3, id);
    const bool written = query.exec();
    const int rows = query.numRowsAffected();
    const QString why = query.lastError().text();
    query.finish();
    if (!written)
        return setError(tr("Cannot record the outcome: %1").arg(why));
    if (rows != 1)
        return setError(tr("Activity %1 is unknown or already complete.").arg(id));
    m_lastError.clear();
    return true;
}

int ActivityLog::markInterrupted()
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("UPDATE activity_log SET outcome = 'interrupted'"
                                 " WHERE outcome = 'pending' AND session <> ?"));
    query.addBindValue(m_session);
    if (!query.exec()) {
        setError(tr("Cannot update interrupted actions: %1").arg(query.lastError().text()));
        return -1;
    }
    const int count = query.numRowsAffected();
    if (count > 0)
        qCInfo(lcStorage) << count << "action(s) of an earlier run were interrupted";
    m_lastError.clear();
    return count;
}

QList<ActivityEntry> ActivityLog::entries(const ActivityFilter &filter) const
{
    // Only fixed fragments are joined; every value is bound.
    QString sql = QStringLiteral(
        "SELECT id, started_at, completed_at, profile, server_url, user_name, action, target,"
        " outcome, error_text FROM activity_log WHERE 1 = 1");
    QVariantList values;
    if (!filter.profile.isEmpty()) {
        sql += QStringLiteral(" AND profile = ?");
        values.append(filter.profile);
    }
    if (filter.since.isValid()) {
        sql += QStringLiteral(" AND started_at >= ?");
        values.append(filter.since.toMSecsSinceEpoch());
    }
    sql += QStringLiteral(" ORDER BY started_at DESC, id DESC LIMIT ?");
    values.append(filter.limit > 0 ? filter.limit : -1); // SQLite: a negative limit means none

    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(sql);
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    QList<ActivityEntry> result;
    if (!query.exec()) {
        setError(tr("Cannot read the activity log: %1").arg(query.lastError().text()));
        return result;
    }
    while (query.next()) {
        ActivityEntry entry;
        entry.id = query.value(0).toLongLong();
        entry.time = fromMsecs(query.value(1));
        entry.completedAt = fromMsecs(query.value(2));
        entry.profile = query.value(3).toString();
        entry.serverUrl = query.value(4).toString();
        entry.user = query.value(5).toString();
        entry.action = query.value(6).toString();
        entry.target = query.value(7).toString();
        entry.outcome = activityOutcomeFromKey(query.value(8).toString())
                            .value_or(ActivityOutcome::Interrupted);
        entry.errorText = query.value(9).toString();
        result.append(entry);
    }
    m_lastError.clear();
    return result;
}

QByteArray ActivityLog::toCsv(const QList<ActivityEntry> &entries)
{
    CsvWriter csv({QStringLiteral("id"), QStringLiteral("time"), QStringLiteral("completed"),
                   QStringLiteral("profile"), QStringLiteral("server"), QStringLiteral("user"),
                   QStringLiteral("action"), QStringLiteral("target"), QStringLiteral("outcome"),
                   QStringLiteral("error")});
    for (const ActivityEntry &entry : entries) {
        csv.addRow({QString::number(entry.id), isoUtc(entry.time), isoUtc(entry.completedAt),
                    entry.profile, entry.serverUrl, entry.user, entry.action, entry.target,
                    activityOutcomeText(entry.outcome), entry.errorText});
    }
    return csv.data();
}

} // namespace accessdesk
