#include "storage/Migrations.h"

namespace accessdesk {

QList<Migration> accessdeskMigrations()
{
    // Times are UTC milliseconds since the epoch: they sort and compare as numbers.
    Migration v1;
    v1.version = 1;
    v1.description = QStringLiteral("activity log and offline cache");
    v1.statements = {
        QStringLiteral("CREATE TABLE activity_log ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " started_at INTEGER NOT NULL,"
                       " completed_at INTEGER,"
                       " profile TEXT NOT NULL,"
                       " server_url TEXT NOT NULL,"
                       " user_name TEXT NOT NULL,"
                       " action TEXT NOT NULL,"
                       " target TEXT NOT NULL,"
                       " outcome TEXT NOT NULL"
                       "  CHECK (outcome IN ('pending', 'succeeded', 'failed', 'interrupted')),"
                       " error_text TEXT NOT NULL DEFAULT '',"
                       // Which ActivityLog instance began the row; tells stale rows from live ones.
                       " session TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX activity_log_profile_started"
                       " ON activity_log (profile, started_at)"),
        QStringLiteral("CREATE INDEX activity_log_outcome ON activity_log (outcome)"),
        QStringLiteral("CREATE TABLE offline_cache ("
                       " profile TEXT NOT NULL,"
                       " list_kind TEXT NOT NULL,"
                       " payload BLOB NOT NULL,"
                       " fetched_at INTEGER NOT NULL,"
                       " PRIMARY KEY (profile, list_kind))"),
    };

    // An outcome for changes whose answer was lost and that no check afterwards could settle.
    // SQLite cannot change a CHECK constraint, so the table is rebuilt with its rows.
    Migration v2;
    v2.version = 2;
    v2.description = QStringLiteral("activity outcome 'unknown'");
    v2.statements = {
        QStringLiteral("CREATE TABLE activity_log_v2 ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " started_at INTEGER NOT NULL,"
                       " completed_at INTEGER,"
                       " profile TEXT NOT NULL,"
                       " server_url TEXT NOT NULL,"
                       " user_name TEXT NOT NULL,"
                       " action TEXT NOT NULL,"
                       " target TEXT NOT NULL,"
                       " outcome TEXT NOT NULL CHECK (outcome IN"
                       "  ('pending', 'succeeded', 'failed', 'interrupted', 'unknown')),"
                       " error_text TEXT NOT NULL DEFAULT '',"
                       " session TEXT NOT NULL)"),
        QStringLiteral("INSERT INTO activity_log_v2 SELECT id, started_at, completed_at, profile,"
                       " server_url, user_name, action, target, outcome, error_text, session"
                       " FROM activity_log"),
        QStringLiteral("DROP TABLE activity_log"),
        QStringLiteral("ALTER TABLE activity_log_v2 RENAME TO activity_log"),
        QStringLiteral("CREATE INDEX activity_log_profile_started"
                       " ON activity_log (profile, started_at)"),
        QStringLiteral("CREATE INDEX activity_log_outcome ON activity_log (outcome)"),
    };
    // Expiry notifications (issue 10): which grant was announced as expiring soon, per server and
    // user, so a restart does not announce it again. The expiry is kept with it: a grant whose
    // expiry changed is due to be announced again.
    Migration v3;
    v3.version = 3;
    v3.description = QStringLiteral("announced expiring grants");
    v3.statements = {
        QStringLiteral("CREATE TABLE expiry_announcements ("
                       " server_url TEXT NOT NULL,"
                       " user_name TEXT NOT NULL,"
                       // grantids::publicId ("pat:123", "oauth2:…"): never a credential.
                       " grant_id TEXT NOT NULL,"
                       " expires_at INTEGER NOT NULL,"
                       " announced_at INTEGER NOT NULL,"
                       " PRIMARY KEY (server_url, user_name, grant_id))"),
    };
    return {v1, v2, v3};
}

} // namespace accessdesk
