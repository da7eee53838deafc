#include "storage/ConnectionProfile.h"

namespace accessdesk {

QString normalisedSha256(const QString &fingerprint)
{
    QString hex;
    for (const QChar c : fingerprint) {
        if (c == u':' || c.isSpace())
            continue;
        hex += c.toLower();
    }
    if (hex.size() != 64)
        return fingerprint;
    for (const QChar c : std::as_const(hex)) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return fingerprint;
    }
    return hex;
}

} // namespace accessdesk
