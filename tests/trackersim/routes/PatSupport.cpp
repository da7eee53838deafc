#include "PatSupport.h"

#include "http/ErrorBodies.h"
#include "http/RequestContext.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>
#include <limits>

namespace trackersim::routes::pat {

QString patTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'+00:00'"));
}

QJsonObject tokenJson(const QVariantMap &row)
{
    const QVariant expiring = row.value(QStringLiteral("expiring_at"));
    QJsonObject token{
        {QStringLiteral("id"), row.value(QStringLiteral("id")).toLongLong()},
        {QStringLiteral("name"), row.value(QStringLiteral("name")).toString()},
        {QStringLiteral("createdAt"),
         patTime(row.value(QStringLiteral("created_at")).toLongLong())},
        {QStringLiteral("expiringAt"),
         patTime(expiring.isNull() ? kNonExpiringMs : expiring.toLongLong())},
    };
    // Whether Jira omits a never-used token's lastAccessedAt or sends null is uncertain (spec
    // 7.1); trackersim omits it, as Jackson does for null fields under Atlassian REST's mapper.
    const QVariant lastUsed = row.value(QStringLiteral("last_accessed_at"));
    if (!lastUsed.isNull())
        token.insert(QStringLiteral("lastAccessedAt"), patTime(lastUsed.toLongLong()));
    return token;
}

QJsonObject userProfileJson(const QVariantMap &row)
{
    return QJsonObject{
        {QStringLiteral("userKey"), row.value(QStringLiteral("user_key")).toString()},
        {QStringLiteral("username"), row.value(QStringLiteral("username")).toString()},
        {QStringLiteral("fullName"), row.value(QStringLiteral("display_name")).toString()},
        {QStringLiteral("email"), row.value(QStringLiteral("email")).toString()},
    };
}

SimResponse notAuthenticated()
{
    // SAL throws NotAuthenticatedException without a message, so the mapper's fallback text shows.
    return errors::pat(401,
                       QStringLiteral("com.atlassian.sal.api.permission.NotAuthenticatedException"),
                       QStringLiteral("Requesting user is unauthorized to perform this operation"));
}

SimResponse notAuthorised(const QString &message)
{
    return errors::pat(
        401, QStringLiteral("com.atlassian.sal.api.permission.AuthorisationException"), message);
}

SimResponse illegalArgument(const QString &message)
{
    // Spring's Assert (RestValidator) and PageRequest both throw IllegalArgumentException.
    return errors::pat(400, QStringLiteral("java.lang.IllegalArgumentException"), message);
}

SimResponse mappingError(const QString &message)
{
    return errors::pat(400, QStringLiteral("org.codehaus.jackson.map.JsonMappingException"),
                       message);
}

SimResponse fieldMappingError(const QString &bean, const QString &field, const QString &javaType)
{
    return mappingError(QString(QStringLiteral("Can not construct instance of ") + javaType +
                                QStringLiteral(" from the given value (through reference chain: ") +
                                bean + QStringLiteral("[\"") + field + QStringLiteral("\"])")));
}

std::optional<SimResponse> requireSysadmin(RequestContext &context)
{
    if (context.caller.isAnonymous())
        return notAuthenticated();
    if (!context.isSysadmin())
        return notAuthorised(
            QStringLiteral("You must be a system administrator to access this resource"));
    return std::nullopt;
}

std::optional<SimResponse> readJsonBody(const SimRequest &request, QJsonValue *value)
{
    const QByteArray type = request.mediaType();
    // The resources @Consume application/json; trackersim lets a missing type through.
    if (!type.isEmpty() && type != "application/json" && !type.endsWith("+json"))
        return SimResponse::noContent(415);
    if (request.body.trimmed().isEmpty())
        return mappingError(QStringLiteral("No content to map to Object due to end of input"));
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError || document.isNull()) {
        return errors::pat(400, QStringLiteral("org.codehaus.jackson.JsonParseException"),
                           QString(QStringLiteral("Could not parse the request body: ") +
                                   error.errorString() + QStringLiteral(" at offset ") +
                                   QString::number(error.offset)));
    }
    *value = document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    return std::nullopt;
}

bool toOptionalInt(const QJsonValue &value, std::optional<int> *out)
{
    constexpr double lowest = std::numeric_limits<int>::min();
    constexpr double highest = std::numeric_limits<int>::max();
    *out = std::nullopt;
    if (value.isNull() || value.isUndefined())
        return true;
    if (value.isDouble()) {
        // Jackson truncates a fractional number given for an int field.
        const double number = std::trunc(value.toDouble());
        if (number < lowest || number > highest)
            return false;
        *out = int(number);
        return true;
    }
    if (value.isString()) {
        const QString text = value.toString().trimmed();
        if (text.isEmpty()) // Jackson maps "" to null for boxed numbers
            return true;
        bool numeric = false;
        const int number = text.toInt(&numeric);
        if (numeric)
            *out = number;
        return numeric;
    }
    return false;
}

bool toOptionalString(const QJsonValue &value, std::optional<QString> *out)
{
    *out = std::nullopt;
    if (value.isNull() || value.isUndefined())
        return true;
    if (value.isString())
        *out = value.toString();
    else if (value.isBool())
        *out = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    else if (value.isDouble()) // Jackson takes a scalar's text for a String field
        *out = QString::number(value.toDouble(), 'g', 17);
    else
        return false;
    return true;
}

bool toOptionalBool(const QJsonValue &value, std::optional<bool> *out)
{
    *out = std::nullopt;
    if (value.isNull() || value.isUndefined())
        return true;
    if (value.isBool()) {
        *out = value.toBool();
        return true;
    }
    if (value.isDouble()) {
        *out = value.toDouble() != 0;
        return true;
    }
    if (value.isString()) {
        const QString text = value.toString().trimmed();
        if (text == QLatin1String("true") || text == QLatin1String("false"))
            *out = text == QLatin1String("true");
        return text.isEmpty() || out->has_value();
    }
    return false;
}

} // namespace trackersim::routes::pat
