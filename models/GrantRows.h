#pragma once

#include "HtmlDocument.h"

#include <QHash>
#include <QList>
#include <QString>

// How the access-tokens page decoder finds its rows (internal to models/). A row is not one
// template's <tr>: it is the largest element around a token carrier that carries no other token,
// stopping at natural rows (tr, li) and list containers.
namespace accessdesk::html {

// Something that names one grant: a form field named token, a data-token attribute, a link with
// token= in its query, or an OAuth 2.0 revoke URL (…/oauth2/latest/revoke/{id}).
struct TokenCarrier
{
    Node node = nullptr;
    QString token;
    QString url;         // the revoke link or form action it came with, if any
    bool oauth2 = false; // the URL is an OAuth 2.0 revoke URL
};

struct GrantRow
{
    Node row = nullptr;
    QList<TokenCarrier> carriers; // document order; all name the same token
};

QList<GrantRow> findGrantRows(const Document &document);

// The OAuth 2.0 revoke id in url, or empty.
QString oauth2RevokeId(const QString &url);
// The value of the query item "token" in url, or empty.
QString tokenInQuery(const QString &url);

// Words that say what an element holds, lower-cased: its class, id and data-* names, its column
// header (cells), its <dt> (for <dd>), and a short label right before it.
class Labels final
{
public:
    QString own(Node node) const;
    // own() of node and of its ancestors below row.
    QString inherited(Node node, Node row) const;

private:
    QString columnHeader(Node cell) const;
    mutable QHash<Node, QStringList> m_headers; // table → header texts
};

} // namespace accessdesk::html
