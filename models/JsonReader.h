#pragma once

#include "Decoded.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// The shared rules of every JSON decoder (internal to models/): tolerant of missing, extra and
// null fields, strict on types. The first type error is kept with the path of the field, e.g.
// "values[2].id: expected a number, got a string", and later reads are still safe to make.
namespace accessdesk::json {

// Parses a whole body as one JSON document; on failure says what the body looked like instead
// (empty, an HTML page, truncated JSON…), since that is what a user needs in the error.
struct Document
{
    QJsonValue root;
    QString error;
};
Document parse(const QByteArray &body);

// The root as an object or an array, or an error naming what it was.
bool expectObject(const Document &document, const QString &what, QJsonObject *object,
                  QString *error);
bool expectArray(const Document &document, const QString &what, QJsonArray *array, QString *error);

QString typeName(const QJsonValue &value);

class ObjectReader final
{
public:
    // path names this object in error messages ("" for the root); error collects the first
    // problem and is shared by readers of nested objects.
    ObjectReader(const QJsonObject &object, QString path, QString *error);

    bool has(const char *key) const; // present and not null

    QString string(const char *key);
    bool boolean(const char *key, bool fallback = false);
    std::optional<qint64> integer(const char *key);
    QStringList stringList(const char *key);
    // An ISO date-time string; unparsable text is a type error too.
    std::optional<QDateTime> dateTime(const char *key);
    QJsonObject object(const char *key);
    QJsonArray array(const char *key);

    QString pathOf(const char *key) const;
    QString pathOf(const QString &key) const;
    void fail(const QString &path, const QString &problem);
    bool ok() const { return m_error->isEmpty(); }
    QString *errorSink() const { return m_error; }

private:
    // The value at key when it has the wanted type; reports a type error otherwise.
    std::optional<QJsonValue> typed(const char *key, QJsonValue::Type type);

    QJsonObject m_object;
    QString m_path;
    QString *m_error;
};

// The frame every object-rooted decoder shares: parse the body, expect an object (named `what` in
// errors), read it with read(ObjectReader &), and turn the first type error into a failure.
template<class T, class Read>
Decoded<T> decodeObject(const QByteArray &body, const QString &what, Read read)
{
    QString error;
    QJsonObject root;
    if (!expectObject(parse(body), what, &root, &error))
        return Decoded<T>::failure(error);
    ObjectReader reader(root, QString(), &error);
    T value = read(reader);
    if (!error.isEmpty())
        return Decoded<T>::failure(error);
    return Decoded<T>::success(std::move(value));
}

// Reads every object of an array with read(ObjectReader &) -> T, naming items "path[i]" in errors.
// Null items are skipped; any other non-object is a type error and ends the reading.
template<class T, class Read>
QList<T> readObjects(const QJsonArray &array, const QString &path, QString *error, Read read)
{
    QList<T> items;
    for (qsizetype i = 0; i < array.size() && error->isEmpty(); ++i) {
        const QString itemPath = path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
        if (array.at(i).isNull())
            continue;
        if (!array.at(i).isObject()) {
            *error =
                itemPath + QStringLiteral(": expected an object, got ") + typeName(array.at(i));
            break;
        }
        ObjectReader reader(array.at(i).toObject(), itemPath, error);
        items.append(read(reader));
    }
    return items;
}

// The frame every array-rooted decoder shares: parse, expect an array (named `what` in errors),
// read each object with readObjects().
template<class T, class Read>
Decoded<QList<T>> decodeArray(const QByteArray &body, const QString &what, Read read)
{
    QString error;
    QJsonArray root;
    if (!expectArray(parse(body), what, &root, &error))
        return Decoded<QList<T>>::failure(error);
    QList<T> items = readObjects<T>(root, QString(), &error, read);
    if (!error.isEmpty())
        return Decoded<QList<T>>::failure(error);
    return Decoded<QList<T>>::success(std::move(items));
}

// For objects that hold their list under one key ({"consumers": [...]}): the list, read with
// readObjects() and reported at "key[i]".
template<class T, class Read>
QList<T> readObjectsAt(ObjectReader &reader, const char *key, Read read)
{
    return readObjects<T>(reader.array(key), reader.pathOf(key), reader.errorSink(), read);
}

// A JSON number that is an exact integer within qint64 (1e30, 1.5 and 2^63 are not).
std::optional<qint64> exactInteger(const QJsonValue &value);

} // namespace accessdesk::json
