#include "services/AccessRequestLink.h"

#include <QRegularExpression>
#include <QUrlQuery>

namespace accessdesk {

namespace {

const QString kAuthorizePath = QStringLiteral("/plugins/servlet/oauth/authorize");

int effectivePort(const QUrl &url)
{
    return url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
}

QString basePath(const QUrl &base)
{
    QString path = base.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path;
}

bool sameServer(const QUrl &link, const QUrl &base)
{
    return link.scheme() == base.scheme().toLower() &&
           link.host().compare(base.host(), Qt::CaseInsensitive) == 0 &&
           effectivePort(link) == effectivePort(base);
}

} // namespace

QUrl AccessRequestLink::authorizeUrl(const QUrl &serverBase)
{
    QUrl url = serverBase.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
    url.setPath(basePath(serverBase) + kAuthorizePath);
    return url;
}

AccessRequestLink AccessRequestLink::parse(const QString &pasted, const QUrl &serverBase)
{
    AccessRequestLink link;
    // Links come from mails and chats: wrapped over lines, in <…> or quotes.
    QString text = pasted;
    text.remove(QRegularExpression(QStringLiteral("\\s+")));
    while (!text.isEmpty() && QStringLiteral("<\"'").contains(text.front()))
        text.remove(0, 1);
    while (!text.isEmpty() && QStringLiteral(">\"'.,").contains(text.back()))
        text.chop(1);
    if (text.isEmpty()) {
        link.problem = Problem::Empty;
        return link;
    }
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        link.problem = Problem::NotALink;
        return link;
    }
    link.url = url;
    if (!sameServer(url, serverBase)) {
        link.problem = Problem::OtherServer;
        return link;
    }
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (path != basePath(serverBase) + kAuthorizePath) {
        // The authorisation page under another context path is another Jira on the same host.
        link.problem =
            path.endsWith(kAuthorizePath) ? Problem::OtherServer : Problem::NotARequestForAccess;
        return link;
    }
    link.requestToken =
        QUrlQuery(url).queryItemValue(QStringLiteral("oauth_token"), QUrl::FullyDecoded);
    if (link.requestToken.isEmpty()) {
        link.problem = Problem::NoRequestToken;
        return link;
    }
    return link;
}

} // namespace accessdesk
