#include "Users.h"

#include "Store.h"
#include "auth/Crypto.h"

#include <QJsonArray>
#include <QUrl>

namespace trackersim::users {

static UserRecord fromRow(const QVariantMap &row)
{
    UserRecord user;
    user.name = row.value(QStringLiteral("name")).toString();
    user.key = row.value(QStringLiteral("user_key")).toString();
    user.displayName = row.value(QStringLiteral("display_name")).toString();
    user.email = row.value(QStringLiteral("email")).toString();
    user.timeZone = row.value(QStringLiteral("time_zone")).toString();
    // A system administrator is always an administrator too.
    user.sysadmin = row.value(QStringLiteral("sysadmin")).toBool();
    user.admin = row.value(QStringLiteral("admin")).toBool() || user.sysadmin;
    return user;
}

std::optional<UserRecord> find(const Store &store, const QString &name)
{
    // Jira user names are case-insensitive.
    const auto row =
        store.one(QStringLiteral("SELECT * FROM users WHERE lower(name) = lower(?)"), {name});
    if (!row)
        return std::nullopt;
    return fromRow(*row);
}

std::optional<UserRecord> findByKey(const Store &store, const QString &key)
{
    const auto row = store.one(QStringLiteral("SELECT * FROM users WHERE user_key = ?"), {key});
    if (!row)
        return std::nullopt;
    return fromRow(*row);
}

bool passwordMatches(const Store &store, const QString &name, const QString &password)
{
    const QVariant stored = store.scalar(
        QStringLiteral("SELECT password FROM users WHERE lower(name) = lower(?)"), {name});
    return stored.isValid() && crypto::equalSecrets(stored.toString().toUtf8(), password.toUtf8());
}

void recordLogin(Store &store, const QString &name, bool success, qint64 nowMs)
{
    if (success) {
        store.exec(
            QStringLiteral(
                "INSERT INTO login_stats (user_name, login_count, previous_login_at)"
                " VALUES (?, 1, ?) ON CONFLICT(user_name) DO UPDATE SET"
                " login_count = login_count + 1, previous_login_at = excluded.previous_login_at"),
            {name, nowMs});
    } else {
        store.exec(
            QStringLiteral(
                "INSERT INTO login_stats (user_name, failed_count, last_failed_at)"
                " VALUES (?, 1, ?) ON CONFLICT(user_name) DO UPDATE SET"
                " failed_count = failed_count + 1, last_failed_at = excluded.last_failed_at"),
            {name, nowMs});
    }
}

QJsonObject toJson(const UserRecord &user, const QString &baseUrl)
{
    const QString encodedName = QString::fromLatin1(QUrl::toPercentEncoding(user.name));
    return QJsonObject{
        {QStringLiteral("self"),
         QString(baseUrl + QStringLiteral("/rest/api/2/user?username=") + encodedName)},
        {QStringLiteral("key"), user.key},
        {QStringLiteral("name"), user.name},
        {QStringLiteral("emailAddress"), user.email},
        {QStringLiteral("avatarUrls"),
         QJsonObject{
             {QStringLiteral("48x48"),
              QString(baseUrl + QStringLiteral("/secure/useravatar?ownerId=") + encodedName)}}},
        {QStringLiteral("displayName"), user.displayName},
        {QStringLiteral("active"), true},
        {QStringLiteral("deleted"), false},
        {QStringLiteral("timeZone"), user.timeZone},
        {QStringLiteral("locale"), QStringLiteral("en_US")},
        {QStringLiteral("groups"), QJsonObject{{QStringLiteral("size"), user.admin ? 2 : 1},
                                               {QStringLiteral("items"), QJsonArray{}}}},
        {QStringLiteral("applicationRoles"),
         QJsonObject{{QStringLiteral("size"), 1}, {QStringLiteral("items"), QJsonArray{}}}},
        {QStringLiteral("expand"), QStringLiteral("groups,applicationRoles")},
    };
}

} // namespace trackersim::users
