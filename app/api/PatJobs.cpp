#include "api/PatJobs.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUrl>
#include <QUrlQuery>

namespace accessdesk {

namespace {

const QString kTokens = QStringLiteral("/rest/pat/latest/tokens");

QString isoUtc(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

// A query value exactly as typed: QUrlQuery would otherwise keep '+' (read as a space by the
// server) and let '&', '=' and "%41" change the query's meaning.
QString queryValue(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

} // namespace

ListPersonalTokens::ListPersonalTokens(ServerConnection *connection, QObject *parent)
    : DecodingJob(connection, parent)
{}

ApiRequest ListPersonalTokens::build()
{
    return ApiRequest::get(kTokens);
}

Decoded<QList<PersonalToken>> ListPersonalTokens::decodeBody(const RawReply &reply) const
{
    return decodePersonalTokens(reply.body);
}

CreatePersonalToken::CreatePersonalToken(ServerConnection *connection, QString name,
                                         std::optional<int> expiryDays, QObject *parent)
    : DecodingJob(connection, parent)
    , m_name(std::move(name))
    , m_expiryDays(expiryDays)
{}

ApiRequest CreatePersonalToken::build(const QString &name, std::optional<int> expiryDays)
{
    QJsonObject body{{QStringLiteral("name"), name}};
    if (expiryDays)
        body.insert(QStringLiteral("expirationDuration"), *expiryDays);
    return ApiRequest::json("POST", kTokens, QJsonDocument(body));
}

Decoded<PersonalToken> CreatePersonalToken::decodeBody(const RawReply &reply) const
{
    return decodeCreatedPersonalToken(reply.body);
}

RevokePersonalToken::RevokePersonalToken(ServerConnection *connection, qint64 id, QObject *parent)
    : StatusOnlyJob(connection, parent)
    , m_id(id)
{}

ApiRequest RevokePersonalToken::build(qint64 id)
{
    return ApiRequest::bodyless("DELETE", kTokens + QLatin1Char('/') + QString::number(id));
}

SearchPersonalTokens::SearchPersonalTokens(ServerConnection *connection, TokenSearchFilter filter,
                                           QObject *parent)
    : DecodingJob(connection, parent)
    , m_filter(std::move(filter))
{}

ApiRequest SearchPersonalTokens::build(const TokenSearchFilter &filter)
{
    QJsonObject body{{QStringLiteral("page"), filter.page},
                     {QStringLiteral("limit"), filter.limit}};
    if (!filter.userKeys.isEmpty())
        body.insert(QStringLiteral("userKeys"), QJsonArray::fromStringList(filter.userKeys));
    if (!filter.nameContains.isEmpty())
        body.insert(QStringLiteral("name"), filter.nameContains);
    const std::pair<const char *, const std::optional<QDateTime> *> dates[] = {
        {"tokenCreatedDateFrom", &filter.createdFrom},
        {"tokenCreatedDateTo", &filter.createdTo},
        {"tokenExpiryDateFrom", &filter.expiresFrom},
        {"tokenExpiryDateTo", &filter.expiresTo},
        {"lastAuthenticatedDateFrom", &filter.lastUsedFrom},
        {"lastAuthenticatedDateTo", &filter.lastUsedTo},
    };
    for (const auto &[field, value] : dates) {
        if (*value)
            body.insert(QLatin1String(field), isoUtc(**value));
    }
    if (filter.used)
        body.insert(QStringLiteral("isUsed"), *filter.used);
    if (!filter.sortBy.isEmpty())
        body.insert(QStringLiteral("sortBy"), filter.sortBy);
    if (!filter.orderBy.isEmpty())
        body.insert(QStringLiteral("orderBy"), filter.orderBy);
    return ApiRequest::json("POST", kTokens + QStringLiteral("/search"), QJsonDocument(body));
}

Decoded<TokenSearchPage> SearchPersonalTokens::decodeBody(const RawReply &reply) const
{
    return decodeTokenSearchPage(reply.body);
}

SearchTokenUsers::SearchTokenUsers(ServerConnection *connection, QString contains, int limit,
                                   QObject *parent)
    : DecodingJob(connection, parent)
    , m_contains(std::move(contains))
    , m_limit(limit)
{}

ApiRequest SearchTokenUsers::build(const QString &contains, int limit)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("contains"), queryValue(contains));
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    return ApiRequest::get(kTokens + QStringLiteral("/search/user"), query);
}

Decoded<QList<TokenOwner>> SearchTokenUsers::decodeBody(const RawReply &reply) const
{
    return decodeTokenSearchUsers(reply.body);
}

RevokePersonalTokensAsAdmin::RevokePersonalTokensAsAdmin(ServerConnection *connection,
                                                         QList<qint64> ids, QObject *parent)
    : StatusOnlyJob(connection, parent)
    , m_ids(std::move(ids))
{}

ApiRequest RevokePersonalTokensAsAdmin::build(const QList<qint64> &ids)
{
    QJsonArray array;
    for (qint64 id : ids)
        array.append(id);
    return ApiRequest::json("DELETE", QStringLiteral("/rest/pat/latest/admin/tokens"),
                            QJsonDocument(array));
}

} // namespace accessdesk
