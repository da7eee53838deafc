#pragma once

#include "api/ApiError.h"

#include <QCoreApplication>
#include <QMap>
#include <QString>

namespace accessdesk {

// What came of one administration step (approve a consumer, create an OAuth 2.0 client, …), in a
// shape a form and the CLI both use: a status to branch on, plain-words sentences to show, and
// the fields at fault, keyed like the draft's (and the server's) field names, so that a form can
// put each sentence next to its field and the CLI can name its option.
struct AdminOutcome
{
    Q_DECLARE_TR_FUNCTIONS(AdminOutcome)

public:
    enum class Status {
        Succeeded,
        Invalid,      // the input is wrong (fieldErrors say where); checked locally or refused by
                      // the server (then error says so too)
        NotAllowed,   // the user may not do this (known up front, or the server refused)
        NotFound,     // the link, consumer or client is not there
        NotAvailable, // the server lacks the feature (an OAuth 2.0 provider before Jira 8.22)
        Unconfirmed,  // the request went out, but reading back did not show the change
        NotRecorded,  // the activity log could not record the change, so nothing was sent
        Failed,       // anything else the server or the network did; see error
        Cancelled,
    };

    Status status = Status::Succeeded;
    QString message;  // what happened, one or two whole sentences (translated)
    QString nextStep; // what to do about it (translated); may be empty
    QMap<QString, QString> fieldErrors;
    ApiError error; // the server's answer when it refused or failed; none for local outcomes

    bool succeeded() const { return status == Status::Succeeded; }

    static AdminOutcome success(const QString &message);
    static AdminOutcome local(Status status, const QString &message, const QString &nextStep = {},
                              QMap<QString, QString> fieldErrors = {});
    // A failed request: the status follows the error's kind (401/403/websudo → NotAllowed, 404 →
    // NotFound, 400 with fields → Invalid, …); notDone says what did not happen ("The client was
    // not created.") and comes first in the message, the error's own sentence after it.
    static AdminOutcome failure(const ApiError &error, const QString &notDone);
    // The sentence that says what to do after an error of this kind; empty when nothing helps.
    static QString nextStepFor(const ApiError &error);
    // The activity log's refusal (ActivityLog::lastError()).
    static AdminOutcome notRecorded(const QString &logError);
    // Stable, untranslated names for logs and JSON: "succeeded", "not-allowed", …
    static QString statusName(Status status);
};

} // namespace accessdesk
