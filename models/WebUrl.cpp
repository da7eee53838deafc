#include "WebUrl.h"

namespace accessdesk::webUrl {

Problem check(const QString &text, QUrl *parsed)
{
    const QUrl url(text, QUrl::StrictMode);
    if (parsed)
        *parsed = url;
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return Problem::NotAbsolute;
    if (url.hasFragment())
        return Problem::Fragment;
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return Problem::NotWeb;
    return Problem::None;
}

bool isLoopback(const QUrl &url)
{
    const QString host = url.host().toLower();
    return host == QLatin1String("localhost") || host == QLatin1String("127.0.0.1") ||
           host == QLatin1String("::1");
}

} // namespace accessdesk::webUrl
