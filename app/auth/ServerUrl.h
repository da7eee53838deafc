#pragma once

#include <QString>
#include <QUrl>

namespace accessdesk {

// path (starting with "/") on the server at baseUrl, keeping its context path
// ("https://host/jira" + "/rest/…"), without the base URL's query or fragment.
inline QUrl urlOnServer(const QUrl &baseUrl, QStringView path)
{
    QUrl url = baseUrl.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
    QString prefix = url.path();
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    url.setPath(prefix + path);
    return url;
}

} // namespace accessdesk
