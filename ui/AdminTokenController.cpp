#include "AdminTokenController.h"

#include "api/PatJobs.h"
#include "storage/ActivityLog.h"

namespace accessdesk {

namespace {

constexpr int kMaxUsers = 100; // users a name may match; more means the name is too vague

} // namespace

AdminTokenController::AdminTokenController(ServerConnection *connection, ActivityLog *log,
                                           ActivityContext who, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_log(log)
    , m_who(std::move(who))
{}

void AdminTokenController::setConnection(ServerConnection *connection, ActivityContext who)
{
    delete m_searchJob.data();
    delete m_revokeJob.data();
    m_connection = connection;
    m_who = std::move(who);
    m_state = AdminListState();
    m_query = AdminTokenQuery();
    m_page = TokenSearchPage();
    m_noSuchUser = false;
    emit changed();
}

QString AdminTokenController::errorText() const
{
    return m_state.errorText(AdminListState::Feature::PersonalTokens);
}

QString AdminTokenController::describe(const PersonalToken &token)
{
    QString text = QStringLiteral("personal access token “") + token.name +
                   QStringLiteral("” (pat:") + QString::number(token.id) + QLatin1Char(')');
    if (token.owner)
        text += QStringLiteral(" of ") + token.owner->username;
    return text;
}

void AdminTokenController::fail(const ApiError &error)
{
    m_state.loading = false;
    m_state.error = error;
    emit changed();
}

void AdminTokenController::search(const AdminTokenQuery &query)
{
    delete m_searchJob.data(); // the newer search replaces the older one
    m_query = query;
    m_query.page = qMax(0, query.page);
    m_state.loading = true;
    emit changed();

    const QString userName = m_query.userName.trimmed();
    if (userName.isEmpty()) {
        searchKeys({});
        return;
    }
    // The server searches by user key, so the name is looked up first.
    auto *job = new SearchTokenUsers(m_connection, userName, kMaxUsers, this);
    m_searchJob = job;
    connect(job, &ApiJob::finished, this, [this, job] {
        job->deleteLater();
        if (job->error().isError()) {
            fail(job->error());
            return;
        }
        QStringList keys;
        for (const TokenOwner &owner : job->result())
            keys << owner.userKey;
        if (keys.isEmpty()) {
            m_page = TokenSearchPage();
            m_noSuchUser = true;
            m_state = AdminListState{false, true, QDateTime::currentDateTime(), ApiError()};
            emit changed();
            return;
        }
        searchKeys(keys);
    });
    job->start();
}

void AdminTokenController::searchKeys(const QStringList &userKeys)
{
    TokenSearchFilter filter;
    filter.userKeys = userKeys;
    filter.nameContains = m_query.tokenName.trimmed();
    filter.page = m_query.page;
    filter.limit = m_pageSize;
    auto *job = new SearchPersonalTokens(m_connection, filter, this);
    m_searchJob = job;
    connect(job, &ApiJob::finished, this, [this, job, userKeys] {
        job->deleteLater();
        if (job->error().isError()) {
            fail(job->error());
            return;
        }
        const TokenSearchPage &page = job->result();
        // A revoke can empty the last page: show the page that is now the last one.
        if (page.values.isEmpty() && m_query.page > 0 && page.totalPages > 0) {
            m_query.page = page.totalPages - 1;
            searchKeys(userKeys);
            return;
        }
        m_page = page;
        m_noSuchUser = false;
        m_state = AdminListState{false, true, QDateTime::currentDateTime(), ApiError()};
        emit changed();
    });
    job->start();
}

void AdminTokenController::revoke(const QList<PersonalToken> &tokens)
{
    if (tokens.isEmpty() || m_revokeJob)
        return;
    QList<qint64> ids;
    QList<qint64> logIds;
    for (const PersonalToken &token : tokens) {
        ids << token.id;
        if (!m_log)
            continue;
        ActivityEntry entry;
        entry.profile = m_who.profile;
        entry.serverUrl = m_who.serverUrl;
        entry.user = m_who.user;
        entry.action = QStringLiteral("admin-revoke-pat");
        entry.target = describe(token);
        // Written before the request leaves: if we die mid-way, the log says so.
        const qint64 logId = m_log->begin(entry);
        if (logId < 0) {
            // Unrecorded changes are what the log exists to prevent: send nothing.
            const QString why = m_log->lastError();
            for (const qint64 begun : std::as_const(logIds))
                m_log->complete(begun, ActivityOutcome::Failed,
                                tr("Not sent: the activity record could not be written."));
            emit revokeFinished(
                false,
                tr("Nothing was revoked, because the activity record could not be written: %1")
                    .arg(why));
            return;
        }
        logIds << logId;
    }

    auto *job = new RevokePersonalTokensAsAdmin(m_connection, ids, this);
    m_revokeJob = job;
    connect(job, &ApiJob::finished, this, [this, job, log = m_log, logIds, tokens] {
        job->deleteLater();
        m_revokeJob = nullptr;
        const ApiError error = job->error();
        const QString why =
            AdminListState::describe(error, AdminListState::Feature::PersonalTokens);
        for (const qint64 logId : logIds)
            log->complete(
                logId, error.isError() ? ActivityOutcome::Failed : ActivityOutcome::Succeeded, why);
        QString message;
        if (error.isError())
            message = tr("Nothing was revoked. %1").arg(why);
        else if (tokens.size() == 1)
            message = tr("Revoked “%1”.").arg(tokens.first().name);
        else
            message = tr("Revoked %1 tokens.").arg(tokens.size());
        emit revokeFinished(!error.isError(), message);
        // What is shown must be what the server holds, so search again whatever happened.
        refresh();
    });
    emit changed();
    job->start();
}

} // namespace accessdesk
