#pragma once

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

class QCommandLineParser;

namespace accessdesk {

// Where to connect and as whom, as the command line of accessdesk-cli and accessdesk says it
// (README "Global options"). Secrets never come from argv: only the names of environment
// variables that hold them. ConnectionResolver turns these into a ServerConnection.
struct ConnectionOptions
{
    QString profile;        // a saved profile (ProfileStore) …
    QString server;         // … or a base URL; never both
    QString auth;           // basic|pat|session|oauth1|oauth2; empty: the profile's, else basic
    QString user;           // basic, session
    QString passwordEnv;    // basic, session
    QString tokenEnv;       // pat, oauth2
    QString consumerKey;    // oauth1
    QString privateKeyFile; // oauth1: PEM file of the consumer's private key
    QString oauthTokenEnv;  // oauth1: access token
    QString oauthSecretEnv; // oauth1: access token secret
    QString caFile;
    QString pinSha256; // normalised (CertificateInfo::normaliseFingerprint)
    int timeoutSeconds = 30;
    bool timeoutGiven = false; // else a profile's own timeout applies
    // --allow-http: the user accepts that the secret crosses the network unencrypted (http:// to
    // another computer; see services/PlainHttpRule.h). A profile records its own consent.
    bool allowPlainHttp = false;

    bool namesServer() const { return !profile.isEmpty() || !server.isEmpty(); }
};

// The options above for a QCommandLineParser: one definition of their names, value names and
// help texts for both executables. The members are public so a front end can list them in the
// order its --help wants; addTo() adds them all in the README's order.
class ConnectionOptionSet final
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionOptionSet)

public:
    ConnectionOptionSet();

    // Every option below, in the README's order.
    QList<QCommandLineOption> all() const;
    void addTo(QCommandLineParser &parser) const;
    // Reads back what parse() found and checks the values; std::nullopt with *error (plain
    // words naming the option) when one is unusable.
    std::optional<ConnectionOptions> read(const QCommandLineParser &parser, QString *error) const;

    // Which server, and as whom (ConnectionOptions names the same things).
    const QCommandLineOption profile, server, auth, user, passwordEnv, tokenEnv;
    const QCommandLineOption consumerKey, privateKey, oauthTokenEnv, oauthSecretEnv; // oauth1
    // Whom to trust, and how long to wait.
    const QCommandLineOption caFile, pin, timeout;
    // Consent to send a secret over plain http:// to another computer.
    const QCommandLineOption allowHttp;
};

} // namespace accessdesk
