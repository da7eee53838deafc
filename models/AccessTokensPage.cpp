#include "AccessTokensPage.h"

#include "GrantRowReader.h"
#include "GrantRows.h"
#include "HtmlDocument.h"

#include <QHash>
#include <QRegularExpression>

#include <algorithm>

namespace accessdesk {

namespace {

constexpr qsizetype kMaxPageBytes = 16 * 1024 * 1024;
constexpr qsizetype kExcerptChars = 80;

// pageUrl without the page's own path: the server's base URL with its context path.
QUrl serverBaseOf(const QUrl &pageUrl)
{
    QUrl base = pageUrl.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
    QString path = base.path(QUrl::FullyEncoded);
    if (path.endsWith(accessTokensPagePath()))
        path.chop(accessTokensPagePath().size());
    else
        path.clear(); // not where Jira keeps the page: only the server's root can be assumed
    base.setPath(path, QUrl::TolerantMode);
    return base;
}

// The row's text for the log, with the tokens the page shows taken out.
QString excerptOf(html::Node row, const QStringList &tokens)
{
    QString text = html::textOf(row, 4 * kExcerptChars);
    for (const QString &token : tokens) {
        if (!token.isEmpty())
            text.replace(token, QStringLiteral("…"));
    }
    text = text.simplified();
    return text.size() > kExcerptChars ? text.left(kExcerptChars - 1) + QStringLiteral("…") : text;
}

bool isLoginPage(const html::Document &document)
{
    for (html::Node node : document.elements()) {
        if (!html::is(node, GUMBO_TAG_INPUT))
            continue;
        const QString name = html::attributeOr(node, "name");
        if (html::attributeOr(node, "type")
                    .compare(QLatin1String("password"), Qt::CaseInsensitive) == 0 ||
            name == QLatin1String("os_username"))
            return true;
    }
    return false;
}

// With no rows, only a page that is about tokens or authorised applications may mean "none".
bool looksLikeTokensPage(const html::Document &document)
{
    for (html::Node node : document.elements()) {
        const GumboTag tag = html::tagOf(node);
        if (tag != GUMBO_TAG_TITLE && tag != GUMBO_TAG_H1 && tag != GUMBO_TAG_H2 &&
            tag != GUMBO_TAG_H3)
            continue;
        const QString text = html::textOf(node, 200).toLower();
        if (text.contains(QLatin1String("token")) || text.contains(QLatin1String("authori")))
            return true;
    }
    return false;
}

QString pageAtlToken(const html::Document &document)
{
    for (html::Node node : document.elements()) {
        if (html::is(node, GUMBO_TAG_INPUT) &&
            html::attributeOr(node, "name") == QLatin1String("atl_token"))
            return html::attributeOr(node, "value");
        if (html::is(node, GUMBO_TAG_META) &&
            html::attributeOr(node, "name") == QLatin1String("atlassian-token"))
            return html::attributeOr(node, "content");
    }
    return {};
}

} // namespace

QString accessTokensPagePath()
{
    return QStringLiteral("/plugins/servlet/oauth/users/access-tokens");
}

bool isOAuth1RevokePath(const QString &path)
{
    static const QRegularExpression known(
        QStringLiteral("^/plugins/servlet/oauth/users/(access-tokens|revoke[A-Za-z0-9_-]*)/?$"));
    return known.match(path).hasMatch();
}

bool isOAuth2RevokePath(const QString &path)
{
    static const QRegularExpression known(
        QStringLiteral("^/rest/oauth2/[A-Za-z0-9._-]+/revoke/[^/?#]+/?$"));
    return known.match(path).hasMatch();
}

Decoded<AccessTokensPage> decodeAccessTokensPage(const QByteArray &body, const QTimeZone &userZone,
                                                 const QUrl &pageUrl)
{
    using Result = Decoded<AccessTokensPage>;
    const QByteArray head = body.left(64).trimmed();
    if (head.isEmpty())
        return Result::failure(QStringLiteral(
            "the server sent an empty body where the access tokens page was expected"));
    if (head.startsWith('{') || head.startsWith('['))
        return Result::failure(
            QStringLiteral("the server sent JSON where the access tokens page was expected"));
    if (body.size() > kMaxPageBytes)
        return Result::failure(QStringLiteral("the access tokens page is too large to read"));
    if (!pageUrl.isValid() || pageUrl.isRelative())
        return Result::failure(QStringLiteral("the access tokens page has no address to read it "
                                              "against"));

    const html::Document document(body);
    if (document.tooDeep())
        return Result::failure(
            QStringLiteral("the access tokens page is nested too deeply to read"));
    const html::PageRows rows = html::findGrantRows(document);
    // Rows prove the page is the right one (it may still embed a hidden login dialog); without
    // any, "no grants" is only believed from a page that is about them.
    if (rows.grants.isEmpty() && isLoginPage(document))
        return Result::failure(QStringLiteral(
            "the server sent a login page instead of the access tokens: log in again"));
    if (rows.grants.isEmpty() && rows.suspects.isEmpty() && !looksLikeTokensPage(document))
        return Result::failure(
            QStringLiteral("the page the server sent is not the OAuth access tokens page"));

    AccessTokensPage page;
    page.atlToken = pageAtlToken(document);
    page.pageUrl = pageUrl;
    QStringList tokens;
    for (const html::GrantRow &row : rows.grants) {
        for (const html::TokenCarrier &carrier : row.carriers)
            tokens.append(carrier.token);
    }
    const html::PageOrigin origin{pageUrl, serverBaseOf(pageUrl)};
    const html::Labels labels;
    // Page order, so that the log reads like the page.
    QList<std::pair<html::Node, UnreadableGrantRow>> unreadable;
    for (const html::GrantRow &row : rows.grants) {
        html::ReadRow read = html::readGrantRow(row, labels, userZone, origin);
        if (read.grant)
            page.grants.append(*read.grant);
        else
            unreadable.append({row.row, {read.problem, excerptOf(row.row, tokens)}});
    }
    for (const html::SuspectRow &row : rows.suspects)
        unreadable.append({row.row, {row.reason, excerptOf(row.row, tokens)}});
    QHash<html::Node, qsizetype> position;
    if (!unreadable.isEmpty()) {
        for (qsizetype i = 0; i < document.elements().size(); ++i)
            position.insert(document.elements().at(i), i);
    }
    std::stable_sort(unreadable.begin(), unreadable.end(),
                     [&position](const auto &a, const auto &b) {
                         return position.value(a.first) < position.value(b.first);
                     });
    for (const auto &entry : std::as_const(unreadable))
        page.unreadable.append(entry.second);
    return Result::success(page);
}

} // namespace accessdesk
