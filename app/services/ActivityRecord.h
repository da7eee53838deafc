#pragma once

#include <QString>

namespace accessdesk {

class ActivityLog;
class ApiError;

// Who is acting where, for the activity log.
struct ActivityContext
{
    QString profile;
    QString serverUrl;
    QString user;
};

// One change in the activity log, written in two steps so a crash mid-way leaves a true record:
// begin() before the request leaves (the row says "pending", and a later run marks it
// "interrupted"), complete() once the answer is in.
//
//   const auto record = ActivityRecord::begin(log, who, QStringLiteral("create-pat"), target);
//   ... send, wait for the answer ...
//   record.complete(job->error());
//
// A value: copy it into the lambda that waits for the answer.
class ActivityRecord final
{
public:
    ActivityRecord() = default; // records nothing

    // Writes the pending row. log may be null: then nothing is recorded, and nothing refused.
    // action is a stable key ("revoke-grant"); target names the object in plain words and never
    // holds a secret.
    static ActivityRecord begin(ActivityLog *log, const ActivityContext &who, const QString &action,
                                const QString &target);

    // The log could not write the row (ActivityLog::lastError() says why). Callers that must not
    // make an unrecorded change send nothing.
    bool wasRefused() const { return m_log && m_id < 0; }

    // Succeeded when error is none, else Failed with the error's plain-words message.
    void complete(const ApiError &error) const;
    // The same with errorText, in words of the caller's choosing, as the reason.
    void complete(const ApiError &error, const QString &errorText) const;
    // Failed without an answer (the request was never sent).
    void fail(const QString &errorText) const;
    // Sent, but whether the server acted could not be seen (the answer was lost and a check
    // afterwards could not tell): why says so in plain words. Never recorded as done or failed.
    void completeUnknown(const QString &why) const;

private:
    ActivityLog *m_log = nullptr;
    qint64 m_id = -1;
};

} // namespace accessdesk
