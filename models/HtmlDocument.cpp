#include "HtmlDocument.h"

#include <cstring>

namespace accessdesk::html {

namespace {

bool isHidden(Node node)
{
    const GumboTag tag = tagOf(node);
    return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_TEMPLATE ||
           tag == GUMBO_TAG_NOSCRIPT;
}

bool isText(Node node)
{
    return node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
           node->type == GUMBO_NODE_CDATA;
}

QString fromUtf8(const char *text)
{
    return text ? QString::fromUtf8(text) : QString();
}

bool isNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == ':';
}

// Elements that never hold children, or close by themselves when a sibling opens: counting them
// would only overestimate.
bool countsForDepth(const QByteArray &name)
{
    static const char *const flat[] = {
        "area",   "base",     "br",       "col",     "embed",   "hr",       "img",
        "input",  "link",     "meta",     "param",   "source",  "track",    "wbr",
        "p",      "li",       "dt",       "dd",      "tr",      "td",       "th",
        "option", "optgroup", "thead",    "tbody",   "tfoot",   "colgroup", "caption",
        "rb",     "rt",       "rp",       "rtc",     "html",    "head",     "body",
        "frame",  "keygen",   "basefont", "bgsound", "command", "image"};
    for (const char *entry : flat) {
        if (name == entry)
            return false;
    }
    return true;
}

bool isRawText(const QByteArray &name)
{
    return name == "script" || name == "style" || name == "textarea" || name == "title" ||
           name == "xmp" || name == "iframe" || name == "noembed" || name == "noframes" ||
           name == "plaintext";
}

} // namespace

int estimatedDepth(const QByteArray &html, int limit)
{
    const char *const begin = html.constData();
    const char *const end = begin + html.size();
    int depth = 0;
    int deepest = 0;
    for (const char *p = begin; p < end && deepest <= limit;) {
        if (*p != '<') {
            ++p;
            continue;
        }
        if (end - p >= 4 && std::memcmp(p, "<!--", 4) == 0) {
            // Not strstr: the bytes may be raw data with no terminating NUL.
            const qsizetype close = html.indexOf("-->", (p - begin) + 4);
            p = close < 0 ? end : begin + close + 3;
            continue;
        }
        const bool closing = p + 1 < end && p[1] == '/';
        const char *nameStart = p + (closing ? 2 : 1);
        const char *nameEnd = nameStart;
        while (nameEnd < end && isNameChar(*nameEnd))
            ++nameEnd;
        if (nameEnd == nameStart) {
            ++p; // "<" that starts no tag, "<!DOCTYPE", "<?…"
            continue;
        }
        const QByteArray name = QByteArray(nameStart, nameEnd - nameStart).toLower();
        // The tag's end: the first '>' outside a quoted attribute value.
        const char *q = nameEnd;
        char quote = 0;
        for (; q < end; ++q) {
            if (quote) {
                if (*q == quote)
                    quote = 0;
            } else if (*q == '"' || *q == '\'') {
                quote = *q;
            } else if (*q == '>') {
                break;
            }
        }
        const bool selfClosing = q > nameEnd && q[-1] == '/';
        p = q < end ? q + 1 : end;
        if (!countsForDepth(name) || selfClosing)
            continue;
        if (closing) {
            depth = qMax(0, depth - 1);
            continue;
        }
        deepest = qMax(deepest, ++depth);
        if (isRawText(name)) {
            // Its content is text up to the matching end tag, whatever it looks like.
            const QByteArray endTag = "</" + name;
            while (p < end && !(end - p >= endTag.size() &&
                                qstrnicmp(p, endTag.constData(), size_t(endTag.size())) == 0))
                ++p;
        }
    }
    return deepest;
}

Document::Document(const QByteArray &html)
    : m_html(html)
{
    if (estimatedDepth(m_html, kMaxDepth) > kMaxDepth) {
        m_tooDeep = true;
        return;
    }
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0; // parse errors are normal in the wild; don't keep them
    m_output = gumbo_parse_with_options(&options, m_html.constData(), size_t(m_html.size()));
    if (m_output && m_output->root)
        m_elements = QList<Node>{m_output->root} + descendants(m_output->root);
}

Document::~Document()
{
    if (m_output)
        gumbo_destroy_output(&kGumboDefaultOptions, m_output);
}

Node Document::root() const
{
    return m_output ? m_output->root : nullptr;
}

