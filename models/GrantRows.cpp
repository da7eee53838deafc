#include "GrantRows.h"

#include <QRegularExpression>
#include <QSet>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <iterator>

namespace accessdesk::html {

namespace {

// Elements that hold many rows; a row never grows past them.
bool isRowBoundary(Node node)
{
    switch (tagOf(node)) {
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HTML:
        return true;
    default:
        return false;
    }
}

bool isNaturalRow(Node node)
{
    return is(node, GUMBO_TAG_TR) || is(node, GUMBO_TAG_LI);
}

constexpr const char *kAddressAttributes[] = {
    "href",      "action",   "formaction",  "data-revoke-url",
    "data-href", "data-url", "data-action", "data-revoke-action"};
constexpr const char *kTokenAttributes[] = {"data-token",        "data-token-id",
                                            "data-revoke-key",   "data-revoke-token",
                                            "data-access-token", "data-oauth-token"};

// The form an input submits with: its ancestor form.
Node formOf(Node node)
{
    for (Node current = parentElement(node); current; current = parentElement(current)) {
        if (is(current, GUMBO_TAG_FORM))
            return current;
    }
    return nullptr;
}

bool isFormControl(Node node)
{
    return is(node, GUMBO_TAG_INPUT) || is(node, GUMBO_TAG_BUTTON);
}

// Something a user can click.
bool isClickable(Node node)
{
    if (is(node, GUMBO_TAG_A) || is(node, GUMBO_TAG_BUTTON))
        return true;
    if (is(node, GUMBO_TAG_INPUT)) {
        const QString type = attributeOr(node, "type").toLower();
        return type == QLatin1String("submit") || type == QLatin1String("button") ||
               type == QLatin1String("image");
    }
    return attributeOr(node, "role").compare(QLatin1String("button"), Qt::CaseInsensitive) == 0;
}

// The servlet paths of spec 5 that revoke an OAuth 1.0a token, or the OAuth 2.0 revoke resource,
// anywhere in an address (the origin and context path are checked when the row is read).
bool namesRevokeTarget(const QString &address)
{
    static const QRegularExpression target(
        QStringLiteral("/plugins/servlet/oauth/users/revoke|/rest/oauth2/[^/?#]+/revoke/[^/?#]"));
    return target.match(address).hasMatch();
}

// A control that revokes one grant: it says "revoke" (in its text, value, title, label, class,
// id or name) or points at a revoke address. "Revoke all" acts on every grant, not one.
bool isRevokeControl(Node node)
{
    if (!isClickable(node) && !attribute(node, "data-revoke-url"))
        return false;
    QString words = attributeOr(node, "value") + QLatin1Char(' ') + attributeOr(node, "title") +
                    QLatin1Char(' ') + attributeOr(node, "aria-label") + QLatin1Char(' ') +
                    attributeOr(node, "class") + QLatin1Char(' ') + attributeOr(node, "id") +
                    QLatin1Char(' ') + attributeOr(node, "name") + QLatin1Char(' ') +
                    textOf(node, 60);
    words = words.toLower();
    static const QRegularExpression all(QStringLiteral("revoke[\\s_-]*all"));
    if (all.match(words).hasMatch())
        return false;
    if (words.contains(QLatin1String("revoke")))
        return true;
    for (const QString &address : addressesOf(node)) {
        if (namesRevokeTarget(address))
            return true;
    }
    // The legacy target is the page itself; only a form that posts to it revokes.
    const Node form = isFormControl(node) ? formOf(node) : nullptr;
    return form &&
           attributeOr(form, "method").compare(QLatin1String("post"), Qt::CaseInsensitive) == 0 &&
           attributeOr(form, "action").contains(QLatin1String("/plugins/servlet/oauth/users/"));
}

QList<TokenCarrier> carriersOf(Node node)
{
    QList<TokenCarrier> carriers;
    const auto add = [&carriers, node](const QString &token, bool oauth2) {
        const QString trimmed = token.trimmed();
        if (trimmed.isEmpty())
            return;
        for (TokenCarrier &carrier : carriers) {
            if (carrier.token == trimmed) {
                carrier.oauth2 = carrier.oauth2 || oauth2;
                return;
            }
        }
        carriers.append({node, trimmed, oauth2});
    };
    if (isFormControl(node) && attributeOr(node, "name") == QLatin1String("token")) {
        const Node form = formOf(node);
        const QString action =
            attributeOr(node, "formaction", form ? attributeOr(form, "action") : QString());
        add(attributeOr(node, "value"), !oauth2RevokeId(action).isEmpty());
    }
    for (const char *name : kTokenAttributes)
        add(attributeOr(node, name), false);
    for (const char *name : kAddressAttributes) {
        const QString address = attributeOr(node, name).trimmed();
        if (address.isEmpty())
            continue;
        if (const QString id = oauth2RevokeId(address); !id.isEmpty())
            add(id, true);
        else
            add(tokenInQuery(address), false);
    }
    return carriers;
}

// For every element above a carrier: the one token under it, or an empty string when several.
QHash<Node, QString> tokensBelow(const QList<TokenCarrier> &carriers)
{
    QHash<Node, QString> below;
    for (const TokenCarrier &carrier : carriers) {
        for (Node node = carrier.node; node; node = parentElement(node)) {
            auto it = below.find(node);
            if (it == below.end()) {
                below.insert(node, carrier.token);
            } else if (*it != carrier.token) {
                *it = QString();
            } else {
                break; // this token was already recorded up the chain
            }
        }
    }
    return below;
}

// For every element: how many revoke controls it holds (itself included).
QHash<Node, int> controlsBelow(const QList<Node> &controls)
{
    QHash<Node, int> below;
    for (Node control : controls) {
        for (Node node = control; node; node = parentElement(node))
            ++below[node];
    }
    return below;
}

Node rowOf(Node carrier, const QHash<Node, QString> &tokens, const QHash<Node, int> &controls)
{
    Node row = carrier;
    while (!isNaturalRow(row)) {
        const Node parent = parentElement(row);
        if (!parent || isRowBoundary(parent) || tokens.value(parent).isEmpty())
            break;
        // A parent that adds revoke controls the row did not have holds a neighbour's row too
        // (a card without a token next to this one), unless this row had none of its own yet.
        const int own = controls.value(row);
        if (own > 0 && controls.value(parent) > own)
            break;
        row = parent;
    }
    return row;
}

// The row of a revoke control outside every grant row: its natural row, else the largest
// element around it that holds no other control.
Node suspectRowOf(Node control, const QHash<Node, int> &controls)
{
    for (Node node = control; node && !isRowBoundary(node); node = parentElement(node)) {
        if (isNaturalRow(node))
            return node;
    }
    Node row = control;
    for (Node parent = parentElement(row);
         parent && !isRowBoundary(parent) && controls.value(parent) == controls.value(row);
         parent = parentElement(parent))
        row = parent;
    return row;
}

Node insideAny(Node node, const QHash<Node, qsizetype> &rows)
{
    for (Node current = node; current; current = parentElement(current)) {
        if (rows.contains(current))
            return current;
    }
    return nullptr;
}

// A natural row's siblings are rows of the same table or list, unless they are its header.
bool isHeaderRow(Node row)
{
    if (!is(row, GUMBO_TAG_TR))
        return false;
    if (is(parentElement(row), GUMBO_TAG_THEAD) || is(parentElement(row), GUMBO_TAG_TFOOT))
        return true;
    const QList<Node> cells = childElements(row);
    return std::all_of(cells.begin(), cells.end(), [](Node c) { return is(c, GUMBO_TAG_TH); });
}

} // namespace

QStringList addressesOf(Node node)
{
    QStringList addresses;
    for (const char *name : kAddressAttributes) {
        if (auto value = attribute(node, name); value && !value->trimmed().isEmpty())
            addresses.append(value->trimmed());
    }
    if (isFormControl(node) && !attribute(node, "formaction")) {
        if (const Node form = formOf(node)) {
            if (const QString action = attributeOr(form, "action").trimmed(); !action.isEmpty())
                addresses.append(action);
        }
    }
    addresses.removeDuplicates();
    return addresses;
}

bool isPlaceholderAddress(const QString &address)
{
    static const QRegularExpression noOp(
        QStringLiteral("^(#.*|javascript:\\s*(void\\s*\\(?\\s*0?\\s*\\)?)?\\s*;?\\s*)$"),
        QRegularExpression::CaseInsensitiveOption);
    return noOp.match(address.trimmed()).hasMatch();
}

QString oauth2RevokeId(const QString &url)
{
    static const QRegularExpression pattern(
        QStringLiteral("/rest/oauth2/[^/?#]+/revoke/([^/?#]+)/?(?:[?#]|$)"));
    const QRegularExpressionMatch m = pattern.match(url);
    return m.hasMatch() ? QUrl::fromPercentEncoding(m.captured(1).toUtf8()) : QString();
}

QString tokenInQuery(const QString &url)
{
    const qsizetype mark = url.indexOf(QLatin1Char('?'));
    if (mark < 0)
        return {};
    QString query = url.mid(mark + 1);
    query.truncate(query.indexOf(QLatin1Char('#')) < 0 ? query.size()
                                                       : query.indexOf(QLatin1Char('#')));
    return QUrlQuery(query).queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded).trimmed();
}

