#include "GrantRows.h"

#include <QRegularExpression>
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

// The URL an element points at or submits to, if any.
QString urlOf(Node node)
{
    for (const char *name : {"href", "action", "formaction", "data-revoke-url", "data-href"}) {
        if (auto value = attribute(node, name); value && !value->trimmed().isEmpty())
            return value->trimmed();
    }
    return {};
}

// The form an input submits with: its ancestor form.
Node formOf(Node node)
{
    for (Node current = parentElement(node); current; current = parentElement(current)) {
        if (is(current, GUMBO_TAG_FORM))
            return current;
    }
    return nullptr;
}

QList<TokenCarrier> carriersIn(const Document &document)
{
    QList<TokenCarrier> carriers;
    for (Node node : document.elements()) {
        const bool field = is(node, GUMBO_TAG_INPUT) || is(node, GUMBO_TAG_BUTTON);
        if (field && attributeOr(node, "name") == QLatin1String("token")) {
            const QString value = attributeOr(node, "value").trimmed();
            if (!value.isEmpty()) {
                const Node form = formOf(node);
                const QString action = form ? attributeOr(form, "action").trimmed() : QString();
                carriers.append({node, value, action, !oauth2RevokeId(action).isEmpty()});
            }
        }
        if (const QString value = attributeOr(node, "data-token").trimmed(); !value.isEmpty())
            carriers.append({node, value, QString(), false});
        const QString url = urlOf(node);
        if (url.isEmpty())
            continue;
        if (const QString id = oauth2RevokeId(url); !id.isEmpty())
            carriers.append({node, id, url, true});
        else if (const QString token = tokenInQuery(url); !token.isEmpty())
            carriers.append({node, token, url, false});
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

Node rowOf(Node carrier, const QHash<Node, QString> &below)
{
    Node row = carrier;
    while (!isNaturalRow(row)) {
        const Node parent = parentElement(row);
        if (!parent || isRowBoundary(parent) || below.value(parent).isEmpty())
            break;
        row = parent;
    }
    return row;
}

} // namespace

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

QList<GrantRow> findGrantRows(const Document &document)
{
    const QList<TokenCarrier> carriers = carriersIn(document);
    const QHash<Node, QString> below = tokensBelow(carriers);
    QList<GrantRow> rows;
    QHash<Node, qsizetype> rowIndex;
    for (const TokenCarrier &carrier : carriers) {
        const Node row = rowOf(carrier.node, below);
        auto it = rowIndex.find(row);
        if (it == rowIndex.end()) {
            rowIndex.insert(row, rows.size());
            rows.append({row, {carrier}});
        } else if (rows[*it].carriers.first().token == carrier.token) {
            rows[*it].carriers.append(carrier);
        }
        // A natural row with a second, different token is malformed; its first token wins.
    }
    return rows;
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
