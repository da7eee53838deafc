#pragma once

#include "cli/CliAdminOptions.h"
#include "cli/OutputTable.h"
#include "services/ConnectionOptions.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

class QCommandLineParser;

namespace accessdesk::cli {

// The global options of accessdesk-cli (README "CLI"): the connection options shared with the
// desktop app, and the CLI's own. Secrets never come from argv: only the names of environment
// variables that hold them.
struct CliOptions : ConnectionOptions
{
    Q_DECLARE_TR_FUNCTIONS(CliOptions)

public:
    OutputFormat format = OutputFormat::Table;
    bool assumeYes = false;
    std::optional<int> days;  // pat create --days N
    QString clientId;         // oauth2: the client's id (public)
    QString clientSecretEnv;  // oauth2: environment variable holding the client secret
    quint16 redirectPort = 0; // oauth2 login: loopback port of the registered redirect; 0 any
    QString scope;            // oauth2 login, oauth2-clients: READ, WRITE, ADMIN or SYSTEM_ADMIN
    CliAdminOptions admin;    // links, consumers, oauth2-clients, admin-pats
    QStringList words;        // the command and its arguments, e.g. {"tokens", "revoke", "42"}

    // Fills from a parsed command line; false with *error set for a usage error.
    static std::optional<CliOptions> parse(const QStringList &arguments, QString *error,
                                           QString *helpText);
};

} // namespace accessdesk::cli
