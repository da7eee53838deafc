#pragma once

#include "cli/OutputTable.h"
#include "services/ConnectionOptions.h"

#include <QString>
#include <QStringList>

#include <optional>

class QCommandLineParser;

namespace accessdesk::cli {

// admin-pats: the search filters, the stale-token rules (search combines them, sweep takes
// exactly one), and the sweep's --dry-run and --receipt.
struct AdminPatOptions
{
    QString owner;        // --owner: user name, display name or e-mail (part of it)
    QString nameContains; // --name: part of the token's name
    bool neverUsed = false;
    bool expired = false;
    std::optional<int> unusedDays;   // --unused-days N
    std::optional<int> expiringDays; // --expiring-days N
    bool dryRun = false;
    QString receipt; // --receipt FILE
};

// The global options of accessdesk-cli (README "CLI"): the connection options shared with the
// desktop app, and the CLI's own. Secrets never come from argv: only the names of environment
// variables that hold them.
struct CliOptions : ConnectionOptions
{
    OutputFormat format = OutputFormat::Table;
    bool assumeYes = false;
    std::optional<int> days;  // pat create --days N
    QString clientId;         // oauth2: the client's id (public)
    QString clientSecretEnv;  // oauth2: environment variable holding the client secret
    quint16 redirectPort = 0; // oauth2 login: loopback port of the registered redirect; 0 any
    QString scope;            // oauth2 login: READ, WRITE, ADMIN or SYSTEM_ADMIN
    QStringList words;        // the command and its arguments, e.g. {"tokens", "revoke", "42"}

    AdminPatOptions adminPats;

    // Fills from a parsed command line; false with *error set for a usage error.
    static std::optional<CliOptions> parse(const QStringList &arguments, QString *error,
                                           QString *helpText);
};

} // namespace accessdesk::cli
