#include "auth/FormEncoding.h"

#include <QUrl>

namespace accessdesk::formEncoding {

QByteArray percentEncode(const QString &value)
{
    // toPercentEncoding leaves exactly the RFC 3986 unreserved set alone by default.
    return value.toUtf8().toPercentEncoding();
}

QByteArray encode(const FormFields &fields)
{
    QByteArray out;
    for (const auto &[name, value] : fields) {
        if (!out.isEmpty())
            out += '&';
        out += percentEncode(name) + '=' + percentEncode(value);
    }
    return out;
}

static QString decodeComponent(QByteArray raw)
{
    raw.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(raw));
}

FormFields decode(const QByteArray &data)
{
    FormFields fields;
    for (const QByteArray &pair : data.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        if (equals < 0)
            fields.append({decodeComponent(pair), QString()});
        else
            fields.append(
                {decodeComponent(pair.left(equals)), decodeComponent(pair.mid(equals + 1))});
    }
    return fields;
}

QString value(const FormFields &fields, QStringView name)
{
    for (const auto &[key, value] : fields) {
        if (key == name)
            return value;
    }
    return {};
}

bool contains(const FormFields &fields, QStringView name)
{
    for (const auto &field : fields) {
        if (field.first == name)
            return true;
    }
    return false;
}

bool isFormContentType(const QByteArray &contentType)
{
    const QByteArray mediaType = contentType.split(';').constFirst().trimmed().toLower();
    return mediaType == "application/x-www-form-urlencoded";
}

} // namespace accessdesk::formEncoding
