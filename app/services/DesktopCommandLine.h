#pragma once

#include "services/ConnectionOptions.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <optional>

namespace accessdesk {

// The desktop app's command line (accessdesk --help): the connection options it shares with
// accessdesk-cli, plus --help, --help-all and --version. Reading it neither prints, exits nor
// needs a window, so main() only does what the result says, and tests and the fuzzer
// (tests/fuzz/fuzz_appargs) can feed it anything. It needs a QCoreApplication (Qt's help text
// names the program from its arguments).
class DesktopCommandLine final
{
    Q_DISABLE_COPY_MOVE(DesktopCommandLine)

public:
    enum class Action {
        Start,       // open the window, with options or else problem
        ShowHelp,    // print message on stdout, exit 0
        ShowHelpAll, // Qt's help with its own options: showHelpAllAndExit()
        ShowVersion, // print message on stdout, exit 0
        Refuse,      // Qt cannot parse it at all: print message on stderr, exit 1
    };

    struct Result
    {
        Action action = Action::Start;
        // Start: what to connect to (nothing named: the last server used); std::nullopt when an
        // option's value is unusable, which the window then says (problem).
        std::optional<ConnectionOptions> options;
        QString problem;
        // What to print for the other actions, as Qt words it, line breaks included: the help
        // text, "AccessDesk 0.1.0", or "AccessDesk: Unknown option 'x'.".
        QString message;
    };

    DesktopCommandLine();

    // arguments as QCoreApplication::arguments() gives them, the program first.
    Result parse(const QStringList &arguments);
    // The help text with Qt's own options, which only Qt can print: prints it and exits 0, as
    // QCommandLineParser does for --help-all. Call after parse() said ShowHelpAll.
    [[noreturn]] void showHelpAllAndExit();

private:
    const ConnectionOptionSet m_connectionOptions;
    QCommandLineParser m_parser;
    QStringList m_arguments;
};

} // namespace accessdesk
