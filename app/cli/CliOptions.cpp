#include "cli/CliOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace accessdesk::cli {

namespace {

QString commandSummary()
{
    //: The command list of accessdesk-cli --help. Translate only the descriptions; the command
    //: words, option names and placeholders (NAME, ID, URL, FILE, N) stay as they are, and the
    //: descriptions stay aligned in their column.
    return CliOptions::tr(
        "Commands:\n"
        "  probe                      server version, who you are, admin rights, features\n"
        "  profiles add NAME          save --server/--auth/--user (and the secret from the "
        "environment) as a profile\n"
        "  profiles list              saved profiles\n"
        "  profiles remove NAME       forget a profile and its secrets\n"
        "  profiles test NAME         probe with a saved profile\n"
        "  tokens list                every grant that can act as you (OAuth 1.0a, OAuth 2.0, "
        "PAT)\n"
        "  tokens revoke ID...        revoke grants by the ids 'tokens list' shows\n"
        "  pat list                   your personal access tokens\n"
        "  pat create NAME [--days N] create one (the token is printed once)\n"
        "  pat revoke ID...           revoke personal access tokens\n"
        "  oauth1 authorize           run the OAuth 1.0a dance as a consumer (--consumer-key, "
        "--private-key)\n"
        "  oauth2 login               sign in through the browser (--client-id, "
        "--client-secret-env)\n"
        "  oauth2 refresh             refresh a profile's OAuth 2.0 tokens\n"
        "  links list                 application links (admins)\n"
        "  links get ID               one link, with its incoming and outgoing OAuth\n"
        "  links status [ID]          check every link (or one): what is wrong, what to do\n"
        "  links create URL           link an application [--name N] [--type T] [--primary]\n"
        "                             [--two-way --remote-user U --remote-password-env VAR]\n"
        "  links update ID            change --name, --display-url or --rpc-url\n"
        "  links relocate ID URL      move a link to the application's new address\n"
        "  links primary ID           make it the primary link of its type\n"
        "  links delete ID [--both]   delete it here (or on both ends); asks first\n"
        "  consumers show LINK_ID     an application link's incoming OAuth consumer\n"
        "  consumers approve LINK_ID  approve it: --key, --name, --public-key FILE "
        "[--description] [--callback] [--two-legged [--execute-as] [--impersonation]]\n"
        "  consumers remove LINK_ID   remove it (its users' tokens stop working)\n"
        "  consumers fetch-info URL   read a remote application's OAuth consumer information\n"
        "  consumers keygen --out FILE  make a key pair: the private key to FILE (0600), "
        "the public key printed\n"
        "  oauth2-clients list        OAuth 2.0 clients (no secrets)\n"
        "  oauth2-clients create NAME --redirect URL... --scope S  register one (the secret is "
        "printed once)\n"
        "  oauth2-clients update ID   change --name, --redirect, --scope\n"
        "  oauth2-clients reset ID    new client secret (printed once; the old one stops "
        "working)\n"
        "  oauth2-clients delete ID   delete a client and its authorisations\n"
        "  activity list              what was changed from this machine\n"
        "  activity export            the same as CSV\n"
        "  admin-pats search          every user's personal access tokens (system "
        "administrators):\n"
        "                             [--owner U] [--name TEXT] [--never-used] [--expired]\n"
        "                             [--unused-days N] [--expiring-days N]\n"
        "  admin-pats revoke ID...    revoke any user's personal access tokens, then check\n"
        "  admin-pats sweep RULE      revoke every token that matches one rule (--never-used,\n"
        "                             --expired, --unused-days N or --expiring-days N);\n"
        "                             [--dry-run] lists them only, [--receipt FILE] saves a "
        "CSV\n");
}

} // namespace

