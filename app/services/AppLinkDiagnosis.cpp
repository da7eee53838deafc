#include "services/AppLinkDiagnosis.h"

#include <QUrl>

namespace accessdesk {

namespace {

using Verdict = AppLinkDiagnosis::Verdict;
using Problem = AppLinkDiagnosis::Problem;

AppLinkDiagnosis make(Verdict verdict, Problem problem, QString summary, QString advice = {})
{
    AppLinkDiagnosis diagnosis;
    diagnosis.verdict = verdict;
    diagnosis.problem = problem;
    diagnosis.summary = std::move(summary);
    diagnosis.advice = std::move(advice);
    return diagnosis;
}

} // namespace

AppLinkDiagnosis AppLinkDiagnosis::of(const AppLinkStatus &status)
{
    if (status.working)
        return make(Verdict::Working, Problem::None,
                    tr("Working: Jira reaches the application and both ends accept each other."));

    const QString &type = status.errorType;
    const QString host = !status.errorDetails.isEmpty() && type == QLatin1String("UNKNOWN_HOST")
                             ? status.errorDetails
                             : QUrl(status.link.rpcUrl).host();
    const QString remote = host.isEmpty() ? tr("the remote application") : host;
    const QString relocate = tr("If the application moved, relocate the link to its new address.");
    auto broken = [](Problem problem, QString summary, QString advice) {
        return make(Verdict::Broken, problem, std::move(summary), std::move(advice));
    };

    // NETWORK_ERROR
    if (type == QLatin1String("CONNECTION_REFUSED"))
        return broken(Problem::ConnectionRefused,
                      tr("Nothing accepts connections at %1: the application is down, or the "
                         "link's address or port is wrong.")
                          .arg(status.link.rpcUrl.isEmpty() ? remote : status.link.rpcUrl),
                      tr("Check that the application is running and reachable from the Jira "
                         "server. %1")
                          .arg(relocate));
    if (type == QLatin1String("UNKNOWN_HOST"))
        return broken(
            Problem::UnknownHost,
            tr("The Jira server cannot find the host %1 (unknown host name).").arg(remote),
            tr("Check the spelling of the link's address and the Jira server's DNS. %1")
                .arg(relocate));
    if (type == QLatin1String("SSL_UNTRUSTED"))
        return broken(Problem::CertificateUntrusted,
                      tr("Jira does not trust the certificate of %1.").arg(remote),
                      tr("Import the application's certificate, or the authority that issued it, "
                         "into the Java trust store Jira uses, then restart Jira."));
    if (type == QLatin1String("SSL_HOSTNAME_UNMATCHED"))
        return broken(Problem::CertificateHostMismatch,
                      tr("The certificate of %1 is made out to another host name.").arg(remote),
                      tr("Use the host name the certificate names in the link's address, or give "
                         "the application a certificate for this name."));
    if (type == QLatin1String("SSL_UNMATCHED"))
        return broken(Problem::TlsHandshakeFailed,
                      tr("Jira and %1 could not agree on a secure connection (TLS handshake "
                         "failed).")
                          .arg(remote),
                      tr("Check the TLS versions and ciphers both servers allow, and any proxy "
                         "between them."));
    if (type == QLatin1String("UNEXPECTED_RESPONSE") ||
        type == QLatin1String("UNEXPECTED_RESPONSE_STATUS"))
        return broken(Problem::UnexpectedResponse,
                      tr("%1 answers, but not as the application would: a proxy, login or "
                         "maintenance page may be in the way.")
                          .arg(remote),
                      tr("Open the link's address from the Jira server (for example with curl) and "
                         "see what answers. %1")
                          .arg(relocate));
    if (type == QLatin1String("OAUTH_TIMESTAMP_REFUSED"))
        return broken(Problem::ClockMismatch,
                      tr("%1 refuses Jira's signed requests because the two servers' clocks "
                         "differ.")
                          .arg(remote),
                      tr("Synchronise both servers' clocks (NTP); OAuth allows only a few "
                         "minutes of difference."));
    if (type == QLatin1String("OAUTH_SIGNATURE_INVALID"))
        return broken(Problem::SignatureInvalid,
                      tr("%1 cannot verify Jira's OAuth signature.").arg(remote),
                      tr("Most often one application's base URL differs from the address the "
                         "other uses (a proxy, a changed URL): make both base URLs match the "
                         "addresses in the links. If a key pair was replaced, set up OAuth on "
                         "the link again."));
    if (type == QLatin1String("OAUTH_PROBLEM")) {
        if (status.errorDetails.contains(QLatin1String("consumer_key_unknown")))
            return broken(Problem::ConsumerMissingOnRemote,
                          tr("%1 does not know Jira as an OAuth consumer: its end of the link has "
                             "no incoming authentication for this Jira.")
                              .arg(remote),
                          tr("On the remote application, set up incoming OAuth on its link to "
                             "Jira, or recreate the link as a two-way link."));
        return broken(
            Problem::OAuthRefused,
            status.errorDetails.isEmpty()
                ? tr("%1 refuses Jira's OAuth requests.").arg(remote)
                : tr("%1 refuses Jira's OAuth requests (%2).").arg(remote, status.errorDetails),
            tr("Compare the OAuth settings of both ends of the link; set up OAuth on "
               "both ends again if they differ."));
    }
    // ACCESS_ERROR
    if (type == QLatin1String("LOCAL_AUTH_TOKEN_REQUIRED"))
        return broken(
            Problem::LocalAuthorisationNeeded,
            tr("The remote end can be checked only after you allow %1 to act as you in "
               "Jira.")
                .arg(remote),
            status.authorisationUri.isEmpty()
                ? tr("Authorise the application in Jira, then check again.")
                : tr("Open %1, allow access, then check again.").arg(status.authorisationUri));
    if (type == QLatin1String("REMOTE_AUTH_TOKEN_REQUIRED"))
        return broken(
            Problem::RemoteAuthorisationNeeded,
            tr("You have not allowed Jira to act as you on %1, so the remote end "
               "cannot be checked.")
                .arg(remote),
            status.authorisationUri.isEmpty()
                ? tr("Authorise Jira on the remote application, then check again.")
                : tr("Open %1, allow access, then check again.").arg(status.authorisationUri));
    if (type == QLatin1String("INSUFFICIENT_REMOTE_PERMISSION"))
        return broken(Problem::RemoteNotAdmin,
                      tr("Your account on %1 is not an administrator there, so the remote end "
                         "cannot be checked.")
                          .arg(remote),
                      tr("Check again as a user who administers both applications."));
    // CONFIG_ERROR
    if (type == QLatin1String("NO_REMOTE_APPLINK"))
        return broken(Problem::NoRemoteLink, tr("%1 has no link back to this Jira.").arg(remote),
                      tr("Create the link on the remote application (or recreate this one as a "
                         "two-way link). If it has one, its address for Jira must be Jira's base "
                         "URL."));
    if (type == QLatin1String("AUTH_LEVEL_MISMATCH"))
        return broken(Problem::AuthLevelMismatch,
                      tr("The two ends disagree on OAuth: what one end sends, the other does not "
                         "accept (for example impersonation on one side only)."),
                      tr("Make this end's outgoing OAuth match the remote's incoming OAuth, and "
                         "the other way round."));
    // INCOMPATIBLE, DEPRECATED, DISABLED, and the kinds that are nothing to fix
    if (type == QLatin1String("AUTH_LEVEL_UNSUPPORTED"))
        return broken(Problem::AuthLevelUnsupported,
                      tr("The link uses an authentication level %1 does not support.").arg(remote),
                      tr("Use OAuth without impersonation on both ends, or upgrade the remote "
                         "application."));
    if (type == QLatin1String("NO_OUTGOING_AUTH"))
        return broken(Problem::NoOutgoingAuth,
                      tr("Jira has no outgoing authentication for this link, so it cannot call %1 "
                         "as its users.")
                          .arg(remote),
                      tr("Turn on outgoing OAuth for the link."));
    if (type == QLatin1String("REMOTE_VERSION_INCOMPATIBLE"))
        return broken(Problem::RemoteIncompatible,
                      tr("%1 is too old for Jira to check the link.").arg(remote),
                      tr("Check the link from the remote application's administration, or "
                         "upgrade it."));
    if (type.startsWith(QLatin1String("LEGACY_")) ||
        type.startsWith(QLatin1String("MANUAL_LEGACY_")))
        return broken(
            Problem::LegacyAuthentication,
            tr("The link still uses Trusted Applications or Basic authentication, which "
               "Atlassian has retired."),
            type.startsWith(QLatin1String("MANUAL_"))
                ? tr("Switch the link to OAuth on both ends by hand (the remote cannot do "
                     "it automatically), then remove the old authentication.")
                : tr("Update the link to OAuth in Jira's link settings; Jira can do it "
                     "for both ends."));
    if (type == QLatin1String("DISABLED"))
        return broken(Problem::OAuthDisabled,
                      tr("OAuth is turned off on this link, so users cannot use it."),
                      tr("Turn on incoming and outgoing OAuth on both ends of the link."));
    if (type == QLatin1String("GENERIC_LINK") || type == QLatin1String("NON_ATLASSIAN"))
        return make(Verdict::NotChecked, Problem::NotAtlassian,
                    tr("A link to a non-Atlassian application: Jira cannot check it."),
                    tr("Nothing to do here; test the integration from the other application."));
    if (type == QLatin1String("SYSTEM_LINK"))
        return make(Verdict::NotChecked, Problem::SystemLink,
                    tr("A system link, managed by the application itself: it is not checked."));
    return broken(Problem::UnknownError,
                  type.isEmpty() ? tr("Jira says the link does not work, but not why.")
                                 : tr("Jira says the link does not work (%1).").arg(type),
                  tr("Open the link's status in Jira's administration, and look in both "
                     "applications' logs."));
}

AppLinkDiagnosis AppLinkDiagnosis::ofError(const ApiError &error)
{
    using K = ApiError::Kind;
    switch (error.kind()) {
    case K::None:
        return {};
    case K::Forbidden:
        return make(Verdict::Unknown, Problem::NotAdmin,
                    tr("Only Jira administrators may check application links."),
                    tr("Sign in as a Jira administrator."));
    case K::Unauthenticated:
    case K::WebSudoRequired:
        return make(Verdict::Unknown, Problem::SignInRefused, error.userMessage(),
                    tr("Sign in again, then check again."));
    case K::NotFound:
        return make(Verdict::Unknown, Problem::LinkGone,
                    tr("The link no longer exists on this server."),
                    tr("Refresh the list of links."));
    case K::Timeout:
        return make(Verdict::Unknown, Problem::CheckTimedOut,
                    tr("Jira did not finish the check in time. It calls the remote application "
                       "to check a link, so that application (or the network to it) is slow or "
                       "not answering."),
                    tr("Check again; if it keeps timing out, check the remote application and "
                       "the network between the two servers."));
    case K::Network:
    case K::Tls:
        return make(Verdict::Unknown, Problem::JiraUnreachable, error.userMessage(),
                    tr("Check the connection to Jira, then check again."));
    default:
        return make(Verdict::Unknown, Problem::CheckFailed,
                    tr("The link's status could not be read. %1").arg(error.userMessage()),
                    tr("Check again later; if it keeps failing, look in Jira's log."));
    }
}

QString AppLinkDiagnosis::verdictKey(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Working:
        return QStringLiteral("working");
    case Verdict::Broken:
        return QStringLiteral("broken");
    case Verdict::NotChecked:
        return QStringLiteral("not-checked");
    case Verdict::Unknown:
        return QStringLiteral("unknown");
    }
    return {};
}

