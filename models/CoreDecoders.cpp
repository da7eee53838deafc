#include "CoreDecoders.h"

#include "JsonReader.h"

#include <QRegularExpression>

#include <limits>

namespace accessdesk {

bool ServerInfo::isAtLeast(int major, int minor) const
{
    QList<int> numbers = versionNumbers;
    if (numbers.size() < 2) {
        numbers.clear();
        static const QRegularExpression leading(QStringLiteral("^(\\d+)\\.(\\d+)"));
        const QRegularExpressionMatch m = leading.match(version);
        if (!m.hasMatch())
            return false;
        numbers = {m.captured(1).toInt(), m.captured(2).toInt()};
    }
    return numbers[0] > major || (numbers[0] == major && numbers[1] >= minor);
}

Decoded<ServerInfo> decodeServerInfo(const QByteArray &json)
{
    QString error;
    QJsonObject root;
    if (!json::expectObject(json::parse(json), QStringLiteral("serverInfo"), &root, &error))
        return Decoded<ServerInfo>::failure(error);
    json::ObjectReader reader(root, QString(), &error);
    ServerInfo info;
    info.baseUrl = reader.string("baseUrl");
    info.version = reader.string("version");
    info.deploymentType = reader.string("deploymentType");
    info.buildNumber = reader.integer("buildNumber").value_or(0);
    info.serverTitle = reader.string("serverTitle");
    const QJsonArray numbers = reader.array("versionNumbers");
    for (qsizetype i = 0; i < numbers.size(); ++i) {
        const auto number = json::exactInteger(numbers.at(i));
        if (!number || *number < 0 || *number > std::numeric_limits<int>::max()) {
            reader.fail(reader.pathOf("versionNumbers") + QStringLiteral("[%1]").arg(i),
                        QStringLiteral("expected a version number, got %1")
                            .arg(json::typeName(numbers.at(i))));
            break;
        }
        info.versionNumbers.append(int(*number));
    }
    if (!reader.ok())
        return Decoded<ServerInfo>::failure(error);
    return Decoded<ServerInfo>::success(info);
}

Decoded<UserInfo> decodeMyself(const QByteArray &json)
{
    QString error;
    QJsonObject root;
    if (!json::expectObject(json::parse(json), QStringLiteral("myself"), &root, &error))
        return Decoded<UserInfo>::failure(error);
    json::ObjectReader reader(root, QString(), &error);
    UserInfo user;
    user.name = reader.string("name");
    user.key = reader.string("key");
    user.displayName = reader.string("displayName");
    user.email = reader.string("emailAddress");
    user.timeZone = reader.string("timeZone");
    if (reader.ok() && user.name.isEmpty() && user.key.isEmpty())
        reader.fail(QStringLiteral("name"), QStringLiteral("the user has neither name nor key"));
    if (!reader.ok())
        return Decoded<UserInfo>::failure(error);
    return Decoded<UserInfo>::success(user);
}

Decoded<PermissionSet> decodeMyPermissions(const QByteArray &json)
{
    QString error;
    QJsonObject root;
    if (!json::expectObject(json::parse(json), QStringLiteral("mypermissions"), &root, &error))
        return Decoded<PermissionSet>::failure(error);
    json::ObjectReader reader(root, QString(), &error);
    PermissionSet set;
    const QJsonObject permissions = reader.object("permissions");
    for (auto it = permissions.begin(); it != permissions.end() && reader.ok(); ++it) {
        const QString path = reader.pathOf("permissions") + QLatin1Char('.') + it.key();
        if (it.value().isNull())
            continue;
        if (!it.value().isObject()) {
            reader.fail(
                path, QStringLiteral("expected an object, got %1").arg(json::typeName(it.value())));
            break;
        }
        json::ObjectReader entry(it.value().toObject(), path, &error);
        // The entry's own key wins over the map key when both are there and differ.
        const QString key = entry.has("key") ? entry.string("key") : it.key();
        set.permissions.insert(key, entry.boolean("havePermission"));
    }
    if (!reader.ok())
        return Decoded<PermissionSet>::failure(error);
    return Decoded<PermissionSet>::success(set);
}

} // namespace accessdesk
