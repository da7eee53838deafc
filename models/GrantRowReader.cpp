#include "GrantRowReader.h"

#include "AccessTokensPage.h"
#include "JiraDateTime.h"
#include "WebUrl.h"

#include <QHash>
#include <QRegularExpression>
#include <QUrlQuery>

namespace accessdesk::html {

namespace {

enum class Meaning { None, Actions, Description, Scopes, LastUsed, Expires, Issued, Link, Name };

// What a label says an element holds. The order matters: "Consumer Description" is a description,
// "consumer-uri" a link, and only then does "consumer" mean the name.
Meaning meaningOf(const QString &words)
{
    const auto any = [&words](std::initializer_list<const char *> needles) {
        for (const char *needle : needles) {
            if (words.contains(QLatin1String(needle)))
                return true;
        }
        return false;
    };
    if (words.trimmed().isEmpty())
        return Meaning::None;
    if (any({"action", "revoke"}))
        return Meaning::Actions;
    if (any({"description"}))
        return Meaning::Description;
    if (any({"scope"}))
        return Meaning::Scopes;
    if (any({"last used", "last-used", "lastused", "last_used", "last access", "last-access",
             "lastaccess", "last_access", "last authenticated", "used"}))
        return Meaning::LastUsed;
    if (any({"expir", "valid until"}))
        return Meaning::Expires;
    if (any({"issued", "authori", "created", "granted", "approved", "since"}))
        return Meaning::Issued;
    if (any({"link", "url", "uri", "host", "website"}))
        return Meaning::Link;
    if (any({"consumer", "application", "client", "name"}))
        return Meaning::Name;
    return Meaning::None;
}

// A row's elements with what their own labels say and what the innermost meaningful label
// around them says, computed once in document order (parents come before their children).
struct RowView
{
    Node row = nullptr;
    QList<Node> nodes; // the row's descendants
    QHash<Node, Meaning> own;
    QHash<Node, Meaning> inherited;