QString AppLinkDiagnosis::problemKey(Problem problem)
{
    switch (problem) {
    case Problem::None:
        return QStringLiteral("none");
    case Problem::ConnectionRefused:
        return QStringLiteral("connection-refused");
    case Problem::UnknownHost:
        return QStringLiteral("unknown-host");
    case Problem::CertificateUntrusted:
        return QStringLiteral("certificate-untrusted");
    case Problem::CertificateHostMismatch:
        return QStringLiteral("certificate-host-mismatch");
    case Problem::TlsHandshakeFailed:
        return QStringLiteral("tls-handshake-failed");
    case Problem::UnexpectedResponse:
        return QStringLiteral("unexpected-response");
    case Problem::OAuthRefused:
        return QStringLiteral("oauth-refused");
    case Problem::ConsumerMissingOnRemote:
        return QStringLiteral("consumer-missing-on-remote");
    case Problem::ClockMismatch:
        return QStringLiteral("clock-mismatch");
    case Problem::SignatureInvalid:
        return QStringLiteral("signature-invalid");
    case Problem::LocalAuthorisationNeeded:
        return QStringLiteral("local-authorisation-needed");
    case Problem::RemoteAuthorisationNeeded:
        return QStringLiteral("remote-authorisation-needed");
    case Problem::RemoteNotAdmin:
        return QStringLiteral("remote-not-admin");
    case Problem::NoRemoteLink:
        return QStringLiteral("no-remote-link");
    case Problem::AuthLevelMismatch:
        return QStringLiteral("auth-level-mismatch");
    case Problem::AuthLevelUnsupported:
        return QStringLiteral("auth-level-unsupported");
    case Problem::NoOutgoingAuth:
        return QStringLiteral("no-outgoing-auth");
    case Problem::OAuthDisabled:
        return QStringLiteral("oauth-disabled");
    case Problem::RemoteIncompatible:
        return QStringLiteral("remote-incompatible");
    case Problem::LegacyAuthentication:
        return QStringLiteral("legacy-authentication");
    case Problem::NotAtlassian:
        return QStringLiteral("not-atlassian");
    case Problem::SystemLink:
        return QStringLiteral("system-link");
    case Problem::UnknownError:
        return QStringLiteral("unknown-error");
    case Problem::NotAdmin:
        return QStringLiteral("not-admin");
    case Problem::SignInRefused:
        return QStringLiteral("sign-in-refused");
    case Problem::LinkGone:
        return QStringLiteral("link-gone");
    case Problem::CheckTimedOut:
        return QStringLiteral("check-timed-out");
    case Problem::JiraUnreachable:
        return QStringLiteral("jira-unreachable");
    case Problem::CheckFailed:
        return QStringLiteral("check-failed");
    }
    return {};
}

} // namespace accessdesk
