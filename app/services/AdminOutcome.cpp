#include "services/AdminOutcome.h"

namespace accessdesk {

AdminOutcome AdminOutcome::success(const QString &message)
{
    AdminOutcome outcome;
    outcome.message = message;
    return outcome;
}

AdminOutcome AdminOutcome::local(Status status, const QString &message, const QString &nextStep,
                                 QMap<QString, QString> fieldErrors)
{
    AdminOutcome outcome;
    outcome.status = status;
    outcome.message = message;
    outcome.nextStep = nextStep;
    outcome.fieldErrors = std::move(fieldErrors);
    return outcome;
}

AdminOutcome AdminOutcome::failure(const ApiError &error, const QString &notDone)
{
    AdminOutcome outcome;
    outcome.error = error;
    outcome.message = notDone + QLatin1Char(' ') + error.userMessage();
    outcome.nextStep = nextStepFor(error);
    outcome.fieldErrors = error.fieldErrors();
    switch (error.kind()) {
    case ApiError::Kind::Unauthenticated:
    case ApiError::Kind::WebSudoRequired:
    case ApiError::Kind::Forbidden:
        outcome.status = Status::NotAllowed;
        break;
    case ApiError::Kind::NotFound:
        outcome.status = Status::NotFound;
        break;
    case ApiError::Kind::Validation:
        outcome.status = Status::Invalid;
        break;
    case ApiError::Kind::Cancelled:
        outcome.status = Status::Cancelled;
        outcome.message = notDone;
        break;
    default:
        outcome.status = Status::Failed;
        break;
    }
    return outcome;
}

QString AdminOutcome::nextStepFor(const ApiError &error)
{
    switch (error.kind()) {
    case ApiError::Kind::Network:
    case ApiError::Kind::Timeout:
        return tr("Check the server address and the network, then try again.");
    case ApiError::Kind::Tls:
        return tr("Check the server's certificate; trust it for this server only if you know it "
                  "is the right one.");
    case ApiError::Kind::Unauthenticated:
        return tr("Sign in again as a Jira administrator.");
    case ApiError::Kind::WebSudoRequired:
        return tr("Confirm your password when asked, then try again.");
    case ApiError::Kind::Forbidden:
        return tr("Ask a Jira system administrator to do this, or to give you the rights.");
    case ApiError::Kind::RateLimited:
        return tr("Wait a moment, then try again.");
    case ApiError::Kind::Server:
        return tr("Try again later. If it keeps failing, Jira's log says why.");
    case ApiError::Kind::MalformedResponse:
        return tr("Check that the server address is Jira's base URL, with no proxy or login page "
                  "in between.");
    case ApiError::Kind::Validation:
        return tr("Correct the fields named and send it again.");
    case ApiError::Kind::None:
    case ApiError::Kind::NotFound:
    case ApiError::Kind::Conflict:
    case ApiError::Kind::Cancelled:
        break;
    }
    return {};
}

AdminOutcome AdminOutcome::notRecorded(const QString &logError)
{
    return local(
        Status::NotRecorded,
        tr("Nothing was sent: the activity log could not record the change (%1).").arg(logError),
        tr("Check that the disk is not full and the activity log is writable, then try "
           "again."));
}

QString AdminOutcome::statusName(Status status)
{
    switch (status) {
    case Status::Succeeded:
        return QStringLiteral("succeeded");
    case Status::Invalid:
        return QStringLiteral("invalid");
    case Status::NotAllowed:
        return QStringLiteral("not-allowed");
    case Status::NotFound:
        return QStringLiteral("not-found");
    case Status::NotAvailable:
        return QStringLiteral("not-available");
    case Status::Unconfirmed:
        return QStringLiteral("unconfirmed");
    case Status::NotRecorded:
        return QStringLiteral("not-recorded");
    case Status::Failed:
        return QStringLiteral("failed");
    case Status::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

} // namespace accessdesk
