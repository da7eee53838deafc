#include "services/GrantRevoker.h"

#include "api/AccessTokenJobs.h"
#include "api/PatJobs.h"
#include "services/GrantIds.h"
#include "services/GrantList.h"
#include "storage/ActivityLog.h"

#include <QSet>
#include <QTimer>

#include <algorithm>

namespace accessdesk {

namespace {

// What identifies a grant in two listings: its kind and its id (never shown for OAuth 1.0a).
QString listingKey(const AccessGrant &grant)
{
    return grantKindName(grant.kind) + QLatin1Char(':') + grant.id;
}

} // namespace

RevokeGrantsJob::RevokeGrantsJob(ServerConnection *connection, QList<AccessGrant> grants,
                                 ActivityLog *log, ActivityContext who, QObject *parent)
    : RecordedJob(connection, log, std::move(who), parent)
    , m_grants(std::move(grants))
{}

RevokeGrantsJob::~RevokeGrantsJob()
{
    // Deleted before it listed: the rows of what was answered must not stay "pending".
    if (!m_resolved)
        resolve(std::nullopt);
}

QString RevokeGrantsJob::describe(const AccessGrant &grant)
{
    QString kind;
    switch (grant.kind) {
    case GrantKind::OAuth1:
        kind = QStringLiteral("OAuth 1.0a token of ");
        break;
    case GrantKind::OAuth2:
        kind = QStringLiteral("OAuth 2.0 authorisation of ");
        break;
    case GrantKind::PersonalToken:
        kind = QStringLiteral("personal access token ");
        break;
    }
    return kind + grant.application + QStringLiteral(" (") + grantids::publicId(grant) +
           QLatin1Char(')');
}

QString RevokeGrantsJob::statusKey(Status status)
{
    switch (status) {
    case Status::Pending:
        return QStringLiteral("pending");
    case Status::Revoked:
        return QStringLiteral("revoked");
    case Status::NotRevoked:
        return QStringLiteral("not-revoked");
    case Status::Failed:
        return QStringLiteral("failed");
    case Status::Unknown:
        return QStringLiteral("unknown");
    }
    return {};
}

RevokeGrantsJob::Status RevokeGrantsJob::classify(const ApiError &requestError,
                                                  std::optional<bool> stillListed,
                                                  bool grantsFromList)
{
    if (stillListed) {
        // A request this client gave up on may still be at work on the server: the list fetched
        // a moment later cannot say it was not done.
        if (*stillListed)
            return requestError.kind() == ApiError::Kind::Timeout ? Status::Unknown
                                                                  : Status::NotRevoked;
        // Gone. A grant that was listed before and is not now was revoked, whatever the answer
        // said; one only named by id proves nothing by its absence when the server refused.
        return !requestError.isError() || grantsFromList ? Status::Revoked : Status::Failed;
    }
    if (requestError.isError() && !requestError.leavesOutcomeOpen())
        return Status::Failed; // refused outright: nothing was done, as far as anyone can tell
    return Status::Unknown;
}

QString RevokeGrantsJob::reasonFor(Status status, const ApiError &requestError,
                                   const ApiError &verifyError)
{
    const QString unchecked =
        verifyError.isError() ? verifyError.userMessage() : tr("The check afterwards did not run.");
    switch (status) {
    case Status::Pending:
        return {};
    case Status::Revoked:
        return requestError.isError()
                   ? tr("Its request failed (%1), but the server no longer lists it, so it is "
                        "revoked.")
                         .arg(requestError.userMessage())
                   : QString();
    case Status::NotRevoked:
        return requestError.isError()
                   ? tr("Not revoked: %1 The server still lists it.")
                         .arg(requestError.userMessage())
                   : tr("Not revoked: the server accepted the request, but still lists it.");
    case Status::Failed:
        return requestError.userMessage();
    case Status::Unknown:
        if (requestError.kind() == ApiError::Kind::Timeout && !verifyError.isError())
            return tr("Not confirmed: %1 The server still listed it afterwards, but may yet "
                      "carry the request out. Check the list.")
                .arg(requestError.userMessage());
        return requestError.isError()
                   ? tr("Not confirmed: %1 Whether the server revoked it could not be checked "
                        "(%2). Check the list.")
                         .arg(requestError.userMessage(), unchecked)
                   : tr("Not confirmed: the server accepted the request, but the list could not "
                        "be fetched to check it (%1). Check the list.")
                         .arg(unchecked);
    }
    return {};
}

int RevokeGrantsJob::count(Status status) const
{
    return int(std::count_if(m_outcomes.cbegin(), m_outcomes.cend(),
                             [status](const Outcome &o) { return o.status == status; }));
}

int RevokeGrantsJob::failureCount() const
{
    return int(m_outcomes.size()) - count(Status::Revoked);
}

void RevokeGrantsJob::start()
{
    QTimer::singleShot(0, this, &RevokeGrantsJob::next);
}

void RevokeGrantsJob::cancel()
{
    m_cancelled = true;
}

ApiJob *RevokeGrantsJob::jobFor(const AccessGrant &grant)
{
    switch (grant.kind) {
    case GrantKind::OAuth1:
        return new RevokeOAuth1Token(m_connection, grant.revokeKey, grant.revokeUrl, this);
    case GrantKind::OAuth2:
        return new RevokeOAuth2Token(m_connection, grant.revokeKey, this);
    case GrantKind::PersonalToken:
        return new RevokePersonalToken(m_connection, grant.revokeKey.toLongLong(), this);
    }
    return nullptr;
}

void RevokeGrantsJob::next()
{
    const qsizetype index = m_outcomes.size();
    if (m_cancelled || index >= m_grants.size()) {
        verify();
        return;
    }
    const AccessGrant grant = m_grants.at(index);
    const auto record = beginRecord(QStringLiteral("revoke-grant"), describe(grant));
    if (record.wasRefused()) {
        // Not recorded, not sent (another program holds the log, or it cannot be written): an
        // unrecorded change would make the log untrue. What was sent so far is still checked.
        m_recordError = m_log->lastError();
        const QString reason =
            tr("Not sent: the activity log could not record it (%1).").arg(m_recordError);
        for (qsizetype i = index; i < m_grants.size(); ++i) {
            m_records.append(ActivityRecord());
            m_outcomes.append(Outcome{m_grants.at(i), ApiError(), Status::Failed, reason, true});
        }
        verify();
        return;
    }

    ApiJob *job = jobFor(grant);
    m_current = job;
    connect(job, &ApiJob::finished, this, [this, job, grant, record] {
        job->deleteLater();
        // The record stays pending until the listing says what happened.
        m_records.append(record);
        m_outcomes.append(Outcome{grant, job->error(), Status::Pending, {}, false});
        emit progress(int(m_outcomes.size()), int(m_grants.size()));
        next();
    });
    job->start();
}

int RevokeGrantsJob::notSentCount() const
{
    return int(std::count_if(m_outcomes.cbegin(), m_outcomes.cend(),
                             [](const Outcome &o) { return o.notSent; }));
}

void RevokeGrantsJob::verify()
{
    if (notSentCount() == m_outcomes.size()) { // nothing was sent: nothing to check
        resolve(std::nullopt);
        emit finished();
        return;
    }
    auto *listing = new ListGrantsJob(m_connection, this);
    m_listing = listing;
    connect(listing, &ListGrantsJob::finished, this, [this, listing] {
        listing->deleteLater();
        if (listing->error().isError()) {
            m_verifyError = listing->error();
            resolve(std::nullopt);
        } else {
            m_pageHadUnreadableRows = !listing->unreadableRows().isEmpty();
            resolve(listing->grants());
        }
        emit finished();
    });
    emit verifying();
    listing->start();
}

void RevokeGrantsJob::resolve(const std::optional<QList<AccessGrant>> &listed)
{
    if (m_resolved)
        return;
    m_resolved = true;
    QSet<QString> stillListed;
    if (listed) {
        for (const AccessGrant &grant : *listed)
            stillListed.insert(listingKey(grant));
    }
    for (qsizetype i = 0; i < m_outcomes.size(); ++i) {
        Outcome &outcome = m_outcomes[i];
        if (outcome.notSent)
            continue; // failed before it left, and not in the log: nothing to decide
        std::optional<bool> listedNow =
            listed ? std::optional<bool>(stillListed.contains(listingKey(outcome.grant)))
                   : std::nullopt;
        ApiError verifyError = m_verifyError;
        // An OAuth grant missing from a page with rows that could not be read may be in one of
        // them: its absence proves nothing. Personal tokens come from JSON and are not affected.
        if (listedNow == false && m_pageHadUnreadableRows &&
            outcome.grant.kind != GrantKind::PersonalToken) {
            listedNow.reset();
            verifyError = ApiError(ApiError::Kind::MalformedResponse, 0,
                                   tr("some rows of the access-tokens page could not be read, "
                                      "and the grant may be one of them"));
        }
        outcome.status = classify(outcome.error, listedNow, m_fromList);
        outcome.reason = reasonFor(outcome.status, outcome.error, verifyError);
        const ActivityRecord &record = m_records.at(i);
        switch (outcome.status) {
        case Status::Revoked:
            record.complete(ApiError(), outcome.reason);
            break;
        case Status::Unknown:
        case Status::Pending:
            record.completeUnknown(outcome.reason);
            break;
        case Status::NotRevoked:
        case Status::Failed:
            record.fail(outcome.reason);
            break;
        }
    }
}

} // namespace accessdesk