    RowView(Node rowNode, const Labels &labels)
        : row(rowNode)
        , nodes(descendants(rowNode))
    {
        for (Node node : nodes) {
            const Meaning meaning = meaningOf(labels.own(node));
            own.insert(node, meaning);
            const Node parent = parentElement(node);
            inherited.insert(node, meaning != Meaning::None
                                       ? meaning
                                       : (parent == row ? Meaning::None : inherited.value(parent)));
        }
    }
};

struct FoundDate
{
    QDateTime when;
    Meaning meaning = Meaning::None;
    bool machine = false; // from an attribute with an offset-bearing ISO value
};

QList<FoundDate> datesIn(const RowView &view, const QTimeZone &zone)
{
    QList<FoundDate> dates;
    for (Node node : QList<Node>{view.row} + view.nodes) {
        const Meaning context = view.inherited.value(node, Meaning::None);
        if (context == Meaning::Name || context == Meaning::Description ||
            context == Meaning::Scopes || context == Meaning::Link || context == Meaning::Actions)
            continue;
        for (const auto &[name, value] : attributes(node)) {
            const bool title = name == QLatin1String("title");
            if (!title && name != QLatin1String("datetime") &&
                !name.startsWith(QLatin1String("data-")))
                continue;
            const auto when =
                title ? jiradate::findAny(value, zone) : jiradate::parseIso(value, zone);
            if (!when)
                continue;
            const Meaning named = meaningOf(name.toLower());
            dates.append({*when, named == Meaning::None ? context : named, !title});
        }
        if (const auto when = jiradate::findAny(ownTextOf(node), zone))
            dates.append({*when, context, false});
    }
    return dates;
}

void assignDates(const QList<FoundDate> &dates, AccessGrant *grant)
{
    std::optional<QDateTime> issued, expires, lastUsed;
    const auto pick = [&dates](Meaning meaning) -> std::optional<QDateTime> {
        for (bool machine : {true, false}) {
            for (const FoundDate &date : dates) {
                if (date.meaning == meaning && date.machine == machine)
                    return date.when;
            }
        }
        return std::nullopt;
    };
    issued = pick(Meaning::Issued);
    expires = pick(Meaning::Expires);
    lastUsed = pick(Meaning::LastUsed);
    // Unlabelled dates fill issued, then expires, in page order; one that only repeats a date
    // already taken (the same minute shown twice) is not a new date.
    const auto repeats = [&](const QDateTime &when) {
        for (const auto &taken : {issued, expires, lastUsed}) {
            if (taken && qAbs(taken->secsTo(when)) < 60)
                return true;
        }
        return false;
    };
    for (const FoundDate &date : dates) {
        if (date.meaning != Meaning::None || repeats(date.when))
            continue;
        if (!issued)
            issued = date.when;
        else if (!expires)
            expires = date.when;
    }
    grant->issuedAt = issued.value_or(QDateTime());
    grant->expiresAt = expires;
    grant->lastUsedAt = lastUsed;
}

bool isCarrierUrl(const QString &url)
{
    return !tokenInQuery(url).isEmpty() || !oauth2RevokeId(url).isEmpty();
}

QString firstDataAttribute(const RowView &view, const char *name)
{
    if (auto value = attribute(view.row, name); value && !value->trimmed().isEmpty())
        return value->simplified();
    for (Node node : view.nodes) {
        if (auto value = attribute(node, name); value && !value->trimmed().isEmpty())
            return value->simplified();
    }
    return {};
}

QString readName(const RowView &view)
{
    if (QString name = firstDataAttribute(view, "data-consumer-name"); !name.isEmpty())
        return name;
    for (Node node : view.nodes) {
        if (view.own.value(node) == Meaning::Name) {
            if (QString text = textOf(node, 200); !text.isEmpty())
                return text;
        }
    }
    const GumboTag headings[] = {GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3,
                                 GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6};
    for (Node node : view.nodes) {
        if (std::find(std::begin(headings), std::end(headings), tagOf(node)) != std::end(headings))
            return textOf(node, 200);
    }
    if (is(view.row, GUMBO_TAG_TR)) {
        if (const QList<Node> cells = childElements(view.row); !cells.isEmpty())
            return textOf(cells.first(), 200);
    }
    for (Node node : view.nodes) {
        if (is(node, GUMBO_TAG_A) && !isCarrierUrl(attributeOr(node, "href")) &&
            view.inherited.value(node) != Meaning::Actions)
            return textOf(node, 200);
    }
    for (Node node : view.nodes) {
        if (is(node, GUMBO_TAG_STRONG) || is(node, GUMBO_TAG_B))
            return textOf(node, 200);
    }
    return {};
}

QString readDescription(const RowView &view)
{
    if (QString text = firstDataAttribute(view, "data-consumer-description"); !text.isEmpty())
        return text;
    for (Node node : view.nodes) {
        if (view.own.value(node) == Meaning::Description)
            return textOf(node, 4000);
    }
    return {};
}

QString readApplicationUrl(const RowView &view, const QString &description)
{
    for (Node node : view.nodes) {
        if (!is(node, GUMBO_TAG_A))
            continue;
        const QString href = attributeOr(node, "href").trimmed();
        const QUrl url(href);
        if (isCarrierUrl(href) || view.inherited.value(node) == Meaning::Actions ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            continue;
        return href;
    }
    // As Jira does: a URL that ends the consumer's description is its link.
    static const QRegularExpression trailing(QStringLiteral("(https?://\\S+)\\s*$"));
    return trailing.match(description).captured(1);
}

QStringList splitScopes(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[\\s,;]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

QStringList readScopes(const RowView &view)
{
    if (const QString listed = firstDataAttribute(view, "data-scopes"); !listed.isEmpty())
        return splitScopes(listed);
    for (Node node : view.nodes) {
        if (view.own.value(node) != Meaning::Scopes)
            continue;
        QStringList scopes;
        for (Node inner : descendants(node)) {
            if (childElements(inner).isEmpty() && !textOf(inner, 100).isEmpty())
                scopes.append(textOf(inner, 100));
        }
        return scopes.isEmpty() ? splitScopes(textOf(node, 1000)) : scopes;
    }
    return {};
}

enum class Verdict { Placeholder, Accepted, Refused };

// An address from the row, resolved against the page once: accepted only on the server, under
// its base path, at one of Jira's revoke paths for this kind of grant (and, for OAuth 2.0, for
// this very grant).
Verdict checkAddress(const QString &address, const QString &token, bool oauth2,
                     const PageOrigin &origin, QUrl *resolved)
{
    if (isPlaceholderAddress(address))
        return Verdict::Placeholder;
    const QUrl written(address, QUrl::TolerantMode);
    if (!written.isValid())
        return Verdict::Refused;
    const QUrl url = origin.pageUrl.resolved(written);
    const std::optional<QString> below = webUrl::pathBelow(origin.serverBase, url);
    if (!below)
        return Verdict::Refused;
    if (oauth2 ? !isOAuth2RevokePath(*below) || oauth2RevokeId(*below) != token
               : !isOAuth1RevokePath(*below))
        return Verdict::Refused;
    *resolved = url;
    return Verdict::Accepted;
}

// Where the row's token is posted: its first accepted address; none (the servlet's default) when
// the row only has script placeholders or no address at all; refused when every address it
// gives points elsewhere.
std::optional<QUrl> readRevokeUrl(const GrantRow &row, const QString &token, bool oauth2,
                                  const PageOrigin &origin)
{
    bool refused = false;
    for (const QString &address : row.addresses) {
        QUrl url;
        switch (checkAddress(address, token, oauth2, origin, &url)) {
        case Verdict::Placeholder:
            break;
        case Verdict::Refused:
            refused = true;
            break;
        case Verdict::Accepted:
            if (!oauth2) {
                // The token travels in the POST body; keep the link's other query items.
                QUrlQuery query(url);
                query.removeAllQueryItems(QStringLiteral("token"));
                url.setQuery(query.isEmpty() ? QString() : query.query(QUrl::FullyEncoded));
            }
            return url;
        }
    }
    if (refused)
        return std::nullopt;
    return QUrl();
}

} // namespace

ReadRow readGrantRow(const GrantRow &row, const Labels &labels, const QTimeZone &userZone,
                     const PageOrigin &origin)
{
    if (row.ambiguous)
        return {std::nullopt, QStringLiteral("it names more than one token")};
    const RowView view(row.row, labels);
    AccessGrant grant;
    grant.id = row.carriers.first().token;
    grant.revokeKey = grant.id;
    bool oauth2 = false;
    for (const TokenCarrier &carrier : row.carriers)
        oauth2 = oauth2 || carrier.oauth2;
    for (Node node : QList<Node>{view.row} + view.nodes) {
        oauth2 =
            oauth2 ||
            attributeOr(node, "data-oauth2").compare(QLatin1String("true"), Qt::CaseInsensitive) ==
                0;
    }
    grant.kind = oauth2 ? GrantKind::OAuth2 : GrantKind::OAuth1;
    grant.application = readName(view);
    grant.description = readDescription(view);
    grant.applicationUrl = readApplicationUrl(view, grant.description);
    grant.scopes = readScopes(view);
    assignDates(datesIn(view, userZone), &grant);
    const std::optional<QUrl> revokeUrl = readRevokeUrl(row, grant.id, oauth2, origin);
    if (!revokeUrl)
        return {std::nullopt, QStringLiteral("its revoke address is not one of this server's")};
    grant.revokeUrl = *revokeUrl;
    return {grant, QString()};
}

} // namespace accessdesk::html
