#include "Schema.h"

// Times are milliseconds since the epoch (UTC) in INTEGER columns; NULL means "never"/"none".
namespace trackersim::schema {

static QStringList coreTables()
{
    return {
        QStringLiteral("CREATE TABLE users (name TEXT PRIMARY KEY, user_key TEXT NOT NULL UNIQUE,"
                       " display_name TEXT NOT NULL, email TEXT NOT NULL, password TEXT NOT NULL,"
                       " admin INTEGER NOT NULL DEFAULT 0, sysadmin INTEGER NOT NULL DEFAULT 0,"
                       " time_zone TEXT NOT NULL DEFAULT 'UTC')"),
        QStringLiteral("CREATE TABLE sessions (id TEXT PRIMARY KEY, user_name TEXT NOT NULL,"
                       " created_at INTEGER NOT NULL, websudo_until INTEGER)"),
        QStringLiteral(
            "CREATE TABLE login_stats (user_name TEXT PRIMARY KEY,"
            " login_count INTEGER NOT NULL DEFAULT 0, failed_count INTEGER NOT NULL DEFAULT 0,"
            " last_failed_at INTEGER, previous_login_at INTEGER)"),
        QStringLiteral(
            "CREATE TABLE projects (id INTEGER PRIMARY KEY, project_key TEXT NOT NULL UNIQUE,"
            " name TEXT NOT NULL, public INTEGER NOT NULL, lead TEXT NOT NULL)"),
        QStringLiteral(
            "CREATE TABLE project_members (project_key TEXT NOT NULL, user_name TEXT NOT NULL,"
            " PRIMARY KEY (project_key, user_name))"),
        QStringLiteral(
            "CREATE TABLE issues (id INTEGER PRIMARY KEY, issue_key TEXT NOT NULL UNIQUE,"
            " project_key TEXT NOT NULL, summary TEXT NOT NULL, description TEXT NOT NULL,"
            " created_at INTEGER NOT NULL)"),
    };
}

static QStringList appLinkTables()
{
    return {
        QStringLiteral(
            "CREATE TABLE applinks (id TEXT PRIMARY KEY, type_id TEXT NOT NULL,"
            " name TEXT NOT NULL UNIQUE, display_url TEXT NOT NULL, rpc_url TEXT NOT NULL,"
            " is_primary INTEGER NOT NULL DEFAULT 0, is_system INTEGER NOT NULL DEFAULT 0,"
            " properties TEXT NOT NULL DEFAULT '{}', created_at INTEGER NOT NULL)"),
        QStringLiteral(
            "CREATE TABLE applink_auth_providers (link_id TEXT NOT NULL, provider TEXT NOT NULL,"
            " module TEXT NOT NULL, config TEXT NOT NULL DEFAULT '{}',"
            " PRIMARY KEY (link_id, provider))"),
        // The OAuth levels of a link as PUT /rest/applinks/3.0/status/{id}/oauth sets them.
        QStringLiteral(
            "CREATE TABLE applink_oauth (link_id TEXT PRIMARY KEY,"
            " incoming_enabled INTEGER NOT NULL DEFAULT 0, incoming_2lo INTEGER NOT NULL DEFAULT 0,"
            " incoming_2loi INTEGER NOT NULL DEFAULT 0, outgoing_enabled INTEGER NOT NULL DEFAULT "
            "0,"
            " outgoing_2lo INTEGER NOT NULL DEFAULT 0, outgoing_2loi INTEGER NOT NULL DEFAULT 0)"),
    };
}

static QStringList oauth1Tables()
{
    return {
        // Incoming consumers (Jira is the service provider). link_id ties one to an application
        // link.
        QStringLiteral(
            "CREATE TABLE oauth_consumers (consumer_key TEXT PRIMARY KEY, link_id TEXT,"
            " name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',"
            " public_key TEXT, shared_secret TEXT, signature_method TEXT NOT NULL DEFAULT "
            "'RSA_SHA1',"
            " callback TEXT, two_lo_allowed INTEGER NOT NULL DEFAULT 0, executing_two_lo_user TEXT,"
            " two_lo_impersonation_allowed INTEGER NOT NULL DEFAULT 0,"
            " outgoing INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL)"),
        // Request and access tokens. authorization: 0 pending, 1 allowed, -1 denied.
        QStringLiteral(
            "CREATE TABLE oauth1_tokens (token TEXT PRIMARY KEY, secret TEXT NOT NULL,"
            " consumer_key TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('request','access')),"
            " version TEXT NOT NULL DEFAULT '1.0a', user_name TEXT, callback TEXT, verifier TEXT,"
            " authorization INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL,"
            " expires_at INTEGER NOT NULL, session_handle TEXT, session_expires_at INTEGER,"
            " alternate_consumer_name TEXT)"),
        // This instance's own OAuth consumer identity (consumer-info): generated once, kept.
        QStringLiteral(
            "CREATE TABLE instance_identity (id INTEGER PRIMARY KEY CHECK (id = 1),"
            " consumer_key TEXT NOT NULL, public_key TEXT NOT NULL, private_key TEXT NOT NULL,"
            " created_at INTEGER NOT NULL)"),
    };
}

static QStringList oauth2Tables()
{
    return {
        QStringLiteral(
            "CREATE TABLE oauth2_clients (id TEXT PRIMARY KEY, client_id TEXT NOT NULL UNIQUE,"
            " client_secret TEXT NOT NULL, name TEXT NOT NULL UNIQUE, redirects TEXT NOT NULL,"
            " user_key TEXT NOT NULL, scope TEXT NOT NULL, created_at INTEGER NOT NULL)"),
        QStringLiteral(
            "CREATE TABLE oauth2_codes (code TEXT PRIMARY KEY, client_id TEXT NOT NULL,"
            " user_name TEXT NOT NULL, redirect_uri TEXT NOT NULL, scope TEXT NOT NULL,"
            " code_challenge TEXT, code_challenge_method TEXT, expires_at INTEGER NOT NULL,"
            " used INTEGER NOT NULL DEFAULT 0)"),
        // One row per authorisation: the refresh token and its current access token (hashed).
        QStringLiteral("CREATE TABLE oauth2_tokens (id TEXT PRIMARY KEY, client_id TEXT NOT NULL,"
                       " user_name TEXT NOT NULL, scope TEXT NOT NULL, access_hash TEXT NOT NULL,"
                       " access_expires_at INTEGER NOT NULL, refresh_hash TEXT NOT NULL,"
                       " refresh_expires_at INTEGER NOT NULL, created_at INTEGER NOT NULL,"
                       " last_used_at INTEGER)"),
    };
}

static QStringList patTables()
{
    return {
        QStringLiteral(
            "CREATE TABLE pats (id INTEGER PRIMARY KEY, user_name TEXT NOT NULL,"
            " name TEXT NOT NULL, secret_hash TEXT NOT NULL, created_at INTEGER NOT NULL,"
            " expiring_at INTEGER, last_accessed_at INTEGER)"),
        QStringLiteral("CREATE INDEX pats_by_user ON pats (user_name)"),
    };
}

// Version 6: the admin token search (PatSearch.cpp) pages through 100,000 tokens in milliseconds.
// A token carries its owner's user key, as Jira's token table does, so that filtering and sorting
// by owner need no join. Each sort order has an index that yields the rows in exactly that order
// (sort key, then Jira's "created DESC", then the id every index ends with) and holds every column
// a filter looks at, so that a page, even a deep one, is read from the index alone. Never-used and
// never-expiring tokens form large groups of equal keys; their descending orders get indexes of
// their own rather than a sort of the whole group.
static QStringList patSearchIndexes()
{
    const QString nonExpiring = QStringLiteral("IFNULL(expiring_at, 253402214400000)");
    return {
        QStringLiteral("CREATE INDEX users_by_lower_name ON users (lower(name))"),
        QStringLiteral("ALTER TABLE pats ADD COLUMN user_key TEXT"),
        QStringLiteral("UPDATE pats SET user_key = (SELECT u.user_key FROM users u"
                       " WHERE lower(u.name) = lower(pats.user_name))"),
        QStringLiteral("CREATE INDEX pats_by_lower_user ON pats (lower(user_name))"),
        QStringLiteral("CREATE INDEX pats_by_name ON pats (name COLLATE NOCASE, created_at DESC,"
                       " expiring_at, last_accessed_at, user_key)"),
        QStringLiteral("CREATE INDEX pats_by_created ON pats (created_at, name, expiring_at,"
                       " last_accessed_at, user_key)"),
        QString(
            QStringLiteral("CREATE INDEX pats_by_expiry ON pats (") + nonExpiring +
            QStringLiteral(", created_at DESC, name, expiring_at, last_accessed_at, user_key)")),
        QString(QStringLiteral("CREATE INDEX pats_by_expiry_desc ON pats (") + nonExpiring +
                QStringLiteral(" DESC, created_at DESC, name, expiring_at, last_accessed_at,"
                               " user_key)")),
        QStringLiteral("CREATE INDEX pats_by_last_used ON pats (last_accessed_at IS NULL,"
                       " last_accessed_at, created_at DESC, name, expiring_at, user_key)"),
        QStringLiteral("CREATE INDEX pats_by_last_used_desc ON pats (last_accessed_at IS NULL DESC,"
                       " last_accessed_at DESC, created_at DESC, name, expiring_at, user_key)"),
        QStringLiteral("CREATE INDEX pats_by_user_key ON pats (user_key, created_at DESC, name,"
                       " expiring_at, last_accessed_at)"),
    };
}

// Version 7: this instance's application id, kept when the base URL changes (the manifest id).
static QStringList instanceTable()
{
    return {
        QStringLiteral("CREATE TABLE instance (id INTEGER PRIMARY KEY CHECK (id = 1),"
                       " application_id TEXT NOT NULL)"),
    };
}

QList<QStringList> migrations()
{
    return {coreTables(), appLinkTables(),    oauth1Tables(), oauth2Tables(),
            patTables(),  patSearchIndexes(), instanceTable()};
}

} // namespace trackersim::schema
