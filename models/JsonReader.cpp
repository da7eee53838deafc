#include "JsonReader.h"

#include "JiraDateTime.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <limits>

namespace accessdesk::json {

namespace {

QString describeNonJson(const QByteArray &body)
{
    const QByteArray head = body.left(512).trimmed().toLower();
    if (head.isEmpty())
        return QStringLiteral("the server sent an empty body where JSON was expected");
    if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.contains("<body"))
        return QStringLiteral("the server sent an HTML page where JSON was expected");
    if (head.startsWith("<?xml") || head.startsWith('<'))
        return QStringLiteral("the server sent XML where JSON was expected");
    return {};
}

} // namespace

Document parse(const QByteArray &body)
{
    if (const QString other = describeNonJson(body); !other.isEmpty())
        return {QJsonValue(), other};
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return {QJsonValue(), QStringLiteral("the server's JSON is malformed at byte %1: %2")
                                  .arg(parseError.offset)
                                  .arg(parseError.errorString())};
    }
    if (document.isObject())
        return {document.object(), QString()};
    return {document.array(), QString()};
}

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

bool expectObject(const Document &document, const QString &what, QJsonObject *object,
                  QString *error)
{
    if (!document.error.isEmpty()) {
        *error = document.error;
        return false;
    }
    if (!document.root.isObject()) {
        *error =
            QStringLiteral("%1: expected an object, got %2").arg(what, typeName(document.root));
        return false;
    }
    *object = document.root.toObject();
    return true;
}

bool expectArray(const Document &document, const QString &what, QJsonArray *array, QString *error)
{
    if (!document.error.isEmpty()) {
        *error = document.error;
        return false;
    }
    if (!document.root.isArray()) {
        *error = QStringLiteral("%1: expected an array, got %2").arg(what, typeName(document.root));
        return false;
    }
    *array = document.root.toArray();
    return true;
}

std::optional<qint64> exactInteger(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    // Qt keeps integral JSON numbers as qint64 when they fit; toInteger() then answers the same
    // with any default. Anything else (fractions, 1e30) gives back the default, so two different
    // defaults expose it without losing precision through double.
    const qint64 low = value.toInteger(std::numeric_limits<qint64>::min());
    const qint64 high = value.toInteger(std::numeric_limits<qint64>::max());
    if (low != high)
        return std::nullopt;
    return low;
}

ObjectReader::ObjectReader(const QJsonObject &object, QString path, QString *error)
    : m_object(object)
    , m_path(std::move(path))
    , m_error(error)
{}

bool ObjectReader::has(const char *key) const
{
    const QJsonValue value = m_object.value(QLatin1String(key));
    return !value.isUndefined() && !value.isNull();
}

QString ObjectReader::pathOf(const char *key) const
{
    return pathOf(QString::fromLatin1(key));
}

QString ObjectReader::pathOf(const QString &key) const
{
    return m_path.isEmpty() ? key : m_path + QLatin1Char('.') + key;
}

void ObjectReader::fail(const QString &path, const QString &problem)
{
    if (m_error->isEmpty())
        *m_error = path + QStringLiteral(": ") + problem;
}

std::optional<QJsonValue> ObjectReader::typed(const char *key, QJsonValue::Type type)
{
    const QJsonValue value = m_object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (value.type() != type) {
        fail(
            pathOf(key),
            QStringLiteral("expected %1, got %2").arg(typeName(QJsonValue(type)), typeName(value)));
        return std::nullopt;
    }
    return value;
}

QString ObjectReader::string(const char *key)
{
    const auto value = typed(key, QJsonValue::String);
    return value ? value->toString() : QString();
}

bool ObjectReader::boolean(const char *key, bool fallback)
{
    const auto value = typed(key, QJsonValue::Bool);
    return value ? value->toBool() : fallback;
}

std::optional<qint64> ObjectReader::integer(const char *key)
{
    const auto value = typed(key, QJsonValue::Double);
    if (!value)
        return std::nullopt;
    const auto exact = exactInteger(*value);
    if (!exact)
        fail(pathOf(key), QStringLiteral("expected a whole number that fits 64 bits, got %1")
                              .arg(value->toDouble()));
    return exact;
}

QStringList ObjectReader::stringList(const char *key)
{
    QStringList list;
    const auto value = typed(key, QJsonValue::Array);
    if (!value)
        return list;
    const QJsonArray array = value->toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue item = array.at(i);
        if (item.isNull())
            continue;
        if (!item.isString()) {
            fail(pathOf(key) + QStringLiteral("[%1]").arg(i),
                 QStringLiteral("expected a string, got %1").arg(typeName(item)));
            continue;
        }
        list.append(item.toString());
    }
    return list;
}

std::optional<QDateTime> ObjectReader::dateTime(const char *key)
{
    const auto value = typed(key, QJsonValue::String);
    if (!value)
        return std::nullopt;
    auto parsed = jiradate::parseIso(value->toString());
    if (!parsed)
        fail(pathOf(key),
             QStringLiteral("expected a date-time, got \"%1\"").arg(value->toString().left(40)));
    return parsed;
}

QJsonObject ObjectReader::object(const char *key)
{
    const auto value = typed(key, QJsonValue::Object);
    return value ? value->toObject() : QJsonObject();
}

QJsonArray ObjectReader::array(const char *key)
{
    const auto value = typed(key, QJsonValue::Array);
    return value ? value->toArray() : QJsonArray();
}

} // namespace accessdesk::json
