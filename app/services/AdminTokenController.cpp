#include "services/AdminTokenController.h"

#include "api/PatJobs.h"

namespace accessdesk {

namespace {

constexpr int kMaxUsers = 100; // users a name may match; more means the name is too vague

} // namespace

void AdminTokenController::setConnection(ServerConnection *connection, ActivityContext who)
{
    delete m_searchJob.data();
    delete m_revokeJob.data();
    rebind(connection, std::move(who));
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
    // The activity log keeps the reason in the same words the page shows.
    const auto why = [](const ApiError &error) {
        return AdminListState::describe(error, AdminListState::Feature::PersonalTokens);
    };
    auto *job = new AdminTokenRevoker(m_connection, tokens, m_log, m_who, why, this);
    connect(job, &AdminTokenRevoker::finished, this, [this, job, why] {
        job->deleteLater();
        m_revokeJob = nullptr;
        if (!job->recordError().isEmpty()) {
            emit revokeFinished(
                false,
                tr("Nothing was revoked, because the activity record could not be written: %1")
                    .arg(job->recordError()));
            return;
        }
        const ApiError &error = job->error();
        QString message;
        if (error.isError())
            message = tr("Nothing was revoked. %1").arg(why(error));
        else if (job->tokens().size() == 1)
            message = tr("Revoked “%1”.").arg(job->tokens().first().name);
        else
            message = tr("Revoked %1 tokens.").arg(job->tokens().size());
        emit revokeFinished(!error.isError(), message);
        // What is shown must be what the server holds, so search again whatever happened.
        refresh();
    });
    m_revokeJob = job;
    job->start();
    if (m_revokeJob) // not refused before sending
        emit changed();
}

} // namespace accessdesk
