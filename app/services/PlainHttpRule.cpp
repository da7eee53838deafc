#include "services/PlainHttpRule.h"

#include <QHostAddress>

namespace accessdesk::plainhttp {

QString originOf(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    const int port = url.port(scheme == QLatin1String("https") ? 443 : 80);
    return scheme + QLatin1String("://") + url.host().toLower() + QLatin1Char(':') +
           QString::number(port);
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return originOf(a) == originOf(b);
}

bool isLoopback(const QUrl &url)
{
    const QString host = url.host().toLower();
    if (host == QLatin1String("localhost"))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool isExposed(const QUrl &url)
{
    return url.scheme().compare(QLatin1String("http"), Qt::CaseInsensitive) == 0 &&
           !isLoopback(url);
}

bool hasConsent(const ConnectionProfile &profile)
{
    return profile.options.value(QLatin1String(kConsentOption)) == originOf(profile.baseUrl);
}

void setConsent(ConnectionProfile &profile, bool allowed)
{
    if (allowed && isExposed(profile.baseUrl))
        profile.options.insert(QLatin1String(kConsentOption), originOf(profile.baseUrl));
    else
        profile.options.remove(QLatin1String(kConsentOption));
}

bool needsConsent(const ConnectionProfile &profile)
{
    return isExposed(profile.baseUrl) && !hasConsent(profile);
}

} // namespace accessdesk::plainhttp
