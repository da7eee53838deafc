#pragma once

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class QCommandLineParser;

namespace accessdesk::cli {

// The options of the administration commands (links, consumers, oauth2-clients, admin-pats):
// what is created or changed, and which tokens a search or sweep takes. Secrets never come from
// argv here either: the remote's admin password only through --remote-password-env.
struct CliAdminOptions
{
    // links create / update, consumers approve, oauth2-clients update
    QString name;
    QString type; // links create: jira, confluence, bamboo, stash, fecru, crowd, generic, …
    bool primary = false;
    bool twoWay = false;       // links create: also create the remote end and trust each other
    QString remoteUser;        // … with the remote's administrator
    QString remotePasswordEnv; // … whose password is in this environment variable
    QString displayUrl;        // links update
    QString rpcUrl;            // links update
    bool bothEnds = false;     // links delete --both

    // consumers approve
    QString consumerKey;
    QString publicKeyFile;
    QString description;
    QString callback;
    bool twoLegged = false;
    QString executeAs;
    bool impersonation = false;

    // consumers keygen
    QString outFile;
    int keyBits = 2048;
    bool force = false; // replace an existing --out file

    // oauth2-clients create / update (the scope is CliOptions::scope)
    QStringList redirects;

    // admin-pats search / sweep
    QString owner;
    QString tokenName;
    bool neverUsed = false;
    bool expired = false;
    std::optional<int> unusedDays;
    std::optional<int> expiringDays;
    bool dryRun = false;
    QString receiptFile;
};

// The options above for a QCommandLineParser: one definition of their names and help texts.
class CliAdminOptionSet final
{
    Q_DECLARE_TR_FUNCTIONS(CliAdminOptionSet)

public:
    CliAdminOptionSet();

    QList<QCommandLineOption> all() const;
    // Reads back what parse() found; std::nullopt with *error (naming the option) when a value
    // is unusable.
    std::optional<CliAdminOptions> read(const QCommandLineParser &parser, QString *error) const;

    const QCommandLineOption name, type, primary, twoWay, remoteUser, remotePasswordEnv;
    const QCommandLineOption displayUrl, rpcUrl, bothEnds;
    const QCommandLineOption consumerKey, publicKey, description, callback, twoLegged, executeAs,
        impersonation;
    const QCommandLineOption out, bits, force, redirect;
    const QCommandLineOption owner, neverUsed, expired, unusedDays, expiringDays, dryRun, receipt;
};

} // namespace accessdesk::cli