bool isElement(Node node)
{
    return node && node->type == GUMBO_NODE_ELEMENT;
}

GumboTag tagOf(Node node)
{
    return isElement(node) ? node->v.element.tag : GUMBO_TAG_UNKNOWN;
}

bool is(Node node, GumboTag tag)
{
    return tagOf(node) == tag;
}

Node parentElement(Node node)
{
    Node parent = node ? node->parent : nullptr;
    return isElement(parent) ? parent : nullptr;
}

bool isAncestorOrSelf(Node ancestor, Node node)
{
    for (Node current = node; current; current = current->parent) {
        if (current == ancestor)
            return true;
    }
    return false;
}

std::optional<QString> attribute(Node node, const char *name)
{
    if (!isElement(node))
        return std::nullopt;
    const GumboAttribute *found = gumbo_get_attribute(&node->v.element.attributes, name);
    if (!found)
        return std::nullopt;
    return fromUtf8(found->value);
}

QString attributeOr(Node node, const char *name, const QString &fallback)
{
    return attribute(node, name).value_or(fallback);
}

QList<std::pair<QString, QString>> attributes(Node node)
{
    QList<std::pair<QString, QString>> all;
    if (!isElement(node))
        return all;
    const GumboVector &vector = node->v.element.attributes;
    for (unsigned int i = 0; i < vector.length; ++i) {
        const auto *attr = static_cast<const GumboAttribute *>(vector.data[i]);
        all.append({fromUtf8(attr->name), fromUtf8(attr->value)});
    }
    return all;
}

QString textOf(Node node, qsizetype limit)
{
    if (!node)
        return {};
    QString text;
    QList<Node> stack{node};
    while (!stack.isEmpty() && (limit < 0 || text.size() <= limit)) {
        Node current = stack.takeLast();
        if (isText(current)) {
            text += fromUtf8(current->v.text.text) + QLatin1Char(' ');
            continue;
        }
        if (!isElement(current) || isHidden(current))
            continue;
        const GumboVector &children = current->v.element.children;
        for (unsigned int i = children.length; i > 0; --i)
            stack.append(static_cast<Node>(children.data[i - 1]));
    }
    return text.simplified();
}

QString ownTextOf(Node node)
{
    if (!isElement(node))
        return {};
    QString text;
    const GumboVector &children = node->v.element.children;
    for (unsigned int i = 0; i < children.length; ++i) {
        const auto *child = static_cast<Node>(children.data[i]);
        if (isText(child))
            text += fromUtf8(child->v.text.text) + QLatin1Char(' ');
    }
    return text.simplified();
}

QList<Node> descendants(Node root)
{
    QList<Node> all;
    if (!isElement(root))
        return all;
    QList<Node> stack;
    const GumboVector &top = root->v.element.children;
    for (unsigned int i = top.length; i > 0; --i)
        stack.append(static_cast<Node>(top.data[i - 1]));
    while (!stack.isEmpty()) {
        Node current = stack.takeLast();
        if (!isElement(current))
            continue;
        all.append(current);
        const GumboVector &children = current->v.element.children;
        for (unsigned int i = children.length; i > 0; --i)
            stack.append(static_cast<Node>(children.data[i - 1]));
    }
    return all;
}

QList<Node> childElements(Node node)
{
    QList<Node> children;
    if (!isElement(node))
        return children;
    const GumboVector &vector = node->v.element.children;
    for (unsigned int i = 0; i < vector.length; ++i) {
        const auto *child = static_cast<Node>(vector.data[i]);
        if (isElement(child))
            children.append(child);
    }
    return children;
}

QString previousSiblingText(Node node)
{
    Node parent = node ? node->parent : nullptr;
    if (!parent || (parent->type != GUMBO_NODE_ELEMENT && parent->type != GUMBO_NODE_TEMPLATE))
        return {};
    const GumboVector &siblings = parent->v.element.children;
    for (unsigned int i = node->index_within_parent; i > 0; --i) {
        const auto *sibling = static_cast<Node>(siblings.data[i - 1]);
        if (sibling->type == GUMBO_NODE_WHITESPACE || sibling->type == GUMBO_NODE_COMMENT)
            continue;
        if (isText(sibling))
            return fromUtf8(sibling->v.text.text).simplified();
        if (isElement(sibling)) // a label is short; a long text is content, not a label
            return textOf(sibling, 80).left(80);
        return {};
    }
    return {};
}

} // namespace accessdesk::html