PageRows findGrantRows(const Document &document)
{
    QList<TokenCarrier> carriers;
    QList<Node> controls;
    for (Node node : document.elements()) {
        carriers += carriersOf(node);
        if (isRevokeControl(node))
            controls.append(node);
    }
    const QHash<Node, QString> tokens = tokensBelow(carriers);
    const QHash<Node, int> controlCount = controlsBelow(controls);

    PageRows page;
    QHash<Node, qsizetype> rowIndex;
    for (const TokenCarrier &carrier : carriers) {
        const Node row = rowOf(carrier.node, tokens, controlCount);
        auto it = rowIndex.find(row);
        if (it == rowIndex.end()) {
            rowIndex.insert(row, page.grants.size());
            page.grants.append({row, {carrier}, addressesOf(carrier.node), false});
        } else if (page.grants[*it].carriers.first().token == carrier.token) {
            page.grants[*it].carriers.append(carrier);
            page.grants[*it].addresses += addressesOf(carrier.node);
        } else {
            // Two tokens in one natural row: which name, date or address goes with which cannot
            // be told.
            page.grants[*it].ambiguous = true;
        }
    }

    QHash<Node, qsizetype> suspectIndex;
    const auto suspect = [&page, &suspectIndex](Node row, const QString &reason) {
        if (!suspectIndex.contains(row)) {
            suspectIndex.insert(row, page.suspects.size());
            page.suspects.append({row, reason});
        }
    };
    for (Node control : controls) {
        if (const Node row = insideAny(control, rowIndex)) {
            page.grants[rowIndex.value(row)].addresses += addressesOf(control);
            continue;
        }
        suspect(suspectRowOf(control, controlCount),
                QStringLiteral("it has a revoke control but no token"));
    }
    // The other rows of the table or list the grants are in are grants too, even with neither a
    // token nor a revoke control.
    QSet<Node> containers; // each table body or list once, however many grants it holds
    for (const GrantRow &grant : std::as_const(page.grants)) {
        if (!isNaturalRow(grant.row) || containers.contains(parentElement(grant.row)))
            continue;
        containers.insert(parentElement(grant.row));
        for (Node sibling : childElements(parentElement(grant.row))) {
            if (tagOf(sibling) != tagOf(grant.row) || rowIndex.contains(sibling) ||
                isHeaderRow(sibling) || textOf(sibling, 10).isEmpty() ||
                (is(sibling, GUMBO_TAG_TR) && childElements(sibling).size() < 2))
                continue;
            suspect(sibling, QStringLiteral("it is in the list of grants but has no token"));
        }
    }
    for (GrantRow &grant : page.grants)
        grant.addresses.removeDuplicates();
    return page;
}

