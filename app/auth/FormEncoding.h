#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace accessdesk {

// Ordered name/value pairs; names may repeat (OAuth signs every occurrence).
using FormFields = QList<std::pair<QString, QString>>;

namespace formEncoding {

// RFC 3986 percent-encoding of UTF-8 with only ALPHA DIGIT "-._~" left as they are (upper-case
// hex). This is RFC 5849 section 3.6, and also safe for application/x-www-form-urlencoded.
QByteArray percentEncode(const QString &value);

// "a=1&b=2" with every name and value percent-encoded as above.
QByteArray encode(const FormFields &fields);

// Parses application/x-www-form-urlencoded data ("+" is a space); a pair without "=" has an
// empty value and empty pairs are skipped (RFC 5849 section 3.4.1.3.1).
FormFields decode(const QByteArray &data);

// The first value of name; empty when it is absent (use contains() to tell the two apart).
QString value(const FormFields &fields, QStringView name);
bool contains(const FormFields &fields, QStringView name);

// True when a Content-Type header value names application/x-www-form-urlencoded.
bool isFormContentType(const QByteArray &contentType);

} // namespace formEncoding
} // namespace accessdesk
