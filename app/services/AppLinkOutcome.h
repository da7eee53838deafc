#pragma once

#include "api/ApiError.h"

#include <QCoreApplication>
#include <QString>

namespace accessdesk {

// What one application-link operation came to, in a shape every front end can use: the CLI
// prints message and advice and picks its exit code from result and error; a wizard or dialog
// shows them next to `field` (keeping everything typed) and knows from `step` which page to go
// back to. The services never clear what the user entered.
struct AppLinkOutcome
{
    Q_DECLARE_TR_FUNCTIONS(AppLinkOutcome)

public:
    enum class Result {
        Succeeded,
        PartlyDone,        // the link changed as asked, but a later step (primary, OAuth) did not
        NeedsConfirmation, // nothing changed yet: ask the user, then proceed (see the service)
        Failed,            // nothing changed, as far as the server showed
        Unknown,           // the answer was lost and the result could not be seen
        Cancelled,
    };

    // Where in the operation it ended.
    enum class Step {
        None,
        Probe,          // asking the server about the remote's URL
        Check,          // validating the input, against the links that exist
        Create,         // the request that creates the link (one or both ends)
        Confirm,        // reading the change back
        MakePrimary,    // making a new link the primary one of its type
        ConfigureOAuth, // incoming/outgoing OAuth on a new link
        Update,
        Relocate,
        Delete,
    };

    enum class Problem {
        None,
        InvalidInput,              // a field is empty or malformed (`field` says which)
        RemoteUnreachable,         // nothing answers at the remote's address
        NotAtlassian,              // the remote has no application-links manifest
        TypeMismatch,              // the remote is another application than the type asked
        BaseUrlMismatch,           // the address is not the remote's own base URL
        AlreadyLinked,             // a link to that application exists already
        ThisServer,                // the address is this very server
        DuplicateName,             // another link has that name
        RemoteCredentialsRefused,  // the remote refused its administrator's credentials
        RemoteCredentialsRequired, // deleting the remote end needs your OAuth token for it
        RemoteFailed,              // the remote end could not be created or deleted
        SysadminOnly,              // needs a system administrator
        NotAdmin,                  // needs a Jira administrator
        SignInRefused,             // this server refused the sign-in (or wants websudo)
        LinkNotFound,
        SystemLink,        // system links cannot be changed here
        OAuthNotSetUp,     // the link exists, OAuth could not be configured
        ServerUnreachable, // this server did not answer
        ServerError,
        AnswerLost,  // the request may have been carried out; its answer never came
        NotRecorded, // the activity log could not record the change, so it was not sent
        Cancelled,
    };

    Result result = Result::Succeeded;
    Step step = Step::None;
    Problem problem = Problem::None;
    // The input at fault, a stable key: "url", "type", "name", "displayUrl", "rpcUrl", "twoWay",
    // "remoteUser", "remotePassword", "impersonation", "localUrlForRemote" (NewAppLinkDraft's
    // fields), "newUrl" (relocation); empty when no field is.
    QString field;
    QString message; // what happened, in plain words (translated)
    QString advice;  // what to do next (translated); may be empty
    ApiError error;  // the server's answer behind it, if there was one

    bool succeeded() const { return result == Result::Succeeded; }
    // The server holds the change (possibly without every later step).
    bool changed() const { return result == Result::Succeeded || result == Result::PartlyDone; }

    static AppLinkOutcome success(Step step = Step::None);
    static AppLinkOutcome failure(Step step, Problem problem, QString message, QString advice = {},
                                  QString field = {});
    // A failure of `step` for an ApiError when nothing more specific applies: sign-in, permission,
    // missing link, unreachable server, refused input (with the field it names), server errors.
    static AppLinkOutcome fromError(Step step, const ApiError &error);
    // Whether a failed change may nevertheless have been carried out: no answer came, or a retry
    // of an idempotent request was refused because the first attempt had already done it.
    static bool answerMayBeLost(const ApiError &error, int attempts);
    // The server's field names (E3 `fields`, E4 `context`) as this type's field keys.
    static QString fieldKey(const QString &serverField);

    // Stable, untranslated keys for JSON and logs: "partly-done", "configure-oauth", …
    static QString resultKey(Result result);
    static QString stepKey(Step step);
    static QString problemKey(Problem problem);
};

} // namespace accessdesk
