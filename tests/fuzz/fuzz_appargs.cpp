// libFuzzer harness: the desktop app's command line (DesktopCommandLine::parse, with the
// connection options it shares with accessdesk-cli), fed an argv made of the input's lines.
// Whatever the words, parse() says one thing to do: start (with options, or else a problem the
// window shows), print the help or the version, or refuse with Qt's one-line error. It never exits,
// prints or opens anything (--help-all's text is Qt's own and left to main()). Built with
// app/services/DesktopCommandLine.cpp, ConnectionOptions.cpp and their helpers (see run.sh).
#include "FuzzCheck.h"
#include "services/DesktopCommandLine.h"

#include <QCoreApplication>
#include <QUrl>

// The help text names the program from QCoreApplication::arguments(); the version line and the
// error line name the application as main() does.
extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    QCoreApplication::setApplicationName(QStringLiteral("AccessDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using accessdesk::DesktopCommandLine;
    using Action = DesktopCommandLine::Action;
    QStringList arguments{QStringLiteral("accessdesk")};
    const QList<QByteArray> lines = fuzz::bytes(data, size).split('\n');
    for (const QByteArray &line : lines)
        arguments.append(QString::fromUtf8(line));

    DesktopCommandLine commandLine;
    const DesktopCommandLine::Result parsed = commandLine.parse(arguments);
    switch (parsed.action) {
    case Action::Refuse:
        fuzz::require(parsed.message.startsWith(QStringLiteral("AccessDesk: ")));
        fuzz::require(parsed.message.endsWith(QLatin1Char('\n')) && parsed.message.size() > 13);
        break;
    case Action::ShowVersion:
        fuzz::require(parsed.message == QStringLiteral("AccessDesk 0.1.0\n"));
        break;
    case Action::ShowHelp:
        fuzz::require(parsed.message.contains(QStringLiteral("--password-env <VAR>")));
        break;
    case Action::ShowHelpAll:
        fuzz::require(parsed.message.isEmpty());
        break;
    case Action::Start:
        fuzz::require(parsed.message.isEmpty());
        break;
    }
    if (parsed.action != Action::Start) {
        fuzz::require(!parsed.options && parsed.problem.isEmpty());
        return 0;
    }
    // Options, or else the problem the window shows: one of them, never both.
    fuzz::require(parsed.options.has_value() == parsed.problem.isEmpty());
    if (!parsed.options)
        return 0;
    const auto &options = *parsed.options;
    fuzz::require(options.timeoutSeconds >= 1 && options.timeoutSeconds <= 3600);
    fuzz::require(options.profile.isEmpty() || options.server.isEmpty());
    if (!options.pinSha256.isEmpty())
        fuzz::require(options.pinSha256.size() == 95); // 32 bytes as colon-separated upper-case hex
    static const QStringList authKinds{QString(),
                                       QStringLiteral("basic"),
                                       QStringLiteral("pat"),
                                       QStringLiteral("session"),
                                       QStringLiteral("oauth1"),
                                       QStringLiteral("oauth2")};
    fuzz::require(authKinds.contains(options.auth));
    if (!options.server.isEmpty()) {
        // What ConnectionResolver is given is a web address without credentials in it.
        const QUrl server(options.server, QUrl::StrictMode);
        fuzz::require(server.isValid() && !server.host().isEmpty() && server.userInfo().isEmpty());
        fuzz::require(server.scheme() == QLatin1String("http") ||
                      server.scheme() == QLatin1String("https"));
    }
    return 0;
}
