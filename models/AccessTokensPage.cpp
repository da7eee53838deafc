#include "AccessTokensPage.h"

#include "GrantRowReader.h"
#include "GrantRows.h"
#include "HtmlDocument.h"

namespace accessdesk {

namespace {

constexpr qsizetype kMaxPageBytes = 16 * 1024 * 1024;

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

    const html::Document document(body);
    const QList<html::GrantRow> rows = html::findGrantRows(document);
    // Rows prove the page is the right one (it may still embed a hidden login dialog); without
    // any, "no grants" is only believed from a page that is about them.
    if (rows.isEmpty() && isLoginPage(document))
        return Result::failure(QStringLiteral(
            "the server sent a login page instead of the access tokens: log in again"));
    if (rows.isEmpty() && !looksLikeTokensPage(document))
        return Result::failure(
            QStringLiteral("the page the server sent is not the OAuth access tokens page"));

    AccessTokensPage page;
    page.atlToken = pageAtlToken(document);
    const html::Labels labels;
    for (const html::GrantRow &row : rows)
        page.grants.append(html::readGrantRow(row, labels, userZone, pageUrl));
    return Result::success(page);
}

} // namespace accessdesk
