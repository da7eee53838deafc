#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace accessdesk {

enum class ActivityOutcome {
    Pending, // written before the request left; not completed (yet)
    Succeeded,
    Failed,
    Interrupted, // was Pending when a previous run ended: the result is unknown
    Unknown,     // the request was sent, but whether the server acted could not be seen
};

// Stable, untranslated keys ("pending", "succeeded", "failed", "interrupted", "unknown") for the
// database and JSON output.
QString activityOutcomeKey(ActivityOutcome outcome);
std::optional<ActivityOutcome> activityOutcomeFromKey(const QString &key);
// Plain words for people and CSV: Interrupted reads "unknown (interrupted)", Unknown "unknown (not
// confirmed)".
QString activityOutcomeText(ActivityOutcome outcome);

// One change the user made (or tried to). Never put a secret in any field, errorText included.
struct ActivityEntry
{
    qint64 id = 0;         // assigned by ActivityLog::begin()
    QDateTime time;        // when it began (UTC); ActivityLog fills it in when left invalid
    QDateTime completedAt; // invalid while pending or interrupted
    QString profile;       // connection profile name
    QString serverUrl;     // base URL of the server
    QString user;          // the user the request runs as
    QString action;        // e.g. "revoke-token"
    QString target;        // e.g. "PAT 123 laptop-cli"
    ActivityOutcome outcome = ActivityOutcome::Pending;
    QString errorText; // why it failed, in plain words (empty otherwise)
};

struct ActivityFilter
{
    QString profile; // empty: every profile
    QDateTime since; // invalid: from the beginning; otherwise entries begun at or after it
    int limit = 0;   // 0: no limit; otherwise the newest `limit` entries
};

} // namespace accessdesk
