#include "cli/CliOutcome.h"

#include "cli/CliApp.h"
#include "cli/Confirmation.h"

namespace accessdesk::cli {

ExitCode exitCodeFor(const AdminOutcome &outcome)
{
    using Status = AdminOutcome::Status;
    switch (outcome.status) {
    case Status::Succeeded:
        return Success;
    case Status::Invalid:
        // A refusal by the server is the server's answer; one found here is a usage error.
        return outcome.error.isError() ? ServerError : Usage;
    case Status::NotAllowed:
        return AuthRefused;
    case Status::Failed:
    case Status::Cancelled:
        return outcome.error.isError() ? exitCodeFor(outcome.error) : ServerError;
    case Status::NotFound:
    case Status::NotAvailable:
    case Status::Unconfirmed:
    case Status::NotRecorded:
        break;
    }
    return ServerError;
}

QString fieldLines(const QMap<QString, QString> &fieldErrors,
                   const QMap<QString, QString> &optionOf)
{
    QString lines;
    for (auto it = fieldErrors.begin(); it != fieldErrors.end(); ++it)
        lines += QStringLiteral("\n  %1: %2").arg(optionOf.value(it.key(), it.key()), it.value());
    return lines;
}

void failOutcome(CliApp &app, const AdminOutcome &outcome, const QMap<QString, QString> &optionOf)
{
    QString message = outcome.message + fieldLines(outcome.fieldErrors, optionOf);
    if (!outcome.nextStep.isEmpty())
        message += QLatin1Char('\n') + outcome.nextStep;
    app.failWith(exitCodeFor(outcome), message);
}

bool confirmOrFail(CliApp &app, const QString &question, const QString &noTerminal)
{
    switch (Confirmation(app.options().assumeYes).ask(question)) {
    case Confirmation::Answer::Yes:
        return true;
    case Confirmation::Answer::NoTerminal:
        app.failWith(Usage, noTerminal);
        return false;
    case Confirmation::Answer::No:
        app.failWith(Usage, CliApp::tr("nothing was changed"));
        return false;
    }
    return false;
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace accessdesk::cli
