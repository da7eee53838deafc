#include "cli/CliOptions.h"

#include "api/CertificateInfo.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QUrl>

namespace accessdesk::cli {

namespace {

QString commandSummary()
{
    return QStringLiteral(
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
        "  activity list              what was changed from this machine\n"
        "  activity export            the same as CSV\n");
}

} // namespace

std::optional<CliOptions> CliOptions::parse(const QStringList &arguments, QString *error,
                                            QString *helpText)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("AccessDesk for scripts: see and revoke access on Jira Data Center.\n\n") +
        commandSummary());
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     QStringLiteral("Use a saved connection profile."),
                                     QStringLiteral("NAME"));
    const QCommandLineOption server(QStringLiteral("server"),
                                    QStringLiteral("Jira base URL, e.g. https://jira.example.com."),
                                    QStringLiteral("URL"));
    const QCommandLineOption auth(QStringLiteral("auth"),
                                  QStringLiteral("basic, pat, session, oauth1 or oauth2."),
                                  QStringLiteral("KIND"));
    const QCommandLineOption user(QStringLiteral("user"),
                                  QStringLiteral("User name (basic, session)."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption passwordEnv(
        QStringLiteral("password-env"),
        QStringLiteral("Environment variable holding the password."), QStringLiteral("VAR"));
    const QCommandLineOption tokenEnv(
        QStringLiteral("token-env"),
        QStringLiteral("Environment variable holding the personal access token."),
        QStringLiteral("VAR"));
    const QCommandLineOption consumerKey(QStringLiteral("consumer-key"),
                                         QStringLiteral("OAuth 1.0a consumer key."),
                                         QStringLiteral("KEY"));
    const QCommandLineOption privateKey(
        QStringLiteral("private-key"),
        QStringLiteral("OAuth 1.0a consumer's PEM private key file."), QStringLiteral("FILE"));
    const QCommandLineOption oauthTokenEnv(
        QStringLiteral("oauth-token-env"),
        QStringLiteral("Environment variable holding the OAuth access token."),
        QStringLiteral("VAR"));
    const QCommandLineOption oauthSecretEnv(
        QStringLiteral("oauth-secret-env"),
        QStringLiteral("Environment variable holding the OAuth token secret."),
        QStringLiteral("VAR"));
    const QCommandLineOption caFile(
        QStringLiteral("ca-file"),
        QStringLiteral("Also trust certificates issued by this PEM CA file."),
        QStringLiteral("FILE"));
    const QCommandLineOption pin(
        QStringLiteral("pin-sha256"),
        QStringLiteral("Trust exactly the server certificate with this SHA-256 fingerprint."),
        QStringLiteral("HEX"));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("table (default), json or csv."),
                                    QStringLiteral("FORMAT"), QStringLiteral("table"));
    const QCommandLineOption yes(QStringLiteral("yes"),
                                 QStringLiteral("Answer confirmations with yes."));
    const QCommandLineOption timeout(
        QStringLiteral("timeout"),
        QStringLiteral("Seconds without an answer before giving up (default 30)."),
        QStringLiteral("SECONDS"), QStringLiteral("30"));
    const QCommandLineOption days(QStringLiteral("days"),
                                  QStringLiteral("pat create: days until the token expires."),
                                  QStringLiteral("N"));
    const QCommandLineOption clientId(QStringLiteral("client-id"),
                                      QStringLiteral("OAuth 2.0 client id."), QStringLiteral("ID"));
    const QCommandLineOption clientSecretEnv(
        QStringLiteral("client-secret-env"),
        QStringLiteral("Environment variable holding the OAuth 2.0 client secret."),
        QStringLiteral("VAR"));
    const QCommandLineOption redirectPort(
        QStringLiteral("redirect-port"),
        QStringLiteral("oauth2 login: port of the registered http://127.0.0.1:PORT/callback."),
        QStringLiteral("PORT"));
    const QCommandLineOption scope(
        QStringLiteral("scope"),
        QStringLiteral("oauth2 login: READ, WRITE, ADMIN or SYSTEM_ADMIN."),
        QStringLiteral("SCOPE"));
    const QCommandLineOption version(QStringLiteral("version"),
                                     QStringLiteral("Show the version."));
    parser.addOptions({help,
                       profile,
                       server,
                       auth,
                       user,
                       passwordEnv,
                       tokenEnv,
                       consumerKey,
                       privateKey,
                       oauthTokenEnv,
                       oauthSecretEnv,
                       caFile,
                       pin,
                       format,
                       yes,
                       timeout,
                       days,
                       clientId,
                       clientSecretEnv,
                       redirectPort,
                       scope,
                       version});
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("What to do (see Commands)."),
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
    options.profile = parser.value(profile);
    options.server = parser.value(server);
    options.auth = parser.value(auth);
    options.user = parser.value(user);
    options.passwordEnv = parser.value(passwordEnv);
    options.tokenEnv = parser.value(tokenEnv);
    options.consumerKey = parser.value(consumerKey);
    options.privateKeyFile = parser.value(privateKey);
    options.oauthTokenEnv = parser.value(oauthTokenEnv);
    options.oauthSecretEnv = parser.value(oauthSecretEnv);
    options.caFile = parser.value(caFile);
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
        *error = QStringLiteral("--format takes table, json or csv");
        return std::nullopt;
    }
    bool ok = false;
    options.timeoutGiven = parser.isSet(timeout);
    options.timeoutSeconds = parser.value(timeout).toInt(&ok);
    if (!ok || options.timeoutSeconds < 1 || options.timeoutSeconds > 3600) {
        *error = QStringLiteral("--timeout takes a number of seconds from 1 to 3600");
        return std::nullopt;
    }
    if (parser.isSet(days)) {
        const int value = parser.value(days).toInt(&ok);
        if (!ok || value < 1) {
            *error = QStringLiteral("--days takes a positive number of days");
            return std::nullopt;
        }
        options.days = value;
    }
    if (parser.isSet(redirectPort)) {
        const uint port = parser.value(redirectPort).toUInt(&ok);
        if (!ok || port < 1 || port > 65535) {
            *error = QStringLiteral("--redirect-port takes a port number from 1 to 65535");
            return std::nullopt;
        }
        options.redirectPort = quint16(port);
    }
    if (parser.isSet(pin)) {
        options.pinSha256 = CertificateInfo::normaliseFingerprint(parser.value(pin));
        if (options.pinSha256.isEmpty()) {
            *error = QStringLiteral("--pin-sha256 takes the certificate's SHA-256 fingerprint (64 "
                                    "hex digits, colons allowed)");
            return std::nullopt;
        }
    }
    static const QStringList authKinds{QStringLiteral("basic"), QStringLiteral("pat"),
                                       QStringLiteral("session"), QStringLiteral("oauth1"),
                                       QStringLiteral("oauth2")};
    if (!options.auth.isEmpty() && !authKinds.contains(options.auth)) {
        *error = QStringLiteral("--auth takes basic, pat, session, oauth1 or oauth2");
        return std::nullopt;
    }
    if (!options.server.isEmpty()) {
        const QUrl url(options.server, QUrl::StrictMode);
        if (!url.isValid() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
            url.host().isEmpty()) {
            *error = QStringLiteral(
                "--server takes an http:// or https:// URL, e.g. https://jira.example.com");
            return std::nullopt;
        }
    }
    if (!options.profile.isEmpty() && !options.server.isEmpty()) {
        *error = QStringLiteral("use either --profile or --server, not both");
        return std::nullopt;
    }
    if (options.words.isEmpty()) {
        *error = QStringLiteral("no command given");
        return std::nullopt;
    }
    return options;
}

} // namespace accessdesk::cli
