#pragma once

#include "PatDecoders.h"
#include "api/DecodingJob.h"

#include <QDateTime>
#include <QStringList>

#include <optional>

// Personal access tokens (spec 7): the caller's own, and an administrator's view of everyone's.
namespace accessdesk {

class ListPersonalTokens final : public DecodingJob<QList<PersonalToken>>
{
public:
    explicit ListPersonalTokens(ServerConnection *connection, QObject *parent = nullptr);
    static ApiRequest build();
    ApiRequest request() const override { return build(); }

protected:
    Decoded<QList<PersonalToken>> decodeBody(const RawReply &reply) const override;
};

// The answer holds rawToken, shown once: the caller must not log or store it.
class CreatePersonalToken final : public DecodingJob<PersonalToken>
{
public:
    // expiryDays empty: a token that never expires (where the server allows it).
    CreatePersonalToken(ServerConnection *connection, QString name, std::optional<int> expiryDays,
                        QObject *parent = nullptr);
    static ApiRequest build(const QString &name, std::optional<int> expiryDays);
    ApiRequest request() const override { return build(m_name, m_expiryDays); }

protected:
    Decoded<PersonalToken> decodeBody(const RawReply &reply) const override;

private:
    QString m_name;
    std::optional<int> m_expiryDays;
};

// 204 also when the token no longer exists: the result the user wanted either way.
class RevokePersonalToken final : public StatusOnlyJob
{
public:
    RevokePersonalToken(ServerConnection *connection, qint64 id, QObject *parent = nullptr);
    static ApiRequest build(qint64 id);
    ApiRequest request() const override { return build(m_id); }

private:
    qint64 m_id;
};

// Filters of the administrators' search (RestTokenSearchRequest); unset ones are omitted,
// because the server applies defaults only to absent fields.
struct TokenSearchFilter
{
    QStringList userKeys;
    QString nameContains;
    std::optional<QDateTime> createdFrom, createdTo, expiresFrom, expiresTo, lastUsedFrom,
        lastUsedTo;
    std::optional<bool> used;
    QString sortBy;  // name, createdAt, expiringAt, lastAccessedAt, userKey
    QString orderBy; // asc, desc
    int page = 0;
    int limit = 100;
};

class SearchPersonalTokens final : public DecodingJob<TokenSearchPage>
{
public:
    SearchPersonalTokens(ServerConnection *connection, TokenSearchFilter filter,
                         QObject *parent = nullptr);
    static ApiRequest build(const TokenSearchFilter &filter);
    ApiRequest request() const override { return build(m_filter); }

protected:
    Decoded<TokenSearchPage> decodeBody(const RawReply &reply) const override;

private:
    TokenSearchFilter m_filter;
};

// GET /rest/pat/latest/tokens/search/user: the users whose user name, display name or e-mail
// contain the text, at most `limit` of them. SearchPersonalTokens takes user keys, so this is how
// an administrator's "tokens of <name>" becomes a search. System administrators only.
class SearchTokenUsers final : public DecodingJob<QList<TokenOwner>>
{
public:
    static constexpr int kDefaultLimit = 20; // the admin page's own default

    SearchTokenUsers(ServerConnection *connection, QString contains, int limit = kDefaultLimit,
                     QObject *parent = nullptr);
    static ApiRequest build(const QString &contains, int limit = kDefaultLimit);
    ApiRequest request() const override { return build(m_contains, m_limit); }

protected:
    Decoded<QList<TokenOwner>> decodeBody(const RawReply &reply) const override;

private:
    QString m_contains;
    int m_limit;
};

// DELETE /rest/pat/latest/admin/tokens with the ids as a JSON array (any user's tokens).
class RevokePersonalTokensAsAdmin final : public StatusOnlyJob
{
public:
    RevokePersonalTokensAsAdmin(ServerConnection *connection, QList<qint64> ids,
                                QObject *parent = nullptr);
    static ApiRequest build(const QList<qint64> &ids);
    ApiRequest request() const override { return build(m_ids); }

private:
    QList<qint64> m_ids;
};

} // namespace accessdesk
