#include "PatDecoders.h"

#include "JiraDateTime.h"
#include "JsonReader.h"

#include <limits>

namespace accessdesk {

namespace {

TokenOwner readOwner(json::ObjectReader &reader)
{
    return TokenOwner{reader.string("userKey"), reader.string("username"),
                      reader.string("fullName"), reader.string("email")};
}

PersonalToken readToken(json::ObjectReader &reader)
{
    PersonalToken token;
    const auto id = reader.integer("id");
    if (reader.ok() && !id)
        reader.fail(reader.pathOf("id"), QStringLiteral("missing"));
    token.id = id.value_or(0);
    token.name = reader.string("name");
    token.createdAt = reader.dateTime("createdAt").value_or(QDateTime());
    token.expiresAt = reader.dateTime("expiringAt");
    if (token.expiresAt && jiradate::isNeverSentinel(*token.expiresAt))
        token.expiresAt.reset();
    token.lastUsedAt = reader.dateTime("lastAccessedAt");
    token.rawToken = reader.string("rawToken");
    if (reader.has("userProfileResource")) {
        json::ObjectReader owner(reader.object("userProfileResource"),
                                 reader.pathOf("userProfileResource"), reader.errorSink());
        token.owner = readOwner(owner);
    }
    return token;
}

Decoded<PersonalToken> decodeOne(const QByteArray &json, bool created)
{
    QString error;
    QJsonObject root;
    if (!json::expectObject(json::parse(json), QStringLiteral("token"), &root, &error))
        return Decoded<PersonalToken>::failure(error);
    json::ObjectReader reader(root, QString(), &error);
    const PersonalToken token = readToken(reader);
    if (created && reader.ok() && token.rawToken.isEmpty())
        reader.fail(QStringLiteral("rawToken"),
                    QStringLiteral("missing: the server did not return the new token"));
    if (!error.isEmpty())
        return Decoded<PersonalToken>::failure(error);
    return Decoded<PersonalToken>::success(token);
}

int readCount(json::ObjectReader &reader, const char *key, int fallback)
{
    const auto value = reader.integer(key);
    if (!value)
        return fallback;
    if (*value < 0 || *value > std::numeric_limits<int>::max()) {
        reader.fail(reader.pathOf(key), QStringLiteral("out of range: %1").arg(*value));
        return fallback;
    }
    return int(*value);
}

// A user found by the token search's user lookup: without a key it cannot be searched by, and
// dropping it quietly would show "no tokens" for a user who may have some.
TokenOwner readSearchUser(json::ObjectReader &reader)
{
    const TokenOwner user = readOwner(reader);
    if (reader.ok() && user.userKey.isEmpty())
        reader.fail(reader.pathOf("userKey"), QStringLiteral("missing"));
    return user;
}

} // namespace

Decoded<QList<PersonalToken>> decodePersonalTokens(const QByteArray &json)
{
    return json::decodeArray<PersonalToken>(json, QStringLiteral("tokens"), readToken);
}

Decoded<PersonalToken> decodePersonalToken(const QByteArray &json)
{
    return decodeOne(json, false);
}

Decoded<PersonalToken> decodeCreatedPersonalToken(const QByteArray &json)
{
    return decodeOne(json, true);
}

Decoded<TokenSearchPage> decodeTokenSearchPage(const QByteArray &json)
{
    QString error;
    QJsonObject root;
    if (!json::expectObject(json::parse(json), QStringLiteral("search page"), &root, &error))
        return Decoded<TokenSearchPage>::failure(error);
    json::ObjectReader reader(root, QString(), &error);
    TokenSearchPage page;
    page.values = json::readObjectsAt<PersonalToken>(reader, "values", readToken);
    page.page = readCount(reader, "page", 0);
    page.size = readCount(reader, "size", int(page.values.size()));
    // Without isLastPage, a page shorter than its size is the last one; so is an empty page.
    page.isLastPage = reader.has("isLastPage")
                          ? reader.boolean("isLastPage")
                          : page.values.size() < page.size || page.values.isEmpty();
    page.totalPages = readCount(reader, "totalPages", page.page + 1);
    if (!error.isEmpty())
        return Decoded<TokenSearchPage>::failure(error);
    return Decoded<TokenSearchPage>::success(page);
}

Decoded<QList<TokenOwner>> decodeTokenSearchUsers(const QByteArray &json)
{
    return json::decodeArray<TokenOwner>(json, QStringLiteral("users"), readSearchUser);
}

} // namespace accessdesk
