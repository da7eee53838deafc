#pragma once

#include "HtmlDocument.h"

#include <QHash>
#include <QList>
#include <QString>

// How the access-tokens page decoder finds its rows (internal to models/). A row is not one
// template's <tr>: it is the largest element around a token carrier that carries no other token
// and adds no other revoke control, stopping at natural rows (tr, li) and list containers.
namespace accessdesk::html {

// Something that names one grant: a form field named token, a data-token (or data-token-id,
// data-revoke-key, …) attribute, an address with token= in its query, or an OAuth 2.0 revoke
// address (…/rest/oauth2/latest/revoke/{id}), in any attribute that can hold an address.
struct TokenCarrier
{
    Node node = nullptr;
    QString token;
    bool oauth2 = false; // the token came from an OAuth 2.0 revoke address
};

struct GrantRow
{
    Node row = nullptr;
    QList<TokenCarrier> carriers; // document order; all name the same token
    // Every address a carrier or revoke control of the row points at or submits to, as written,
    // in document order: the candidates for where the token is posted.
    QStringList addresses;
    bool ambiguous = false; // the row names more than one token
};

// Something on the page that looks like a grant but names none: a revoke control without a
// token, or a row of the grants' own table or list that carries neither.
struct SuspectRow
{
    Node row = nullptr;
    QString reason; // short, in English, for logs and the CLI
};

struct PageRows
{
    QList<GrantRow> grants;
    QList<SuspectRow> suspects;
};

PageRows findGrantRows(const Document &document);

// Every address an element points at or submits to (href, action, formaction, data-revoke-url,
// data-href, …; for a form control also its form's action), as written, in that order.
QStringList addressesOf(Node node);
// "#…", "javascript:void(0)", "javascript:;": a control whose work is done by a script.
bool isPlaceholderAddress(const QString &address);

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
