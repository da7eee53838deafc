#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace trackersim {

class Store;

struct UserRecord
{
    QString name;
    QString key;
    QString displayName;
    QString email;
    QString timeZone;
    bool admin = false;
    bool sysadmin = false;
};

namespace users {

std::optional<UserRecord> find(const Store &store, const QString &name);
std::optional<UserRecord> findByKey(const Store &store, const QString &key);
bool passwordMatches(const Store &store, const QString &name, const QString &password);
// Counts a login or a failed one, for /rest/auth/1/session's loginInfo.
void recordLogin(Store &store, const QString &name, bool success, qint64 nowMs);
// Jira's DC User bean as /rest/api/2/myself and /rest/api/2/user answer it.
QJsonObject toJson(const UserRecord &user, const QString &baseUrl);

} // namespace users
} // namespace trackersim