QString Labels::own(Node node) const
{
    QString words = attributeOr(node, "class") + QLatin1Char(' ') + attributeOr(node, "id");
    for (const auto &[name, value] : attributes(node)) {
        if (name.startsWith(QLatin1String("data-")))
            words += QLatin1Char(' ') + name;
    }
    if (is(node, GUMBO_TAG_TD) || is(node, GUMBO_TAG_TH))
        words += QLatin1Char(' ') + columnHeader(node);
    if (is(node, GUMBO_TAG_DD) && parentElement(node)) {
        // The nearest <dt> before this <dd> (a few siblings back at most).
        const Node parent = parentElement(node);
        const GumboVector &siblings = parent->v.element.children;
        for (unsigned int i = node->index_within_parent, seen = 0; i > 0 && seen < 32;
             --i, ++seen) {
            const auto *sibling = static_cast<Node>(siblings.data[i - 1]);
            if (is(sibling, GUMBO_TAG_DT)) {
                words += QLatin1Char(' ') + textOf(sibling, 80);
                break;
            }
        }
    }
    // A short text just before an inline element labels it ("Authorised on <time>…"); cells and
    // items are labelled by their headers instead, not by the neighbour's content.
    static const GumboTag structural[] = {GUMBO_TAG_TD, GUMBO_TAG_TH, GUMBO_TAG_TR,
                                          GUMBO_TAG_LI, GUMBO_TAG_DD, GUMBO_TAG_DT};
    if (std::find(std::begin(structural), std::end(structural), tagOf(node)) ==
        std::end(structural)) {
        const QString before = previousSiblingText(node);
        if (before.size() <= 40)
            words += QLatin1Char(' ') + before;
    }
    return words.toLower();
}

