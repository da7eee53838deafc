#pragma once

#include "cli/ExitCode.h"
#include "services/AdminOutcome.h"

#include <QJsonValue>
#include <QMap>
#include <QString>

namespace accessdesk::cli {

class CliApp;

// The administration commands' way of ending on an AdminOutcome that did not succeed: its
// message, each field at fault under the option (or argument) that sets it, and what to do next,
// on stderr; the exit code by what went wrong (README "Exit codes").
ExitCode exitCodeFor(const AdminOutcome &outcome);
// optionOf maps a field name ("publicKey") to its option ("--public-key"); unmapped fields are
// shown by name.
void failOutcome(CliApp &app, const AdminOutcome &outcome,
                 const QMap<QString, QString> &optionOf = {});
// The sentences for fieldErrors, one indented line each, under their options.
QString fieldLines(const QMap<QString, QString> &fieldErrors,
                   const QMap<QString, QString> &optionOf);

// Asks on the terminal before a destructive act (Confirmation), naming what stops working. False
// when not confirmed; the run has then ended with a usage error that says nothing was done:
// noTerminal without a terminal (a whole sentence, e.g. "deleting a client needs a
// confirmation: …"), "nothing was changed" after a no.
bool confirmOrFail(CliApp &app, const QString &question, const QString &noTerminal);

// An empty string as JSON null: optional texts in the administration commands' JSON.
QJsonValue textOrNull(const QString &text);

} // namespace accessdesk::cli
