#include "services/ConnectionOptions.h"

#include "api/CertificateInfo.h"

#include <QCommandLineParser>
#include <QUrl>

namespace accessdesk {

namespace {

// help is marked with QT_TRANSLATE_NOOP and translated here, when the option is built.
QCommandLineOption option(const char *name, const char *help, const char *valueName,
                          const QString &defaultValue = {})
{
    return QCommandLineOption(QLatin1String(name),
                              QCoreApplication::translate("ConnectionOptionSet", help),
                              QLatin1String(valueName), defaultValue);
}

} // namespace

// The help texts are the README's "Global options" wording, translated like every message; the
// option and value names are the same in every language.
ConnectionOptionSet::ConnectionOptionSet()
    : profile(option("profile",
                     QT_TRANSLATE_NOOP("ConnectionOptionSet", "Use a saved connection profile."),
                     "NAME"))
    , server(option(
          "server",
          QT_TRANSLATE_NOOP("ConnectionOptionSet", "Jira base URL, e.g. https://jira.example.com."),
          "URL"))
    , auth(
          option("auth",
                 QT_TRANSLATE_NOOP("ConnectionOptionSet", "basic, pat, session, oauth1 or oauth2."),
                 "KIND"))
    , user(option("user", QT_TRANSLATE_NOOP("ConnectionOptionSet", "User name (basic, session)."),
                  "NAME"))
    , passwordEnv(option(
          "password-env",
          QT_TRANSLATE_NOOP("ConnectionOptionSet", "Environment variable holding the password."),
          "VAR"))
    , tokenEnv(option("token-env",
                      QT_TRANSLATE_NOOP("ConnectionOptionSet",
                                        "Environment variable holding the personal access token."),
                      "VAR"))
    , consumerKey(option("consumer-key",
                         QT_TRANSLATE_NOOP("ConnectionOptionSet", "OAuth 1.0a consumer key."),
                         "KEY"))
    , privateKey(option(
          "private-key",
          QT_TRANSLATE_NOOP("ConnectionOptionSet", "OAuth 1.0a consumer's PEM private key file."),
          "FILE"))
    , oauthTokenEnv(
          option("oauth-token-env",
                 QT_TRANSLATE_NOOP("ConnectionOptionSet",
                                   "Environment variable holding the OAuth access token."),
                 "VAR"))
    , oauthSecretEnv(
          option("oauth-secret-env",
                 QT_TRANSLATE_NOOP("ConnectionOptionSet",
                                   "Environment variable holding the OAuth token secret."),
                 "VAR"))
    , caFile(option("ca-file",
                    QT_TRANSLATE_NOOP("ConnectionOptionSet",
                                      "Also trust certificates issued by this PEM CA file."),
                    "FILE"))
    , pin(option(
          "pin-sha256",
          QT_TRANSLATE_NOOP("ConnectionOptionSet",
                            "Trust exactly the server certificate with this SHA-256 fingerprint."),
          "HEX"))
    , timeout(option("timeout",
                     QT_TRANSLATE_NOOP("ConnectionOptionSet",
                                       "Seconds without an answer before giving up (default 30)."),
                     "SECONDS", QStringLiteral("30")))
    , allowHttp(QStringLiteral("allow-http"),
                tr("Send the password or token over plain http:// to a server that is not this "
                   "computer (it can be read on the way)."))
{}

QList<QCommandLineOption> ConnectionOptionSet::all() const
{
    return {profile,    server,        auth,           user,   passwordEnv, tokenEnv, consumerKey,
            privateKey, oauthTokenEnv, oauthSecretEnv, caFile, pin,         timeout,  allowHttp};
}

void ConnectionOptionSet::addTo(QCommandLineParser &parser) const
{
    parser.addOptions(all());
}

std::optional<ConnectionOptions> ConnectionOptionSet::read(const QCommandLineParser &parser,
                                                           QString *error) const
{
    ConnectionOptions options;
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
    options.allowPlainHttp = parser.isSet(allowHttp);

    bool ok = false;
    options.timeoutGiven = parser.isSet(timeout);
    options.timeoutSeconds = parser.value(timeout).toInt(&ok);
    if (!ok || options.timeoutSeconds < 1 || options.timeoutSeconds > 3600) {
        *error = tr("--timeout takes a number of seconds from 1 to 3600");
        return std::nullopt;
    }
    if (parser.isSet(pin)) {
        options.pinSha256 = CertificateInfo::normaliseFingerprint(parser.value(pin));
        if (options.pinSha256.isEmpty()) {
            *error = tr("--pin-sha256 takes the certificate's SHA-256 fingerprint (64 "
                        "hex digits, colons allowed)");
            return std::nullopt;
        }
    }
    static const QStringList authKinds{QStringLiteral("basic"), QStringLiteral("pat"),
                                       QStringLiteral("session"), QStringLiteral("oauth1"),
                                       QStringLiteral("oauth2")};
    if (!options.auth.isEmpty() && !authKinds.contains(options.auth)) {
        *error = tr("--auth takes basic, pat, session, oauth1 or oauth2");
        return std::nullopt;
    }
    if (!options.server.isEmpty()) {
        const QUrl url(options.server, QUrl::StrictMode);
        if (!url.isValid() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
            url.host().isEmpty()) {
            *error = tr("--server takes an http:// or https:// URL, e.g. https://jira.example.com");
            return std::nullopt;
        }
        // As in a profile: a password in a URL ends up in shell history and process lists.
        if (!url.userInfo().isEmpty()) {
            *error =
                tr("--server must not contain a user name or password (https://user:password@…); "
                   "give --user NAME and --password-env VAR or --token-env VAR instead");
            return std::nullopt;
        }
    }
    if (!options.profile.isEmpty() && !options.server.isEmpty()) {
        *error = tr("use either --profile or --server, not both");
        return std::nullopt;
    }
    return options;
}

} // namespace accessdesk
