#include "services/AppLinkProbe.h"

#include "api/AppLinkJobs.h"
#include "api/ServerConnection.h"

#include <QTimer>

namespace accessdesk {

namespace {

using Kind = AppLinkProbeResult::Kind;
using Step = AppLinkOutcome::Step;
using Problem = AppLinkOutcome::Problem;
using Rules = NewAppLinkRules;

// The scheme, host and port of a URL, the part that names a server.
QString originOf(const QUrl &url)
{
    return url
        .adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment |
                  QUrl::RemoveUserInfo)
        .toString();
}

} // namespace

AppLinkProbe::AppLinkProbe(ServerConnection *connection, QString url, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
    m_result.url = url.trimmed();
}

AppLinkProbe::~AppLinkProbe() = default;

void AppLinkProbe::start()
{
    if (m_started)
        return;
    m_started = true;
    if (!Rules::isHttpUrl(m_result.url)) {
        const auto outcome = AppLinkOutcome::failure(
            Step::Probe, Problem::InvalidInput,
            m_result.url.isEmpty() ? tr("Enter the address of the application to link to.")
                                   : tr("“%1” is not a web address.").arg(m_result.url),
            tr("Enter the application's base URL, starting with https:// or http://."),
            QStringLiteral("url"));
        QTimer::singleShot(0, this, [this, outcome] { finish(Kind::Failed, outcome); });
        return;
    }
    auto *job = new ProbeRemoteManifest(m_connection, m_result.url, this);
    m_job = job;
    connect(job, &ApiJob::finished, this, [this, job] { onProbed(job); });
    job->start();
}

void AppLinkProbe::cancel()
{
    if (m_finished)
        return;
    if (m_job) {
        m_job->cancel(); // reports Cancelled through onProbed / the list's handler
        return;
    }
    QTimer::singleShot(0, this, [this] {
        finish(Kind::Failed,
               AppLinkOutcome::failure(Step::Probe, Problem::Cancelled, tr("Cancelled.")));
    });
}

void AppLinkProbe::onProbed(ProbeRemoteManifest *job)
{
    m_job = nullptr;
    job->deleteLater();
    const QString &url = m_result.url;
    if (job->error().kind() == ApiError::Kind::Conflict) {
        identifyExisting(job->error());
        return;
    }
    if (job->error().kind() == ApiError::Kind::Validation) {
        auto outcome = AppLinkOutcome::failure(
            Step::Probe, Problem::InvalidInput,
            tr("Jira refused the address %1. %2").arg(url, job->error().serverMessage()),
            tr("Enter the application's base URL, starting with https:// or http://."),
            QStringLiteral("url"));
        outcome.error = job->error();
        finish(Kind::Failed, outcome);
        return;
    }
    if (job->error().isError()) {
        finish(Kind::Failed, AppLinkOutcome::fromError(Step::Probe, job->error()));
        return;
    }
    const ManifestProbe &probe = job->result();
    if (probe.manifest) {
        m_result.manifest = probe.manifest;
        if (!probe.manifest->url.isEmpty() && !Rules::sameUrl(probe.manifest->url, url))
            m_result.warning =
                tr("The application calls itself %1, not %2. Jira will call it at the address "
                   "you entered and show users %1; if your address works only from some "
                   "places, use %1 instead.")
                    .arg(probe.manifest->url, url);
        finish(Kind::Atlassian);
        return;
    }
    if (probe.warningCode.contains(QLatin1String("redirect"))) {
        finish(Kind::Redirected,
               AppLinkOutcome::failure(
                   Step::Probe, Problem::BaseUrlMismatch,
                   tr("%1 redirects to another address, so it is not the application's base URL.")
                       .arg(url),
                   tr("Enter the address the application really answers at (its base URL)."),
                   QStringLiteral("url")));
        return;
    }
    if (!probe.warningCode.isEmpty() || !probe.warning.isEmpty()) {
        finish(Kind::NoAnswer,
               AppLinkOutcome::failure(
                   Step::Probe, Problem::RemoteUnreachable,
                   tr("Nothing answers at %1: Jira could not reach it.").arg(url),
                   tr("Check the address and that the application is running. To link it anyway, "
                      "create a generic link; it works once the application answers."),
                   QStringLiteral("url")));
        return;
    }
    m_result.warning = tr("%1 is not an Atlassian application: a generic link fits it.").arg(url);
    finish(Kind::NotAtlassian);
}

void AppLinkProbe::identifyExisting(const ApiError &conflict)
{
    // Jira's 409 does not say which link it found, nor whether the URL is Jira itself.
    auto *list = new ListAppLinks(m_connection, {}, this);
    m_job = list;
    connect(list, &ApiJob::finished, this, [this, list, conflict] {
        m_job = nullptr;
        list->deleteLater();
        const QString &url = m_result.url;
        const auto existing =
            list->succeeded() ? Rules::findByUrl(list->result(), url) : std::nullopt;
        AppLinkOutcome outcome;
        Kind kind = Kind::AlreadyLinked;
        if (existing) {
            m_result.existing = *existing;
            outcome = AppLinkOutcome::failure(
                Step::Probe, Problem::AlreadyLinked,
                tr("A link to %1 exists already: “%2”.").arg(url, existing->name),
                tr("Edit that link instead, or delete it first."), QStringLiteral("url"));
        } else if (m_connection && originOf(QUrl(Rules::normalizedUrl(url))) ==
                                       originOf(QUrl(Rules::normalizedUrl(
                                           m_connection->settings().baseUrl.toString())))) {
            kind = Kind::ThisServer;
            outcome = AppLinkOutcome::failure(
                Step::Probe, Problem::ThisServer,
                tr("%1 is this Jira server itself, and a server is not linked to itself.").arg(url),
                tr("Enter the address of the other application."), QStringLiteral("url"));
        } else {
            outcome = AppLinkOutcome::failure(
                Step::Probe, Problem::AlreadyLinked,
                tr("Jira already has a link to the application at %1, or %1 is Jira itself.")
                    .arg(url),
                tr("Look for the application in the list of links (perhaps under another "
                   "address)."),
                QStringLiteral("url"));
        }
        outcome.error = conflict;
        finish(kind, outcome);
    });
    list->start();
}

void AppLinkProbe::finish(Kind kind, AppLinkOutcome outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    m_result.kind = kind;
    m_result.outcome = std::move(outcome);
    if (kind == Kind::Atlassian || kind == Kind::NotAtlassian)
        m_result.outcome = AppLinkOutcome::success(Step::Probe);
    emit finished();
}

} // namespace accessdesk
