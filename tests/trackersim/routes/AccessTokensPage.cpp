#include "Routes.h"

#include "OAuth1Provider.h"
#include "http/ErrorBodies.h"
#include "http/HtmlPage.h"
#include "http/RequestContext.h"
#include "http/Router.h"
#include "store/Store.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUrl>

// The user's "View OAuth Access Tokens" page and its revoke servlets (spec 5): HTML only, one row
// per OAuth 1.0a access token and per OAuth 2.0 authorisation of the caller.
//
// XSRF: the page itself is a GET and needs nothing. The revoke POSTs are servlets, so the REST
// pipeline's XSRF filter does not cover them; whether a product filter does is uncertain, and
// trackersim asks for either the page's atl_token or "X-Atlassian-Token: no-check" (403 otherwise).
namespace trackersim::routes {

namespace {

using namespace oauth1sp;

const QString kPagePath = QStringLiteral("/plugins/servlet/oauth/users/access-tokens");
// AccessTokensRevokeServlet's URL lives in plugin XML that was not available (spec 5: uncertain);
// trackersim's choice follows its name. The deprecated POST to the page itself works too.
const QString kRevokePath = QStringLiteral("/plugins/servlet/oauth/users/revoke-token");

struct Row
{
    QString token; // the revoke key: OAuth 1.0a token value or OAuth 2.0 refresh token id
    QString consumerName;
    QString consumerDescription; // OAuth 1.0a consumers only; OAuth 2.0 clients have none
    QString consumerUri;
    qint64 issuedAt = 0;
    QStringList scopes; // OAuth 2.0 only
    QString revokeUrl;  // OAuth 2.0 only
    bool oauth2 = false;
};

// TokenRepresentation.parseUriFromDescription: "((.*?)(https?://\S+))" must match the whole
// (trimmed) description, so only a URL that ends it counts.
QString uriFromDescription(const QString &description)
{
    static const QRegularExpression pattern(QStringLiteral("\\A(?:.*?)(https?://\\S+)\\z"));
    const QRegularExpressionMatch match = pattern.match(description.trimmed());
    return match.hasMatch() ? match.captured(1) : QString();
}

// Jira's medium date and short time formats ("28/Nov/26 10:15 AM") in the user's time zone.
QString issuedOn(qint64 ms, const QString &timeZone)
{
    QTimeZone zone(timeZone.toUtf8());
    if (!zone.isValid())
        zone = QTimeZone::utc();
    return QLocale::c().toString(QDateTime::fromMSecsSinceEpoch(ms, zone),
                                 QStringLiteral("dd/MMM/yy h:mm AP"));
}

QList<Row> oauth1Rows(RequestContext &context)
{
    QList<Row> rows;
    const auto all = context.store().all(
        QStringLiteral("SELECT t.token, t.created_at, t.alternate_consumer_name, c.name,"
                       " c.description FROM oauth1_tokens t"
                       " JOIN oauth_consumers c ON c.consumer_key = t.consumer_key"
                       " WHERE t.kind = 'access' AND t.user_name = ? AND t.expires_at > ?"
                       " ORDER BY t.created_at"),
        {context.caller.userName, context.nowMs()});
    for (const QVariantMap &record : all) {
        Row row;
        row.token = record.value(QStringLiteral("token")).toString();
        const QString alternate =
            record.value(QStringLiteral("alternate_consumer_name")).toString();
        row.consumerName =
            alternate.isEmpty() ? record.value(QStringLiteral("name")).toString() : alternate;
        row.consumerDescription = record.value(QStringLiteral("description")).toString();
        row.consumerUri = uriFromDescription(row.consumerDescription);
        row.issuedAt = record.value(QStringLiteral("created_at")).toLongLong();
        rows.append(row);
    }
    return rows;
}

// Scope.getScopeAndInheritedScopes, lowest first, without ADMIN when SYSTEM_ADMIN is there.
QStringList shownScopes(const QString &scope)
{
    const QStringList ladder{QStringLiteral("READ"), QStringLiteral("WRITE"),
                             QStringLiteral("ADMIN"), QStringLiteral("SYSTEM_ADMIN")};
    QStringList scopes = ladder.mid(0, ladder.indexOf(scope) + 1);
    if (scopes.contains(QStringLiteral("SYSTEM_ADMIN")))
        scopes.removeAll(QStringLiteral("ADMIN"));
    return scopes;
}

QList<Row> oauth2Rows(RequestContext &context)
{
    QList<Row> rows;
    if (!context.config().oauth2Enabled)
        return rows;
    const auto all = context.store().all(
        QStringLiteral("SELECT t.id, t.scope, t.created_at, c.name, c.redirects"
                       " FROM oauth2_tokens t JOIN oauth2_clients c ON c.client_id = t.client_id"
                       " WHERE t.user_name = ? AND t.refresh_expires_at > ?"
                       " ORDER BY t.created_at"),
        {context.caller.userName, context.nowMs()});
    for (const QVariantMap &record : all) {
        Row row;
        row.oauth2 = true;
        row.token = record.value(QStringLiteral("id")).toString();
        row.consumerName = record.value(QStringLiteral("name")).toString();
        // For OAuth 2.0 clients the page links the first redirect URL.
        const QJsonArray redirects =
            QJsonDocument::fromJson(record.value(QStringLiteral("redirects")).toByteArray())
                .array();
        row.consumerUri = redirects.isEmpty() ? QString() : redirects.first().toString();
        row.issuedAt = record.value(QStringLiteral("created_at")).toLongLong();
        row.scopes = shownScopes(record.value(QStringLiteral("scope")).toString());
        row.revokeUrl =
            context.baseUrl() + QStringLiteral("/rest/oauth2/latest/revoke/") + row.token;
        rows.append(row);
    }
    return rows;
}

QString rowMarkup(RequestContext &context, const Row &row, const QString &timeZone)
{
    const QString token = row.token.toHtmlEscaped();
    QString markup = QStringLiteral("<tr class=\"access-token\" data-token=\"") + token +
                     QStringLiteral("\" data-oauth2=\"") +
                     (row.oauth2 ? QStringLiteral("true") : QStringLiteral("false")) +
                     QStringLiteral("\">");
    markup += QStringLiteral("<td class=\"consumer-name\">") + row.consumerName.toHtmlEscaped() +
              QStringLiteral("</td>");
    // The consumer's description is shown as it was entered (spec 4.1: "shown on users'
    // access-token pages"), its trailing URL also made the row's link.
    markup += QStringLiteral("<td class=\"consumer-description\">") +
              row.consumerDescription.toHtmlEscaped() + QStringLiteral("</td>");
    markup += QStringLiteral("<td class=\"consumer-uri\">");
    if (!row.consumerUri.isEmpty()) {
        markup += QStringLiteral("<a href=\"") + row.consumerUri.toHtmlEscaped() +
                  QStringLiteral("\">") + QUrl(row.consumerUri).host().toHtmlEscaped() +
                  QStringLiteral("</a>");
    }
    markup += QStringLiteral("</td><td class=\"issued-on\" data-issued=\"") +
              QDateTime::fromMSecsSinceEpoch(row.issuedAt, Qt::UTC).toString(Qt::ISODateWithMs) +
              QStringLiteral("\">") + issuedOn(row.issuedAt, timeZone) +
              QStringLiteral("</td><td class=\"scopes\">");
    for (const QString &scope : row.scopes)
        markup += QStringLiteral("<span class=\"scope\">") + scope + QStringLiteral("</span>");
    // OAuth 1.0a rows POST the token to the revoke servlet; OAuth 2.0 rows use the REST revoke URL.
    const QString action = row.oauth2 ? row.revokeUrl : context.baseUrl() + kRevokePath;
    markup += QStringLiteral(
                  "</td><td class=\"actions\"><form class=\"revoke\" method=\"post\" action=\"") +
              action.toHtmlEscaped() + QStringLiteral("\"");
    if (row.oauth2)
        markup += QStringLiteral(" data-revoke-url=\"") + row.revokeUrl.toHtmlEscaped() +
                  QStringLiteral("\"");
    markup += QStringLiteral("><input type=\"hidden\" name=\"token\" value=\"") + token +
              QStringLiteral("\"><input type=\"hidden\" name=\"atl_token\" value=\"") +
              context.xsrfToken().toHtmlEscaped() +
              QStringLiteral("\"><button type=\"submit\" class=\"revoke-button\">Revoke "
                             "Access</button></form></td></tr>");
    return markup;
}

SimResponse showPage(RequestContext &context)
{
    const auto user = context.user();
    if (!user)
        return redirectToLogin(context);
    const QList<Row> rows = oauth1Rows(context) + oauth2Rows(context);
    html::Page page(QStringLiteral("OAuth Access Tokens - ") + context.config().serverTitle);
    page.add(QStringLiteral("<h1>OAuth Access Tokens</h1><p>Applications you have allowed to "
                            "access your account.</p>"));
    if (rows.isEmpty()) {
        page.add(QStringLiteral(
            "<p id=\"no-access-tokens\">You have not authorised any applications.</p>"));
        return page.response(200);
    }
    page.add(
        QStringLiteral("<table id=\"access-tokens\" class=\"aui\"><thead><tr><th>Application</th>"
                       "<th>Description</th><th>Link</th><th>Authorised "
                       "on</th><th>Scopes</th><th>Actions</th></tr></thead><tbody>"));
    for (const Row &row : rows)
        page.add(rowMarkup(context, row, user->timeZone));
    page.add(QStringLiteral("</tbody></table>"));
    return page.response(200);
}

bool passesXsrfCheck(RequestContext &context)
{
    const QByteArray optOut = context.request.header("x-atlassian-token").trimmed().toLower();
    return optOut == "no-check" || optOut == "nocheck" ||
           parameter(context, QStringLiteral("atl_token")).value_or(QString()) ==
               context.xsrfToken();
}

// AccessTokensRevoke: 200 with no body on success and for unknown tokens (spec 5).
SimResponse revoke(RequestContext &context)
{
    if (context.caller.isAnonymous())
        return servletError(401);
    if (!passesXsrfCheck(context))
        return errors::xsrfFailed();
    const auto token = parameter(context, QStringLiteral("token"));
    if (!token)
        return servletError(400);
    const auto owner = context.store().one(
        QStringLiteral("SELECT user_name FROM oauth1_tokens WHERE token = ? AND kind = 'access'"),
        {*token});
    if (!owner)
        return SimResponse::noContent(200);
    if (owner->value(QStringLiteral("user_name")).toString() != context.caller.userName)
        return servletError(401);
    context.store().exec(QStringLiteral("DELETE FROM oauth1_tokens WHERE token = ?"), {*token});
    return SimResponse::noContent(200);
}

} // namespace

void registerAccessTokensPage(Router &router)
{
    router.add("GET", kPagePath, showPage);
    router.add("POST", kPagePath, revoke); // @Deprecated in AccessTokensServlet, still served
    router.add("POST", kRevokePath, revoke);
}

} // namespace trackersim::routes
