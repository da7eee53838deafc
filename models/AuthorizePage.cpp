#include "AuthorizePage.h"

#include "HtmlDocument.h"

#include <QRegularExpression>

namespace accessdesk {

namespace {

constexpr qsizetype kMaxPageBytes = 4 * 1024 * 1024;

QString precheck(const QByteArray &body, const QString &what)
{
    if (body.trimmed().isEmpty())
        return QStringLiteral("the server sent an empty body where %1 was expected").arg(what);
    if (body.size() > kMaxPageBytes)
        return QStringLiteral("%1 is too large to read").arg(what);
    return {};
}

// Words naming an element: its class, id and name, lower-cased.
QString namesOf(html::Node node)
{
    return (html::attributeOr(node, "class") + QLatin1Char(' ') + html::attributeOr(node, "id") +
            QLatin1Char(' ') + html::attributeOr(node, "name"))
        .toLower();
}

// The message of an OAuth or servlet error page, with its problem code when it shows one.
QString errorOf(const html::Document &document)
{
    for (html::Node node : document.elements()) {
        if (auto problem = html::attribute(node, "data-problem"); problem && !problem->isEmpty())
            return QStringLiteral("the server refused the authorisation request (%1): %2")
                .arg(*problem, html::textOf(node, 300).left(300));
    }
    for (html::Node node : document.elements()) {
        const QString names = namesOf(node);
        if (names.contains(QLatin1String("error")) && !html::textOf(node, 300).isEmpty())
            return QStringLiteral("the server refused the authorisation request: %1")
                .arg(html::textOf(node, 300).left(300));
    }
    return {};
}

bool isSubmit(html::Node node)
{
    if (html::is(node, GUMBO_TAG_BUTTON)) {
        const QString type = html::attributeOr(node, "type", QStringLiteral("submit")).toLower();
        return type == QLatin1String("submit");
    }
    if (!html::is(node, GUMBO_TAG_INPUT))
        return false;
    const QString type = html::attributeOr(node, "type").toLower();
    return type == QLatin1String("submit") || type == QLatin1String("image");
}

enum class Choice { None, Approve, Deny };

Choice choiceOf(html::Node button)
{
    const QString words = (namesOf(button) + QLatin1Char(' ') + html::attributeOr(button, "value") +
                           QLatin1Char(' ') + html::textOf(button, 80))
                              .toLower();
    static const QRegularExpression deny(
        QStringLiteral("deny|decline|reject|cancel|refuse|don'?t allow|do not allow"));
    static const QRegularExpression approve(
        QStringLiteral("approve|allow|accept|authori[sz]e|grant|confirm"));
    if (deny.match(words).hasMatch())
        return Choice::Deny;
    if (approve.match(words).hasMatch())
        return Choice::Approve;
    return Choice::None;
}

html::Node authorizeForm(const html::Document &document)
{
    for (html::Node node : document.elements()) {
        if (!html::is(node, GUMBO_TAG_FORM))
            continue;
        for (html::Node field : html::descendants(node)) {
            if (html::is(field, GUMBO_TAG_INPUT) &&
                html::attributeOr(field, "name") == QLatin1String("oauth_token"))
                return node;
        }
    }
    return nullptr;
}

QString consumerName(const html::Document &document, html::Node form)
{
    for (html::Node node : document.elements()) {
        if (auto name = html::attribute(node, "data-consumer-name"); name && !name->isEmpty())
            return name->simplified();
    }
    static const QRegularExpression labelled(
        QStringLiteral("consumer-name|consumer_name|application-name|app-name|client-name"));
    for (html::Node node : document.elements()) {
        if (labelled.match(namesOf(node)).hasMatch() && !html::isAncestorOrSelf(form, node))
            return html::textOf(node);
    }
    // Jira's template: "<strong>Name</strong> is requesting access to …".
    for (html::Node node : document.elements()) {
        if ((html::is(node, GUMBO_TAG_STRONG) || html::is(node, GUMBO_TAG_B)) &&
            !html::isAncestorOrSelf(form, node))
            return html::textOf(node);
    }
    return {};
}

QString consumerDescription(const html::Document &document, html::Node form)
{
    for (html::Node node : document.elements()) {
        if (namesOf(node).contains(QLatin1String("description")) &&
            !html::isAncestorOrSelf(form, node))
            return html::textOf(node);
    }
    return {};
}

} // namespace

Decoded<AuthorizeRequest> decodeAuthorizePage(const QByteArray &body, const QUrl &pageUrl)
{
    using Result = Decoded<AuthorizeRequest>;
    if (const QString problem = precheck(body, QStringLiteral("the authorisation page"));
        !problem.isEmpty())
        return Result::failure(problem);
    const html::Document document(body);
    const html::Node form = authorizeForm(document);
    if (!form) {
        const QString error = errorOf(document);
        return Result::failure(
            error.isEmpty() ? QStringLiteral("the page has no authorisation form") : error);
    }
    AuthorizeRequest request;
    const QString action = html::attributeOr(form, "action").trimmed();
    request.actionUrl = pageUrl.isValid() ? pageUrl.resolved(QUrl(action)) : QUrl(action);
    for (html::Node field : html::descendants(form)) {
        const QString name = html::attributeOr(field, "name");
        const QString value = html::attributeOr(field, "value");
        if (html::is(field, GUMBO_TAG_INPUT) &&
            html::attributeOr(field, "type")
                    .compare(QLatin1String("hidden"), Qt::CaseInsensitive) == 0 &&
            !name.isEmpty()) {
            request.hiddenFields.append({name, value});
            if (name == QLatin1String("oauth_token"))
                request.oauthToken = value;
            else if (name == QLatin1String("atl_token"))
                request.atlToken = value;
            continue;
        }
        if (!isSubmit(field) || name.isEmpty())
            continue;
        const Choice choice = choiceOf(field);
        if (choice == Choice::Approve && request.approveName.isEmpty()) {
            request.approveName = name;
            request.approveValue = value;
        } else if (choice == Choice::Deny && request.denyName.isEmpty()) {
            request.denyName = name;
            request.denyValue = value;
        }
    }
    if (request.oauthToken.isEmpty()) {
        // A visible (non-hidden) oauth_token field still names the request.
        for (html::Node field : html::descendants(form)) {
            if (html::attributeOr(field, "name") == QLatin1String("oauth_token"))
                request.oauthToken = html::attributeOr(field, "value");
        }
    }
    if (request.approveName.isEmpty())
        return Result::failure(QStringLiteral("the authorisation form has no Allow button"));
    request.consumerName = consumerName(document, form);
    request.consumerDescription = consumerDescription(document, form);
    return Result::success(request);
}

Decoded<VerifierPage> decodeVerifierPage(const QByteArray &body)
{
    using Result = Decoded<VerifierPage>;
    if (const QString problem = precheck(body, QStringLiteral("the verification page"));
        !problem.isEmpty())
        return Result::failure(problem);
    const html::Document document(body);
    VerifierPage page;
    for (html::Node node : document.elements()) {
        const QString names = namesOf(node);
        if (html::is(node, GUMBO_TAG_INPUT) &&
            html::attributeOr(node, "name") == QLatin1String("oauth_verifier")) {
            page.verifier = html::attributeOr(node, "value").trimmed();
        } else if (names.contains(QLatin1String("verifier")) && page.verifier.isEmpty()) {
            page.verifier = html::textOf(node, 200).trimmed();
        }
        if (names.contains(QLatin1String("denied")))
            return Result::success(VerifierPage{false, QString()});
        if (names.contains(QLatin1String("approved")))
            page.approved = true;
    }
    if (page.verifier.isEmpty()) {
        // A page without markers: "…verification code is ABC123…" or "oauth_verifier: ABC123".
        static const QRegularExpression spoken(
            QStringLiteral(
                "(?:verification code|verifier)(?: is)?\\s*:?\\s*['\"]?([A-Za-z0-9_-]{4,64})"),
            QRegularExpression::CaseInsensitiveOption);
        const QString text = document.root() ? html::textOf(document.root(), 20000) : QString();
        page.verifier = spoken.match(text).captured(1);
        if (!page.approved)
            page.approved =
                text.contains(QLatin1String("successfully authori"), Qt::CaseInsensitive);
    }
    if (!page.verifier.isEmpty())
        page.approved = true;
    if (!page.approved) {
        const QString error = errorOf(document);
        return Result::failure(
            error.isEmpty() ? QStringLiteral("the page shows no verification code") : error);
    }
    return Result::success(page);
}

} // namespace accessdesk
