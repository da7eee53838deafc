#include "services/AppLinkChanges.h"

#include "services/NewAppLinkDraft.h"

namespace accessdesk {

namespace {

using Problem = AppLinkOutcome::Problem;
using Result = AppLinkOutcome::Result;
using Step = AppLinkOutcome::Step;
using Rules = NewAppLinkRules;

AppLinkOutcome invalid(Step step, QString message, QString advice, const char *field)
{
    return AppLinkOutcome::failure(step, Problem::InvalidInput, std::move(message),
                                   std::move(advice), QString::fromLatin1(field));
}

QString levelText(const OAuthConfig &config)
{
    if (!config.enabled)
        return QStringLiteral("off");
    if (config.twoLoImpersonationEnabled)
        return QStringLiteral("OAuth with impersonation");
    return config.twoLoEnabled ? QStringLiteral("OAuth") : QStringLiteral("OAuth (3-legged only)");
}

} // namespace

QString appLinkTarget(const AppLink &link)
{
    return QStringLiteral("application link “") + link.name + QStringLiteral("” (") + link.id +
           QLatin1Char(')');
}

// --- AppLinkUpdater --------------------------------------------------------------------------

AppLinkUpdater::AppLinkUpdater(ServerConnection *connection, AppLink current, AppLinkEdit edit,
                               ActivityLog *log, ActivityContext who, QObject *parent)
    : AppLinkChange(connection, current, log, std::move(who), parent)
    , m_before(std::move(current))
{
    m_update.name = edit.name ? edit.name->trimmed() : m_before.name;
    m_update.displayUrl = edit.displayUrl ? edit.displayUrl->trimmed() : m_before.displayUrl;
    m_update.rpcUrl = edit.rpcUrl ? edit.rpcUrl->trimmed() : m_before.rpcUrl;
    // The v3 update only ever turns primary on; sending the current value keeps it as it is.
    m_update.primary = m_before.primary;
}

QString AppLinkUpdater::describe() const
{
    QStringList changes;
    if (m_update.name != m_before.name)
        changes << tr("name “%1” → “%2”").arg(m_before.name, m_update.name);
    if (m_update.displayUrl != m_before.displayUrl)
        changes << tr("display URL %1 → %2").arg(m_before.displayUrl, m_update.displayUrl);
    if (m_update.rpcUrl != m_before.rpcUrl)
        changes << tr("application URL %1 → %2").arg(m_before.rpcUrl, m_update.rpcUrl);
    return tr("Change the application link “%1”: %2?")
        .arg(m_before.name, changes.join(QStringLiteral("; ")));
}

QString AppLinkUpdater::target() const
{
    QStringList changes;
    if (m_update.name != m_before.name)
        changes << QStringLiteral("name “") + m_update.name + QStringLiteral("”");
    if (m_update.displayUrl != m_before.displayUrl)
        changes << QStringLiteral("display URL ") + m_update.displayUrl;
    if (m_update.rpcUrl != m_before.rpcUrl)
        changes << QStringLiteral("application URL ") + m_update.rpcUrl;
    return appLinkTarget(m_before) + QStringLiteral(": ") + changes.join(QStringLiteral(", "));
}

AppLinkOutcome AppLinkUpdater::check() const
{
    if (m_before.system)
        return AppLinkOutcome::failure(
            Step::Update, Problem::SystemLink,
            tr("“%1” is a system link: the application manages it, and it cannot be edited.")
                .arg(m_before.name));
    if (m_update.name.isEmpty())
        return invalid(Step::Update, tr("Enter a name for the link."), {}, "name");
    if (!Rules::isHttpUrl(m_update.rpcUrl))
        return invalid(Step::Update, tr("“%1” is not a web address.").arg(m_update.rpcUrl),
                       tr("Enter the address Jira calls the application at, starting with "
                          "https:// or http://."),
                       "rpcUrl");
    if (!Rules::isHttpUrl(m_update.displayUrl))
        return invalid(Step::Update, tr("“%1” is not a web address.").arg(m_update.displayUrl),
                       tr("Enter the address users see, starting with https:// or http://."),
                       "displayUrl");
    if (matches(m_before))
        return invalid(Step::Update, tr("Nothing to change: the link has these values already."),
                       tr("Enter a new name or address."), "name");
    return AppLinkOutcome::success(Step::Update);
}

ApiJob *AppLinkUpdater::makeRequest()
{
    return new UpdateAppLink(m_connection, m_link.id, m_update, this);
}

bool AppLinkUpdater::matches(const AppLink &link) const
{
    return link.name == m_update.name && Rules::sameUrl(link.rpcUrl, m_update.rpcUrl) &&
           Rules::sameUrl(link.displayUrl, m_update.displayUrl);
}

bool AppLinkUpdater::takeAnswer(ApiJob *request)
{
    const AppLink &answered = static_cast<UpdateAppLink *>(request)->result();
    if (!matches(answered))
        return false; // read it back: the answer alone does not show the change
    m_link = answered;
    return true;
}

bool AppLinkUpdater::showsChange(ApiJob *readBack)
{
    if (!readBack->succeeded())
        return false;
    m_link = static_cast<GetAppLink *>(readBack)->result();
    return matches(m_link);
}

// --- AppLinkRelocator ------------------------------------------------------------------------

AppLinkRelocator::AppLinkRelocator(ServerConnection *connection, AppLink link, QString newUrl,
                                   ActivityLog *log, ActivityContext who, QObject *parent)
    : AppLinkChange(connection, std::move(link), log, std::move(who), parent)
    , m_newUrl(newUrl.trimmed())
{
    m_oldUrl = m_link.rpcUrl;
}

QString AppLinkRelocator::describe() const
{
    const bool silent =
        m_noWarning || outcome().result == AppLinkOutcome::Result::NeedsConfirmation;
    return silent ? tr("Nothing answers at %1. Move the application link “%2” there anyway? It "
                       "will not work until the application answers at that address.")
                        .arg(m_newUrl, m_link.name)
                  : tr("Move the application link “%1” from %2 to %3?")
                        .arg(m_link.name, m_oldUrl, m_newUrl);
}

void AppLinkRelocator::moveAnyway()
{
    m_noWarning = true;
    proceed();
}

QString AppLinkRelocator::target() const
{
    return appLinkTarget(m_link) + QStringLiteral(" from ") + m_oldUrl + QStringLiteral(" to ") +
           m_newUrl + (m_noWarning ? QStringLiteral(" (which did not answer)") : QString());
}

AppLinkOutcome AppLinkRelocator::check() const
{
    if (!Rules::isHttpUrl(m_newUrl))
        return invalid(Step::Relocate, tr("“%1” is not a web address.").arg(m_newUrl),
                       tr("Enter the application's new base URL, starting with https:// or "
                          "http://."),
                       "newUrl");
    if (Rules::sameUrl(m_newUrl, m_oldUrl))
        return invalid(Step::Relocate, tr("The link is at %1 already.").arg(m_oldUrl),
                       tr("Enter the application's new address."), "newUrl");
    return AppLinkOutcome::success(Step::Relocate);
}

ApiJob *AppLinkRelocator::makeRequest()
{
    return new RelocateAppLink(m_connection, m_link.id, m_newUrl, m_noWarning, this);
}

bool AppLinkRelocator::showsChange(ApiJob *readBack)
{
    if (!readBack->succeeded())
        return false;
    const AppLink now = static_cast<GetAppLink *>(readBack)->result();
    if (!Rules::sameUrl(now.rpcUrl, m_newUrl))
        return false;
    m_link = now;
    return true;
}

AppLinkOutcome AppLinkRelocator::refused(const ApiError &error) const
{
    if (error.kind() == ApiError::Kind::Conflict && !m_noWarning) {
        AppLinkOutcome ask = AppLinkOutcome::failure(
            Step::Relocate, Problem::RemoteUnreachable,
            tr("Nothing answers at %1, so the link was not moved.").arg(m_newUrl),
            tr("Check the address. Move the link anyway only if the application will answer "
               "there soon."),
            QStringLiteral("newUrl"));
        ask.result = Result::NeedsConfirmation;
        return ask;
    }
    AppLinkOutcome outcome = AppLinkOutcome::fromError(Step::Relocate, error);
    if (error.kind() == ApiError::Kind::Validation) {
        outcome.field = QStringLiteral("newUrl");
        outcome.message =
            tr("Jira refused to move the link to %1. %2").arg(m_newUrl, error.serverMessage());
        outcome.advice = tr("Check the address: the application there must be of the link's "
                            "type.");
    }
    return outcome;
}

// --- AppLinkPrimaryMaker ---------------------------------------------------------------------

AppLinkPrimaryMaker::AppLinkPrimaryMaker(ServerConnection *connection, AppLink link,
                                         ActivityLog *log, ActivityContext who, QObject *parent)
    : AppLinkChange(connection, std::move(link), log, std::move(who), parent)
{}

QString AppLinkPrimaryMaker::describe() const
{
    return tr("Make “%1” the primary link to %2?").arg(m_link.name, Rules::typeName(m_link.typeId));
}

QString AppLinkPrimaryMaker::target() const
{
    return appLinkTarget(m_link);
}

ApiJob *AppLinkPrimaryMaker::makeRequest()
{
    return new MakeAppLinkPrimary(m_connection, m_link.id, this);
}

bool AppLinkPrimaryMaker::showsChange(ApiJob *readBack)
{
    if (!readBack->succeeded())
        return false;
    m_link = static_cast<GetAppLink *>(readBack)->result();
    return m_link.primary;
}

// --- AppLinkOAuthSetup -----------------------------------------------------------------------

AppLinkOAuthSetup::AppLinkOAuthSetup(ServerConnection *connection, AppLink link, OAuthStatus levels,
                                     ActivityLog *log, ActivityContext who, QObject *parent)
    : AppLinkChange(connection, std::move(link), log, std::move(who), parent)
    , m_levels(levels)
{}

QString AppLinkOAuthSetup::describe() const
{
    return tr("Set the OAuth of the application link “%1” to incoming: %2, outgoing: %3?")
        .arg(m_link.name, levelText(m_levels.incoming), levelText(m_levels.outgoing));
}

QString AppLinkOAuthSetup::target() const
{
    return QStringLiteral("OAuth of ") + appLinkTarget(m_link) + QStringLiteral(": incoming ") +
           levelText(m_levels.incoming) + QStringLiteral(", outgoing ") +
           levelText(m_levels.outgoing);
}

ApiJob *AppLinkOAuthSetup::makeRequest()
{
    return new SetAppLinkOAuthStatus(m_connection, m_link.id, m_levels, this);
}

ApiJob *AppLinkOAuthSetup::makeReadBack()
{
    return new GetAppLinkOAuthStatus(m_connection, m_link.id, this);
}

bool AppLinkOAuthSetup::showsChange(ApiJob *readBack)
{
    return readBack->succeeded() &&
           static_cast<GetAppLinkOAuthStatus *>(readBack)->result() == m_levels;
}

AppLinkOutcome AppLinkOAuthSetup::refused(const ApiError &error) const
{
    AppLinkOutcome outcome = AppLinkOutcome::fromError(Step::ConfigureOAuth, error);
    const bool impersonation =
        m_levels.incoming.twoLoImpersonationEnabled || m_levels.outgoing.twoLoImpersonationEnabled;
    if (error.kind() == ApiError::Kind::Conflict) {
        outcome.problem = Problem::OAuthNotSetUp;
        outcome.message = tr("OAuth could not be set up: Jira could not fetch the OAuth "
                             "information of %1 (it did not answer).")
                              .arg(m_link.rpcUrl);
        outcome.advice = tr("Once the application answers, set up OAuth on the link again.");
    } else if (error.kind() == ApiError::Kind::Forbidden && impersonation) {
        outcome.problem = Problem::SysadminOnly;
        outcome.field = QStringLiteral("impersonation");
        outcome.message = tr("Only system administrators may turn on OAuth with impersonation.");
        outcome.advice = tr("Choose OAuth without impersonation, or ask a system administrator.");
    }
    return outcome;
}

// --- AppLinkRemover --------------------------------------------------------------------------

AppLinkRemover::AppLinkRemover(ServerConnection *connection, AppLink link, AppLinkDeletion scope,
                               ActivityLog *log, ActivityContext who, QObject *parent)
    : AppLinkChange(connection, std::move(link), log, std::move(who), parent)
    , m_scope(scope)
{}

QString AppLinkRemover::describe() const
{
    const QString remote = m_link.rpcUrl.isEmpty() ? m_link.displayUrl : m_link.rpcUrl;
    if (m_scope == AppLinkDeletion::BothEnds)
        return tr("Delete the application link “%1” on this Jira and its other end on %2? "
                  "Everything that uses the link between the two stops working, and so do the "
                  "OAuth tokens users gave through it.")
            .arg(m_link.name, remote);
    return tr("Delete the application link “%1” (to %2) on this Jira only? The other "
              "application keeps its end; everything that uses the link here stops working, "
              "and so do the OAuth tokens users gave through it.")
        .arg(m_link.name, remote);
}

QString AppLinkRemover::action() const
{
    return m_scope == AppLinkDeletion::BothEnds ? QStringLiteral("delete-applink-both-ends")
                                                : QStringLiteral("delete-applink");
}

QString AppLinkRemover::target() const
{
    return appLinkTarget(m_link) + QStringLiteral(" to ") +
           (m_link.rpcUrl.isEmpty() ? m_link.displayUrl : m_link.rpcUrl);
}

ApiJob *AppLinkRemover::makeRequest()
{
    return new DeleteAppLink(m_connection, m_link.id, m_scope, this);
}

bool AppLinkRemover::showsChange(ApiJob *readBack)
{
    return readBack->error().kind() == ApiError::Kind::NotFound;
}

AppLinkOutcome AppLinkRemover::refused(const ApiError &error) const
{
    AppLinkOutcome outcome = AppLinkOutcome::fromError(Step::Delete, error);
    const QString remote = m_link.rpcUrl.isEmpty() ? m_link.displayUrl : m_link.rpcUrl;
    // Reached only by administrators (the link was read first), a 401 from the reciprocal delete
    // is Jira's "credentials required": the user holds no OAuth token for the remote.
    if (m_scope == AppLinkDeletion::BothEnds && error.httpStatus() == 401 &&
        error.kind() != ApiError::Kind::WebSudoRequired) {
        outcome.problem = Problem::RemoteCredentialsRequired;
        outcome.message = tr("The other end on %1 could not be deleted: Jira needs your own "
                             "authorisation on that application to delete it (credentials "
                             "required).")
                              .arg(remote);
        outcome.advice = tr("Authorise Jira on %1 as yourself (use the link once and allow "
                            "access), then delete again; or delete this end only and remove the "
                            "other end in that application.")
                             .arg(remote);
    } else if (m_scope == AppLinkDeletion::BothEnds && error.kind() == ApiError::Kind::Server) {
        outcome.problem = Problem::RemoteFailed;
        outcome.message =
            tr("%1 could not delete its end of the link. %2").arg(remote, error.userMessage());
        outcome.advice = tr("Delete this end only, and remove the other end in that "
                            "application.");
    } else if (error.kind() == ApiError::Kind::Forbidden && m_link.system) {
        outcome.problem = Problem::SysadminOnly;
        outcome.message = tr("Only system administrators may delete a system link.");
        outcome.advice = tr("Ask a system administrator.");
    }
    return outcome;
}

bool AppLinkRemover::readBackAfterRefusal(const AppLinkOutcome &refusal) const
{
    return refusal.problem == Problem::RemoteCredentialsRequired ||
           refusal.problem == Problem::RemoteFailed;
}

AppLinkOutcome AppLinkRemover::afterRefusal(AppLinkOutcome refusal, ApiJob *readBack) const
{
    if (readBack->error().kind() == ApiError::Kind::NotFound) {
        refusal.result = Result::PartlyDone;
        refusal.message += QLatin1Char(' ') + tr("This end of the link was deleted.");
    } else if (readBack->succeeded()) {
        refusal.message += QLatin1Char(' ') + tr("Nothing was deleted: this end is still there.");
    }
    return refusal;
}

} // namespace accessdesk
