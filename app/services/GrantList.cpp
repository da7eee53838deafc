#include "services/GrantList.h"

#include "api/AccessTokenJobs.h"
#include "api/CoreJobs.h"
#include "api/PatJobs.h"

#include <QCollator>

#include <algorithm>

namespace accessdesk {

ListGrantsJob::ListGrantsJob(ServerConnection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{}

void ListGrantsJob::start()
{
    // The page shows dates in the user's own time zone, which only myself tells.
    auto *myself = new GetMyself(m_connection, this);
    connect(myself, &ApiJob::finished, this, [this, myself] {
        myself->deleteLater();
        if (!myself->succeeded()) {
            m_error = myself->error();
            emit finished();
            return;
        }
        QTimeZone zone(myself->result().timeZone.toUtf8());
        fetch(zone.isValid() ? zone : QTimeZone::utc());
    });
    myself->start();
}

void ListGrantsJob::fetch(const QTimeZone &userZone)
{
    auto *page = new FetchAccessTokensPage(m_connection, userZone, this);
    auto *tokens = new ListPersonalTokens(m_connection, this);
    connect(page, &ApiJob::finished, this, [this, page] {
        page->deleteLater();
        if (page->succeeded()) {
            m_grants += page->result().grants;
            m_unreadable = page->result().unreadable;
            m_pageUrl = page->result().pageUrl;
        } else if (!m_error.isError())
            m_error = page->error();
        partDone();
    });
    connect(tokens, &ApiJob::finished, this, [this, tokens] {
        tokens->deleteLater();
        if (tokens->succeeded()) {
            for (const PersonalToken &token : tokens->result())
                m_grants.append(toAccessGrant(token));
        } else if (tokens->error().kind() != ApiError::Kind::NotFound && !m_error.isError()) {
            m_error = tokens->error();
        }
        partDone();
    });
    m_pending = 2;
    page->start();
    tokens->start();
}

void ListGrantsJob::partDone()
{
    if (--m_pending > 0)
        return;
    QCollator collator;
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    std::stable_sort(m_grants.begin(), m_grants.end(),
                     [&collator](const AccessGrant &a, const AccessGrant &b) {
                         const int byName = collator.compare(a.application, b.application);
                         return byName != 0 ? byName < 0 : a.issuedAt < b.issuedAt;
                     });
    emit finished();
}

} // namespace accessdesk
