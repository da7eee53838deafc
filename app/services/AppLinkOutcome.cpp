#include "services/AppLinkOutcome.h"

namespace accessdesk {

AppLinkOutcome AppLinkOutcome::success(Step step)
{
    AppLinkOutcome outcome;
    outcome.step = step;
    return outcome;
}

AppLinkOutcome AppLinkOutcome::failure(Step step, Problem problem, QString message, QString advice,
                                       QString field)
{
    AppLinkOutcome outcome;
    outcome.result = problem == Problem::Cancelled ? Result::Cancelled : Result::Failed;
    outcome.step = step;
    outcome.problem = problem;
    outcome.message = std::move(message);
    outcome.advice = std::move(advice);
    outcome.field = std::move(field);
    return outcome;
}

bool AppLinkOutcome::answerMayBeLost(const ApiError &error, int attempts)
{
    using K = ApiError::Kind;
    switch (error.kind()) {
    case K::Network:
    case K::Timeout:
    case K::MalformedResponse:
    case K::Cancelled: // the request may have left before the cancel
        return true;
    case K::Server: // a gateway that gave up, not the application's own refusal
        return error.httpStatus() == 502 || error.httpStatus() == 503 || error.httpStatus() == 504;
    case K::Validation:
    case K::Conflict:
        return attempts > 1;
    default:
        return false;
    }
}

QString AppLinkOutcome::fieldKey(const QString &serverField)
{
    // The create wizard's form (E3) names its fields after the HTML form; v3 (E4) after the JSON.
    if (serverField == QLatin1String("application-name"))
        return QStringLiteral("name");
    if (serverField == QLatin1String("application-types"))
        return QStringLiteral("type");
    if (serverField == QLatin1String("same-userbase"))
        return QStringLiteral("impersonation");
    if (serverField == QLatin1String("authorization"))
        return QStringLiteral("remoteUser");
    return serverField;
}

AppLinkOutcome AppLinkOutcome::fromError(Step step, const ApiError &error)
{
    AppLinkOutcome outcome;
    using K = ApiError::Kind;
    switch (error.kind()) {
    case K::None:
        return success(step);
    case K::Unauthenticated:
        outcome = failure(step, Problem::SignInRefused, error.userMessage(),
                          tr("Sign in again, then retry."));
        break;
    case K::WebSudoRequired:
        outcome = failure(step, Problem::SignInRefused, error.userMessage(),
                          tr("Sign in with your password (not a token) and retry; AccessDesk then "
                             "confirms the administrator session for you."));
        break;
    case K::Forbidden:
        outcome = failure(step, Problem::NotAdmin, error.userMessage(),
                          tr("Sign in as a Jira administrator (some changes need a system "
                             "administrator)."));
        break;
    case K::NotFound:
        outcome = failure(step, Problem::LinkNotFound,
                          tr("The application link does not exist on this server (any more)."),
                          tr("Refresh the list of links: someone may have removed it."));
        break;
    case K::Network:
    case K::Tls:
    case K::Timeout:
        outcome = failure(step, Problem::ServerUnreachable, error.userMessage(),
                          tr("Check the connection to Jira, then retry."));
        break;
    case K::Cancelled:
        outcome = failure(step, Problem::Cancelled, error.userMessage());
        break;
    case K::Validation: {
        // The first field the server named, when it named one.
        const auto fields = error.fieldErrors();
        outcome =
            failure(step, Problem::InvalidInput,
                    fields.isEmpty() ? error.userMessage()
                                     : tr("The server refused the value: %1").arg(fields.first()),
                    tr("Correct the value and try again; nothing else was lost."),
                    fields.isEmpty() ? QString() : fieldKey(fields.firstKey()));
        break;
    }
    case K::Conflict:
    case K::RateLimited:
    case K::Server:
    case K::MalformedResponse:
        outcome = failure(step, Problem::ServerError, error.userMessage(),
                          tr("Try again later; if it keeps failing, check Jira's log."));
        break;
    }
    outcome.error = error;
    return outcome;
}

QString AppLinkOutcome::resultKey(Result result)
{
    switch (result) {
    case Result::Succeeded:
        return QStringLiteral("succeeded");
    case Result::PartlyDone:
        return QStringLiteral("partly-done");
    case Result::NeedsConfirmation:
        return QStringLiteral("needs-confirmation");
    case Result::Failed:
        return QStringLiteral("failed");
    case Result::Unknown:
        return QStringLiteral("unknown");
    case Result::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

QString AppLinkOutcome::stepKey(Step step)
{
    switch (step) {
    case Step::None:
        return QStringLiteral("none");
    case Step::Probe:
        return QStringLiteral("probe");
    case Step::Check:
        return QStringLiteral("check");
    case Step::Create:
        return QStringLiteral("create");
    case Step::Confirm:
        return QStringLiteral("confirm");
    case Step::MakePrimary:
        return QStringLiteral("make-primary");
    case Step::ConfigureOAuth:
        return QStringLiteral("configure-oauth");
    case Step::Update:
        return QStringLiteral("update");
    case Step::Relocate:
        return QStringLiteral("relocate");
    case Step::Delete:
        return QStringLiteral("delete");
    }
    return {};
}

QString AppLinkOutcome::problemKey(Problem problem)
{
    switch (problem) {
    case Problem::None:
        return QStringLiteral("none");
    case Problem::InvalidInput:
        return QStringLiteral("invalid-input");
    case Problem::RemoteUnreachable:
        return QStringLiteral("remote-unreachable");
    case Problem::NotAtlassian:
        return QStringLiteral("not-atlassian");
    case Problem::TypeMismatch:
        return QStringLiteral("type-mismatch");
    case Problem::BaseUrlMismatch:
        return QStringLiteral("base-url-mismatch");
    case Problem::AlreadyLinked:
        return QStringLiteral("already-linked");
    case Problem::ThisServer:
        return QStringLiteral("this-server");
    case Problem::DuplicateName:
        return QStringLiteral("duplicate-name");
    case Problem::RemoteCredentialsRefused:
        return QStringLiteral("remote-credentials-refused");
    case Problem::RemoteCredentialsRequired:
        return QStringLiteral("remote-credentials-required");
    case Problem::RemoteFailed:
        return QStringLiteral("remote-failed");
    case Problem::SysadminOnly:
        return QStringLiteral("sysadmin-only");
    case Problem::NotAdmin:
        return QStringLiteral("not-admin");
    case Problem::SignInRefused:
        return QStringLiteral("sign-in-refused");
    case Problem::LinkNotFound:
        return QStringLiteral("link-not-found");
    case Problem::SystemLink:
        return QStringLiteral("system-link");
    case Problem::OAuthNotSetUp:
        return QStringLiteral("oauth-not-set-up");
    case Problem::ServerUnreachable:
        return QStringLiteral("server-unreachable");
    case Problem::ServerError:
        return QStringLiteral("server-error");
    case Problem::AnswerLost:
        return QStringLiteral("answer-lost");
    case Problem::NotRecorded:
        return QStringLiteral("not-recorded");
    case Problem::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

} // namespace accessdesk
