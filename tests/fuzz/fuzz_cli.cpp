// libFuzzer harness: the argument parser of accessdesk-cli (CliOptions::parse, with the
// connection options the desktop app shares and the administration options), fed an argv made
// of the input's lines. Whatever the words, parse() answers options or a usage error: it never
// exits, prompts, reads a file, the keychain or the network (main() does everything after it,
// and CliApp's command dispatch, which talks to the server, is not fuzzed here). Built with
// app/cli/CliOptions.cpp, CliAdminOptions.cpp and their helpers (see run.sh).
#include "FuzzCheck.h"
#include "WebUrl.h"
#include "cli/CliOptions.h"

#include <QCoreApplication>

// QCommandLineParser::helpText() names the program from QCoreApplication::arguments().
extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using accessdesk::cli::CliOptions;
    QStringList arguments{QStringLiteral("accessdesk-cli")};
    const QList<QByteArray> lines = fuzz::bytes(data, size).split('\n');
    for (const QByteArray &line : lines)
        arguments.append(QString::fromUtf8(line));

    QString error;
    QString help;
    const auto options = CliOptions::parse(arguments, &error, &help);
    fuzz::require(!help.isEmpty());
    if (!options)
        return 0; // a usage error, or --help when error is empty
    fuzz::require(error.isEmpty() || options->words == QStringList{QStringLiteral("version")});
    fuzz::require(!options->words.isEmpty());
    fuzz::require(options->timeoutSeconds >= 1 && options->timeoutSeconds <= 3600);
    fuzz::require(options->profile.isEmpty() || options->server.isEmpty());
    fuzz::require(!options->days || *options->days >= 1);
    const auto &admin = options->admin;
    fuzz::require(admin.keyBits == 2048 || admin.keyBits == 3072 || admin.keyBits == 4096);
    fuzz::require(!admin.twoWay ||
                  (!admin.remoteUser.isEmpty() && !admin.remotePasswordEnv.isEmpty()));
    if (!options->pinSha256.isEmpty())
        fuzz::require(options->pinSha256.size() ==
                      95); // 32 bytes as colon-separated upper-case hex
    // What the consumer and OAuth 2.0 client rules then make of the addresses given.
    QStringList addresses = admin.redirects;
    addresses << admin.callback << options->server;
    for (const QString &address : addresses) {
        QUrl parsed;
        if (accessdesk::webUrl::check(address, &parsed) == accessdesk::webUrl::Problem::None) {
            (void)accessdesk::webUrl::isLoopback(parsed);
            (void)accessdesk::webUrl::pathBelow(QUrl(options->server), parsed);
        }
    }
    return 0;
}
