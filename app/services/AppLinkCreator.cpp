#include "services/AppLinkCreator.h"

#include "api/AppLinkFormJobs.h"
#include "api/AppLinkJobs.h"
#include "services/AppLinkChanges.h"
#include "services/AppLinkProbe.h"
#include "storage/ActivityLog.h"

#include <QTimer>

namespace accessdesk {

namespace {

using Problem = AppLinkOutcome::Problem;
using Result = AppLinkOutcome::Result;
using Step = AppLinkOutcome::Step;
using Rules = NewAppLinkRules;

} // namespace

AppLinkCreator::AppLinkCreator(ServerConnection *connection, ActivityLog *log, ActivityContext who,
                               QObject *parent)
    : RecordedJob(connection, log, std::move(who), parent)
{}

AppLinkCreator::~AppLinkCreator()
{
    forgetRemotePassword();
}

void AppLinkCreator::setRemotePassword(const QString &password)
{
    forgetRemotePassword();
    // A buffer of its own, so that overwriting it later wipes this copy and not a shared one.
    m_remotePassword = QString(password.constData(), password.size());
}

void AppLinkCreator::forgetRemotePassword()
{
    m_remotePassword.fill(QChar(0));
    m_remotePassword.clear();
}

QString AppLinkCreator::describe(const NewAppLinkDraft &draft)
{
    return (draft.twoWay ? QStringLiteral("two-way application link “")
                         : QStringLiteral("application link “")) +
           draft.name.trimmed() + QStringLiteral("” (") +
           (draft.typeId.isEmpty() ? QStringLiteral("type not chosen") : draft.typeId) +
           QStringLiteral(") to ") + draft.url.trimmed();
}

void AppLinkCreator::enter(Step step)
{
    m_step = step;
    emit stepChanged(step);
}

void AppLinkCreator::run(ApiJob *job, std::function<void(ApiJob *)> then)
{
    m_current = job;
    connect(job, &ApiJob::finished, this, [this, job, then] {
        m_current = nullptr;
        job->deleteLater();
        then(job);
    });
    job->start();
}

void AppLinkCreator::probe()
{
    if (m_busy)
        return;
    m_busy = true;
    m_cancelled = false;
    m_outcome = {};
    runProbe([this] { finish(m_probe.outcome); });
}

void AppLinkCreator::runProbe(std::function<void()> then)
{
    enter(Step::Probe);
    auto *probe = new AppLinkProbe(m_connection, m_draft.url, this);
    m_current = probe;
    connect(probe, &AppLinkProbe::finished, this, [this, probe, then] {
        m_current = nullptr;
        probe->deleteLater();
        m_probe = probe->result();
        Rules::fillFromProbe(m_probe, &m_draft);
        then();
    });
    probe->start();
}

void AppLinkCreator::create()
{
    if (m_busy)
        return;
    m_busy = true;
    m_cancelled = false;
    m_outcome = {};
    m_created = {};
    m_autoConfigured = true;
    const bool probed = m_probe.kind != AppLinkProbeResult::Kind::None &&
                        m_probe.kind != AppLinkProbeResult::Kind::Failed &&
                        Rules::sameUrl(m_probe.url, m_draft.url);
    if (probed)
        QTimer::singleShot(0, this, [this] { admitAndCheck(); });
    else
        runProbe([this] { admitAndCheck(); });
}

void AppLinkCreator::cancel()
{
    if (!m_busy || m_cancelled)
        return;
    m_cancelled = true;
    if (auto *job = qobject_cast<ApiJob *>(m_current.data()))
        job->cancel();
    else if (auto *probe = qobject_cast<AppLinkProbe *>(m_current.data()))
        probe->cancel();
    else if (auto *change = qobject_cast<AppLinkChange *>(m_current.data()))
        change->cancel();
}

void AppLinkCreator::admitAndCheck()
{
    if (m_cancelled) {
        finish(AppLinkOutcome::failure(Step::Probe, Problem::Cancelled, tr("Cancelled.")));
        return;
    }
    AppLinkOutcome admitted = Rules::admit(m_probe, &m_draft);
    if (!admitted.succeeded()) {
        finish(admitted);
        return;
    }
    enter(Step::Check);
    AppLinkOutcome checked = Rules::checkDraft(m_draft, hasRemotePassword());
    if (!checked.succeeded()) {
        finish(checked);
        return;
    }
    run(new ListAppLinks(m_connection, {}, this), [this](ApiJob *job) {
        if (!job->succeeded()) {
            finish(AppLinkOutcome::fromError(Step::Check, job->error()));
            return;
        }
        AppLinkOutcome clash =
            Rules::checkAgainst(m_draft, static_cast<ListAppLinks *>(job)->result());
        if (!clash.succeeded()) {
            finish(clash);
            return;
        }
        send();
    });
}

bool AppLinkCreator::beginChange(const QString &action, const QString &target)
{
    m_record = beginRecord(action, target);
    if (!m_record.wasRefused())
        return true;
    // An administrator's change the log cannot record is not made at all.
    const QString why = m_log ? m_log->lastError() : QString();
    finish(AppLinkOutcome::failure(
        m_step, Problem::NotRecorded,
        tr("Nothing was sent: the activity log could not record the change (%1).").arg(why),
        tr("Check that the disk is writable, then try again.")));
    return false;
}

void AppLinkCreator::send()
{
    enter(Step::Create);
    if (!beginChange(QStringLiteral("create-applink"), describe(m_draft)))
        return;
    const bool atlassian = m_probe.kind == AppLinkProbeResult::Kind::Atlassian &&
                           m_probe.manifest && m_draft.typeId != QLatin1String("generic");
    AppLinkDraft link;
    link.id = atlassian ? m_probe.manifest->id : QString();
    link.typeId = m_draft.typeId;
    link.name = m_draft.name.trimmed();
    link.rpcUrl = Rules::normalizedUrl(m_draft.url);
    link.displayUrl =
        m_draft.displayUrl.isEmpty() ? link.rpcUrl : Rules::normalizedUrl(m_draft.displayUrl);
    link.primary = m_draft.primary;
    if (!m_draft.twoWay) {
        run(new CreateAppLink(m_connection, link, this),
            [this](ApiJob *job) { onSent(job, false); });
        return;
    }
    AppLinkFormRequest form;
    form.link = link;
    form.createTwoWayLink = true;
    form.remoteUser = m_draft.remoteUser.trimmed();
    form.remotePassword = QString(m_remotePassword.constData(), m_remotePassword.size());
    form.localUrlForRemote = m_draft.localUrlForRemote.trimmed();
    form.shareUserbase = m_draft.impersonation;
    auto *job = new CreateAppLinkForm(m_connection, std::move(form), this);
    run(job, [this](ApiJob *sent) {
        forgetRemotePassword(); // used once, whatever the answer
        onSent(sent, true);
    });
}

void AppLinkCreator::onSent(ApiJob *job, bool twoWay)
{
    const ApiError &error = job->error();
    if (error.kind() == ApiError::Kind::Cancelled) {
        // The request may have reached the server before the cancel: say so, and do not look.
        m_record.completeUnknown(QStringLiteral("Cancelled before the server's answer came."));
        AppLinkOutcome outcome = AppLinkOutcome::failure(
            Step::Create, Problem::AnswerLost,
            tr("Cancelled while Jira was creating the link: it may exist now."),
            tr("Refresh the list of links to see whether it was created."));
        outcome.result = Result::Unknown;
        finish(outcome);
        return;
    }
    if (error.isError() && AppLinkOutcome::answerMayBeLost(error, job->attempts())) {
        confirm({}, true);
        return;
    }
    if (error.isError()) {
        AppLinkOutcome outcome = AppLinkOutcome::fromError(Step::Create, error);
        const auto &fields = error.fieldErrors();
        if (fields.contains(QStringLiteral("authorization"))) {
            outcome.problem = Problem::RemoteCredentialsRefused;
            outcome.field = QStringLiteral("remoteUser");
            outcome.message = tr("%1 refused the administrator credentials: the user name or "
                                 "password is wrong, or %2 is not an administrator there.")
                                  .arg(m_draft.url, m_draft.remoteUser);
            outcome.advice = tr("Enter the user name and password of an administrator of the "
                                "remote application.");
        } else if (fields.contains(QStringLiteral("same-userbase"))) {
            outcome.problem = Problem::SysadminOnly;
            outcome.message = tr("Only system administrators may link with impersonation (the "
                                 "two applications share their users).");
            outcome.advice = tr("Link without impersonation, or ask a system administrator.");
        } else if (twoWay && error.kind() == ApiError::Kind::Server) {
            outcome.problem = Problem::RemoteFailed;
            outcome.message = tr("The other end of the link could not be created on %1. %2")
                                  .arg(m_draft.url, error.userMessage());
            outcome.advice = tr("Check that %1 can reach this Jira at its base URL and that the "
                                "remote user is an administrator there; or create a one-way link "
                                "and set up the other end in the remote application.")
                                 .arg(m_draft.url);
        }
        m_record.complete(error, outcome.message);
        finish(outcome);
        return;
    }
    QString id;
    if (twoWay) {
        const CreatedAppLinkForm &created = static_cast<CreateAppLinkForm *>(job)->result();
        id = created.link.id;
        m_autoConfigured = created.autoConfigurationSuccessful;
    } else {
        id = static_cast<CreateAppLink *>(job)->result().id;
    }
    confirm(id, false);
}

void AppLinkCreator::confirm(const QString &id, bool answerLost)
{
    enter(Step::Confirm);
    if (!id.isEmpty()) {
        run(new GetAppLink(m_connection, id, this), [this, answerLost](ApiJob *job) {
            const bool gone = job->error().kind() == ApiError::Kind::NotFound;
            confirmed(job->succeeded() ? std::optional(static_cast<GetAppLink *>(job)->result())
                                       : std::nullopt,
                      gone ? ApiError() : job->error(), answerLost);
        });
        return;
    }
    run(new ListAppLinks(m_connection, {}, this), [this, answerLost](ApiJob *job) {
        confirmed(job->succeeded()
                      ? Rules::findByUrl(static_cast<ListAppLinks *>(job)->result(), m_draft.url)
                      : std::nullopt,
                  job->error(), answerLost);
    });
}

void AppLinkCreator::confirmed(const std::optional<AppLink> &link, const ApiError &readError,
                               bool answerLost)
{
    if (link) {
        m_created = *link;
        m_record.complete({});
        makePrimary();
        return;
    }
    AppLinkOutcome outcome;
    if (readError.isError()) {
        outcome = AppLinkOutcome::failure(
            Step::Confirm, Problem::AnswerLost,
            answerLost ? tr("Jira's answer was lost, and the list of links could not be read "
                            "either: whether the link was created is unknown. %1")
                             .arg(readError.userMessage())
                       : tr("Jira said it created the link, but reading it back failed: %1")
                             .arg(readError.userMessage()),
            tr("Refresh the list of links before creating it again."));
        m_record.completeUnknown(QStringLiteral("The link could not be read back (") +
                                 readError.userMessage() + QLatin1Char(')'));
    } else {
        outcome = AppLinkOutcome::failure(
            Step::Confirm, Problem::AnswerLost,
            answerLost ? tr("Jira's answer was lost, and the link is not in the list (yet): it "
                            "may still appear.")
                       : tr("Jira said it created the link, but it is not there."),
            tr("Refresh the list of links in a minute; create the link again only if it is "
               "still missing."));
        m_record.completeUnknown(
            answerLost ? QStringLiteral("The answer was lost and the link was not found "
                                        "afterwards.")
                       : QStringLiteral("The server reported success, but the link was not "
                                        "found afterwards."));
    }
    outcome.result = Result::Unknown;
    finish(outcome);
}

void AppLinkCreator::makePrimary()
{
    if (!m_draft.primary || m_created.primary) {
        configureOAuth();
        return;
    }
    enter(Step::MakePrimary);
    runAfterCreation(new AppLinkPrimaryMaker(m_connection, m_created, m_log, m_who, this),
                     [this] { configureOAuth(); });
}

void AppLinkCreator::configureOAuth()
{
    if (m_draft.twoWay) {
        if (m_autoConfigured) {
            finish(AppLinkOutcome::success(Step::Create));
            return;
        }
        AppLinkOutcome outcome = AppLinkOutcome::failure(
            Step::ConfigureOAuth, Problem::OAuthNotSetUp,
            tr("The link was created, and Jira reports the other end created too, but OAuth "
               "could not be set up on both ends."),
            tr("Check the link's status to see why; then set up OAuth on the link in both "
               "applications."));
        outcome.result = Result::PartlyDone;
        finish(outcome);
        return;
    }
    const OAuthStatus wanted{oauthConfigFor(m_draft.incoming), oauthConfigFor(m_draft.outgoing)};
    // Generic links take an incoming consumer instead (consumers approve); nothing to set here.
    if (!Rules::isAtlassianType(m_created.typeId) || wanted == OAuthStatus{}) {
        finish(AppLinkOutcome::success(Step::Create));
        return;
    }
    enter(Step::ConfigureOAuth);
    runAfterCreation(new AppLinkOAuthSetup(m_connection, m_created, wanted, m_log, m_who, this),
                     [this] { finish(AppLinkOutcome::success(Step::Create)); });
}

void AppLinkCreator::runAfterCreation(AppLinkChange *change, std::function<void()> next)
{
    m_current = change;
    connect(change, &AppLinkChange::finished, this, [this, change, next] {
        m_current = nullptr;
        change->deleteLater();
        if (change->outcome().succeeded()) {
            m_created = change->link();
            next();
            return;
        }
        // The link exists whatever this step came to: say so first.
        AppLinkOutcome outcome = change->outcome();
        outcome.message = tr("The link was created, but: %1").arg(outcome.message);
        if (outcome.result != Result::Unknown)
            outcome.result = Result::PartlyDone;
        finish(outcome);
    });
    change->start();
}

void AppLinkCreator::finish(AppLinkOutcome outcome)
{
    if (!m_busy)
        return;
    m_outcome = std::move(outcome);
    m_record = {};
    m_busy = false;
    emit finished();
}

} // namespace accessdesk