std::optional<CliOptions> CliOptions::parse(const QStringList &arguments, QString *error,
                                            QString *helpText)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("AccessDesk for scripts: see and revoke access on Jira Data Center.\n\n") +
        commandSummary());
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  tr("Show this help."));
    const ConnectionOptionSet connection;
    const QCommandLineOption format(QStringLiteral("format"), tr("table (default), json or csv."),
                                    QStringLiteral("FORMAT"), QStringLiteral("table"));
    const QCommandLineOption yes(QStringLiteral("yes"), tr("Answer confirmations with yes."));
    const QCommandLineOption days(QStringLiteral("days"),
                                  tr("pat create: days until the token expires."),
                                  QStringLiteral("N"));
    const QCommandLineOption clientId(QStringLiteral("client-id"), tr("OAuth 2.0 client id."),
                                      QStringLiteral("ID"));
    const QCommandLineOption clientSecretEnv(
        QStringLiteral("client-secret-env"),
        tr("Environment variable holding the OAuth 2.0 client secret."), QStringLiteral("VAR"));
    const QCommandLineOption redirectPort(
        QStringLiteral("redirect-port"),
        tr("oauth2 login: port of the registered http://127.0.0.1:PORT/callback."),
        QStringLiteral("PORT"));
    const QCommandLineOption scope(
        QStringLiteral("scope"),
        tr("oauth2 login, oauth2-clients: READ, WRITE, ADMIN or SYSTEM_ADMIN."),
        QStringLiteral("SCOPE"));
    const CliAdminOptionSet adminOptions;
    const QCommandLineOption version(QStringLiteral("version"), tr("Show the version."));
    // --timeout stays among the CLI's own options in --help, where it always was.
    parser.addOptions({help,
                       connection.profile,
                       connection.server,
                       connection.auth,
                       connection.user,
                       connection.passwordEnv,
                       connection.tokenEnv,
                       connection.consumerKey,
                       connection.privateKey,
                       connection.oauthTokenEnv,
                       connection.oauthSecretEnv,
                       connection.caFile,
                       connection.pin,
                       connection.allowHttp,
                       format,
                       yes,
                       connection.timeout,
                       days,
                       clientId,
                       clientSecretEnv,
                       redirectPort,
                       scope,
                       version});
    parser.addOptions(adminOptions.all());
    parser.addPositionalArgument(QStringLiteral("command"), tr("What to do (see Commands)."),
                                 QStringLiteral("COMMAND [ARGS...]"));

    *helpText = parser.helpText();
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return std::nullopt;
    }
    if (parser.isSet(help)) {
        error->clear();
        return std::nullopt;
    }
    CliOptions options;
    if (parser.isSet(version)) {
        options.words = {QStringLiteral("version")};
        return options;
    }
    options.clientId = parser.value(clientId);
    options.clientSecretEnv = parser.value(clientSecretEnv);
    options.scope = parser.value(scope);
    options.assumeYes = parser.isSet(yes);
    options.words = parser.positionalArguments();

    const QString formatName = parser.value(format);
    if (formatName == QLatin1String("table"))
        options.format = OutputFormat::Table;
    else if (formatName == QLatin1String("json"))
        options.format = OutputFormat::Json;
    else if (formatName == QLatin1String("csv"))
        options.format = OutputFormat::Csv;
    else {
        *error = tr("--format takes table, json or csv");
        return std::nullopt;
    }
    const auto connectionOptions = connection.read(parser, error);
    if (!connectionOptions)
        return std::nullopt;
    static_cast<ConnectionOptions &>(options) = *connectionOptions;
    const auto admin = adminOptions.read(parser, error);
    if (!admin)
        return std::nullopt;
    options.admin = *admin;
    bool ok = false;
    if (parser.isSet(days)) {
        const int value = parser.value(days).toInt(&ok);
        if (!ok || value < 1) {
            *error = tr("--days takes a positive number of days");
            return std::nullopt;
        }
        options.days = value;
    }
    if (parser.isSet(redirectPort)) {
        const uint port = parser.value(redirectPort).toUInt(&ok);
        if (!ok || port < 1 || port > 65535) {
            *error = tr("--redirect-port takes a port number from 1 to 65535");
            return std::nullopt;
        }
        options.redirectPort = quint16(port);
    }
    if (options.words.isEmpty()) {
        *error = tr("no command given");
        return std::nullopt;
    }
    return options;
}

} // namespace accessdesk::cli
