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

std::optional<QString> pathBelow(const QUrl &base, const QUrl &url)
{
    if (!base.isValid() || !url.isValid() || base.isRelative() || url.isRelative())
        return std::nullopt;
    const QString scheme = url.scheme().toLower();
    const int defaultPort = scheme == QLatin1String("https") ? 443 : 80;
    if (scheme != base.scheme().toLower() || url.host().toLower() != base.host().toLower() ||
        url.port(defaultPort) != base.port(defaultPort) || !url.userInfo().isEmpty())
        return std::nullopt;
    QString basePath = base.path(QUrl::FullyEncoded);
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    QString path = url.adjusted(QUrl::NormalizePathSegments).path(QUrl::FullyEncoded);
    if (path.isEmpty())
        path = QStringLiteral("/");
    if (!path.startsWith(basePath + QLatin1Char('/')))
        return std::nullopt;
    QString below = path.mid(basePath.size());
    if (below.contains(QLatin1String("%2e"), Qt::CaseInsensitive) ||
        below.contains(QLatin1String("%2f"), Qt::CaseInsensitive) ||
        below.contains(QLatin1String("%5c"), Qt::CaseInsensitive) ||
        below.contains(QLatin1Char('\\')))
        return std::nullopt;
    return below;
}

} // namespace accessdesk::webUrl
