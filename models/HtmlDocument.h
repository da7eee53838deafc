#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QtGlobal>

#include <gumbo.h>

#include <optional>

// A parsed HTML page (libgumbo, the HTML5 parsing algorithm) and the few queries the page decoders
// need. Internal to models/. Every walk is iterative, so a deep page cannot exhaust our stack; and
// a page nested deeper than kMaxDepth is not handed to gumbo at all: gumbo 0.10 (Debian 12) has no
// max_tree_depth option, takes time quadratic in the depth (100 000 nested <div>s: about a
// minute) and frees its tree recursively.
namespace accessdesk::html {

using Node = const GumboNode *;

class Document final
{
public:
    // Deeper than any real page (Jira's are some 40 elements deep).
    static constexpr int kMaxDepth = 512;

    explicit Document(const QByteArray &html);
    ~Document();
    Q_DISABLE_COPY_MOVE(Document)

    Node root() const;
    // Every element in document order.
    const QList<Node> &elements() const { return m_elements; }
    // The page was nested deeper than kMaxDepth and left unparsed: it has no elements.
    bool tooDeep() const { return m_tooDeep; }

private:
    QByteArray m_html; // gumbo points into this buffer
    GumboOutput *m_output = nullptr;
    QList<Node> m_elements;
    bool m_tooDeep = false;
};

// An upper estimate of how deep the elements of html nest, counted from its tags without parsing
// (void elements and elements whose end tag may be left out do not count; raw text and comments
// are skipped). Stops counting once past limit.
int estimatedDepth(const QByteArray &html, int limit);

bool isElement(Node node);
GumboTag tagOf(Node node);
bool is(Node node, GumboTag tag);
Node parentElement(Node node);
bool isAncestorOrSelf(Node ancestor, Node node);

std::optional<QString> attribute(Node node, const char *name);
QString attributeOr(Node node, const char *name, const QString &fallback = QString());
// data-* attribute names and their values, in source order.
QList<std::pair<QString, QString>> attributes(Node node);

// The visible text of node and its descendants, white space collapsed (script/style skipped).
// With a limit, stops collecting once that many characters are gathered.
QString textOf(Node node, qsizetype limit = -1);
// Only the text nodes that are direct children of node, joined by spaces.
QString ownTextOf(Node node);

// Elements under root (root excluded) in document order.
QList<Node> descendants(Node root);
QList<Node> childElements(Node node);
// The element or text just before node among its siblings (white space skipped), as text.
QString previousSiblingText(Node node);

} // namespace accessdesk::html
