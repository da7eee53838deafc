#include "SimRequest.h"

#include <QJsonParseError>

namespace trackersim {

QByteArray findHeader(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QByteArray SimRequest::header(const QByteArray &name) const
{
    return findHeader(headers, name);
}

bool SimRequest::hasHeader(const QByteArray &name) const
{
    const QByteArray wanted = name.toLower();
    for (const auto &entry : headers) {
        if (entry.first == wanted)
            return true;
    }
    return false;
}

QString SimRequest::queryValue(const QString &key) const
{
    return query.queryItemValue(key, QUrl::FullyDecoded);
}

QByteArray SimRequest::mediaType() const
{
    QByteArray type = header("content-type");
    const qsizetype semicolon = type.indexOf(';');
    if (semicolon >= 0)
        type.truncate(semicolon);
    return type.trimmed().toLower();
}

bool SimRequest::isFormEncoded() const
{
    return mediaType() == "application/x-www-form-urlencoded";
}

QUrlQuery SimRequest::formFields() const
{
    if (!isFormEncoded())
        return {};
    // '+' means space in form bodies; QUrlQuery keeps it literal, so translate first.
    QByteArray raw = body;
    raw.replace('+', "%20");
    return QUrlQuery(QString::fromUtf8(raw));
}

QString SimRequest::formValue(const QString &key) const
{
    return formFields().queryItemValue(key, QUrl::FullyDecoded);
}

QJsonDocument SimRequest::jsonBody(bool *ok) const
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (ok)
        *ok = error.error == QJsonParseError::NoError && !document.isNull();
    return document;
}

bool SimRequest::acceptsJson() const
{
    const QByteArray accept = header("accept").toLower();
    return accept.contains("application/json") || accept.contains("+json");
}

bool SimRequest::acceptsXml() const
{
    const QByteArray accept = header("accept").toLower();
    return accept.contains("xml") && !accept.contains("json");
}

QByteArray SimRequest::cookie(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key != "cookie")
            continue;
        for (const QByteArray &part : value.split(';')) {
            const QByteArray trimmed = part.trimmed();
            const qsizetype eq = trimmed.indexOf('=');
            if (eq > 0 && trimmed.left(eq) == name)
                return trimmed.mid(eq + 1);
        }
    }
    return {};
}

} // namespace trackersim
