#include "cli/CliAdminOptions.h"

#include "services/StaleTokenRule.h"

#include <QCommandLineParser>

namespace accessdesk::cli {

namespace {

// help is marked with QT_TRANSLATE_NOOP and translated here, when the option is built.
QCommandLineOption valued(const char *name, const char *help, const char *valueName)
{
    return QCommandLineOption(QLatin1String(name), CliAdminOptionSet::tr(help),
                              QLatin1String(valueName));
}

QCommandLineOption flag(const char *name, const char *help)
{
    return QCommandLineOption(QLatin1String(name), CliAdminOptionSet::tr(help));
}

// A positive whole number of days, or an error naming the option.
std::optional<int> days(const QCommandLineParser &parser, const QCommandLineOption &option,
                        QString *error)
{
    bool ok = false;
    const int value = parser.value(option).toInt(&ok);
    if (!ok || value < 1 || value > StaleTokenRule::kMaxDays) {
        *error = CliAdminOptionSet::tr("--%1 takes a whole number of days from 1 to %2")
                     .arg(option.names().constFirst())
                     .arg(StaleTokenRule::kMaxDays);
        return std::nullopt;
    }
    return value;
}

} // namespace

// The help texts are the CLI's contract wording (README "accessdesk-cli"), translated like every
// message; the option and value names are the same in every language.
CliAdminOptionSet::CliAdminOptionSet()
    : name(valued(
          "name",
          QT_TRANSLATE_NOOP("CliAdminOptionSet",
                            "links, consumers, oauth2-clients: the name; admin-pats: part of the "
                            "token's name."),
          "NAME"))
    , type(
          valued("type",
                 QT_TRANSLATE_NOOP("CliAdminOptionSet",
                                   "links create: the application type (generic, jira, confluence, "
                                   "bamboo, stash, fecru, crowd)."),
                 "TYPE"))
    , primary(
          flag("primary", QT_TRANSLATE_NOOP("CliAdminOptionSet",
                                            "links create: make it the primary link of its type.")))
    , twoWay(flag("two-way", QT_TRANSLATE_NOOP(
                                 "CliAdminOptionSet",
                                 "links create: also create the remote end and trust each other.")))
    , remoteUser(valued("remote-user",
                        QT_TRANSLATE_NOOP("CliAdminOptionSet",
                                          "links create --two-way: the remote's administrator."),
                        "NAME"))
    , remotePasswordEnv(
          valued("remote-password-env",
                 QT_TRANSLATE_NOOP("CliAdminOptionSet",
                                   "links create --two-way: environment variable holding the "
                                   "remote administrator's password (used once, never stored)."),
                 "VAR"))
    , displayUrl(valued(
          "display-url",
          QT_TRANSLATE_NOOP("CliAdminOptionSet", "links update: the address shown to users."),
          "URL"))
    , rpcUrl(valued("rpc-url",
                    QT_TRANSLATE_NOOP("CliAdminOptionSet",
                                      "links update: the address Jira calls the application on."),
                    "URL"))
    , bothEnds(flag("both", QT_TRANSLATE_NOOP(
                                "CliAdminOptionSet",
                                "links delete: also delete the link on the remote application.")))
    , consumerKey(valued(
          "key", QT_TRANSLATE_NOOP("CliAdminOptionSet", "consumers approve: the consumer key."),
          "KEY"))
    , publicKey(valued(
          "public-key",
          QT_TRANSLATE_NOOP("CliAdminOptionSet",
                            "consumers approve: file with the consumer's RSA public key (PEM or "
                            "base64)."),
          "FILE"))
    , description(valued("description",
                         QT_TRANSLATE_NOOP("CliAdminOptionSet",
                                           "consumers approve: shown to users who grant access."),
                         "TEXT"))
    , callback(valued("callback",
                      QT_TRANSLATE_NOOP("CliAdminOptionSet",
                                        "consumers approve: the consumer's callback address."),
                      "URL"))
    , twoLegged(flag("two-legged", QT_TRANSLATE_NOOP("CliAdminOptionSet",
                                                     "consumers approve: allow 2-legged OAuth.")))
    , executeAs(valued("execute-as",
                       QT_TRANSLATE_NOOP("CliAdminOptionSet",
                                         "consumers approve --two-legged: run 2-legged requests as "
                                         "this user."),
                       "NAME"))
    , impersonation(flag("impersonation",
                         QT_TRANSLATE_NOOP("CliAdminOptionSet",
                                           "consumers approve --two-legged: allow impersonation "
                                           "(system administrators only).")))
    , out(valued(
          "out",
          QT_TRANSLATE_NOOP("CliAdminOptionSet",
                            "consumers keygen: the file for the private key (created 0600)."),
          "FILE"))
    , bits(valued(
          "bits",
          QT_TRANSLATE_NOOP("CliAdminOptionSet", "consumers keygen: 2048 (default), 3072 or 4096."),
          "N"))
    , force(flag("force", QT_TRANSLATE_NOOP("CliAdminOptionSet",
                                            "consumers keygen: replace an existing --out file.")))
    , redirect(valued("redirect",
                      QT_TRANSLATE_NOOP("CliAdminOptionSet",
                                        "oauth2-clients: a redirect address (repeat for several)."),
                      "URL"))
    , owner(
          valued("owner",
                 QT_TRANSLATE_NOOP(
                     "CliAdminOptionSet",
                     "admin-pats: tokens of this user (user name, display name or e-mail, or part "
                     "of one; an exact user name or e-mail wins)."),
                 "TEXT"))
    , neverUsed(flag("never-used",
                     QT_TRANSLATE_NOOP("CliAdminOptionSet", "admin-pats: tokens never used.")))
    , expired(flag("expired",
                   QT_TRANSLATE_NOOP("CliAdminOptionSet", "admin-pats: tokens that have expired.")))
    , unusedDays(valued(
          "unused-days",
          QT_TRANSLATE_NOOP("CliAdminOptionSet",
                            "admin-pats: tokens not used in the last N days (never-used ones older "
                            "than N days too)."),
          "N"))
    , expiringDays(valued(
          "expiring-days",
          QT_TRANSLATE_NOOP("CliAdminOptionSet", "admin-pats: tokens that expire within N days."),
          "N"))
    , dryRun(flag("dry-run", QT_TRANSLATE_NOOP(
                                 "CliAdminOptionSet",
                                 "admin-pats sweep: show what would be revoked, change nothing.")))
    , receipt(
          valued("receipt",
                 QT_TRANSLATE_NOOP("CliAdminOptionSet",
                                   "admin-pats sweep: write a CSV receipt of the outcome here."),
                 "FILE"))
{}

QList<QCommandLineOption> CliAdminOptionSet::all() const
{
    return {name,         type,      primary,   twoWay,        remoteUser, remotePasswordEnv,
            displayUrl,   rpcUrl,    bothEnds,  consumerKey,   publicKey,  description,
            callback,     twoLegged, executeAs, impersonation, out,        bits,
            force,        redirect,  owner,     neverUsed,     expired,    unusedDays,
            expiringDays, dryRun,    receipt};
}

std::optional<CliAdminOptions> CliAdminOptionSet::read(const QCommandLineParser &parser,
                                                       QString *error) const
{
    CliAdminOptions o;
    o.name = parser.value(name);
    o.tokenName = o.name;
    o.type = parser.value(type);
    o.primary = parser.isSet(primary);
    o.twoWay = parser.isSet(twoWay);
    o.remoteUser = parser.value(remoteUser);
    o.remotePasswordEnv = parser.value(remotePasswordEnv);
    o.displayUrl = parser.value(displayUrl);
    o.rpcUrl = parser.value(rpcUrl);
    o.bothEnds = parser.isSet(bothEnds);
    o.consumerKey = parser.value(consumerKey);
    o.publicKeyFile = parser.value(publicKey);
    o.description = parser.value(description);
    o.callback = parser.value(callback);
    o.twoLegged = parser.isSet(twoLegged);
    o.executeAs = parser.value(executeAs);
    o.impersonation = parser.isSet(impersonation);
    o.outFile = parser.value(out);
    o.force = parser.isSet(force);
    o.redirects = parser.values(redirect);
    o.owner = parser.value(owner);
    o.neverUsed = parser.isSet(neverUsed);
    o.expired = parser.isSet(expired);
    o.dryRun = parser.isSet(dryRun);
    o.receiptFile = parser.value(receipt);

    if (parser.isSet(bits)) {
        bool ok = false;
        o.keyBits = parser.value(bits).toInt(&ok);
        if (!ok || (o.keyBits != 2048 && o.keyBits != 3072 && o.keyBits != 4096)) {
            *error = tr("--bits takes 2048, 3072 or 4096");
            return std::nullopt;
        }
    }
    if (parser.isSet(unusedDays)) {
        o.unusedDays = days(parser, unusedDays, error);
        if (!o.unusedDays)
            return std::nullopt;
    }
    if (parser.isSet(expiringDays)) {
        o.expiringDays = days(parser, expiringDays, error);
        if (!o.expiringDays)
            return std::nullopt;
    }
    const bool remoteGiven = !o.remoteUser.isEmpty() || !o.remotePasswordEnv.isEmpty();
    if (o.twoWay && (o.remoteUser.isEmpty() || o.remotePasswordEnv.isEmpty())) {
        *error = tr("--two-way needs --remote-user and --remote-password-env");
        return std::nullopt;
    }
    if (!o.twoWay && remoteGiven) {
        *error = tr("--remote-user and --remote-password-env go with --two-way");
        return std::nullopt;
    }
    if ((!o.executeAs.isEmpty() || o.impersonation) && !o.twoLegged) {
        *error = tr("--execute-as and --impersonation go with --two-legged");
        return std::nullopt;
    }
    return o;
}

} // namespace accessdesk::cli