QString Labels::inherited(Node node, Node row) const
{
    QString words;
    for (Node current = node; current && current != row; current = parentElement(current))
        words += own(current) + QLatin1Char(' ');
    return words;
}

QString Labels::columnHeader(Node cell) const
{
    Node tr = parentElement(cell);
    Node table = tr;
    while (table && !is(table, GUMBO_TAG_TABLE))
        table = parentElement(table);
    if (!tr || !table)
        return {};
    auto it = m_headers.find(table);
    if (it == m_headers.end()) {
        // The header is the first row in a <thead>, else the first row made only of <th> cells
        // (a <th scope="row"> naming each data row must not be taken for it).
        QStringList headers;
        Node header = nullptr;
        for (Node node : descendants(table)) {
            if (!is(node, GUMBO_TAG_TR))
                continue;
            const QList<Node> cells = childElements(node);
            const bool allTh =
                !cells.isEmpty() &&
                std::all_of(cells.begin(), cells.end(), [](Node c) { return is(c, GUMBO_TAG_TH); });
            if (is(parentElement(node), GUMBO_TAG_THEAD)) {
                header = node;
                break;
            }
            if (allTh && !header)
                header = node;
        }
        for (Node th : childElements(header)) {
            const int span = attributeOr(th, "colspan", QStringLiteral("1")).toInt();
            for (int i = 0; i < qBound(1, span, 100); ++i)
                headers.append(textOf(th, 80));
        }
        it = m_headers.insert(table, headers);
    }
    qsizetype column = 0;
    for (Node sibling : childElements(tr)) {
        if (sibling == cell)
            break;
        const int span = attributeOr(sibling, "colspan", QStringLiteral("1")).toInt();
        column += qBound(1, span, 1000);
    }
    return it->value(column);
}

} // namespace accessdesk::html
