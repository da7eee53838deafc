#include "OAuth1Provider.h"

#include "http/ErrorBodies.h"
#include "http/HtmlPage.h"
#include "http/RequestContext.h"
#include "http/Router.h"

// Step 2 of the dance (AuthorizeServlet, GetAuthorizationPage, PostAuthorization; spec 4.5): the
// user sees who asks, and allows or denies with a form that carries the page's atl_token.
namespace trackersim::routes::oauth1sp {

namespace {

const QString kAuthorizePath = QStringLiteral("/plugins/servlet/oauth/authorize");

struct Loaded
{
    std::optional<Token> token;
    QString problem;
};

// TokenLoaderImpl: a pending, unexpired request token, else the problem why not.
Loaded loadToken(RequestContext &context)
{
    const auto value = parameter(context, QStringLiteral("oauth_token"));
    if (!value)
        return {std::nullopt, QStringLiteral("parameter_absent")};
    const auto token = findToken(context.store(), *value);
    if (!token || token->isAccess)
        return {std::nullopt, QStringLiteral("token_rejected")};
    if (token->authorization != Authorization::Pending)
        return {std::nullopt, QStringLiteral("token_used")};
    if (token->expiresAt <= context.nowMs())
        return {std::nullopt, QStringLiteral("token_expired")};
    return {token, {}};
}

QString problemMessage(const QString &problem)
{
    if (problem == QLatin1String("token_rejected"))
        return QStringLiteral("The request token is not valid. Go back to the application that "
                              "sent you here and try again.");
    if (problem == QLatin1String("token_used"))
        return QStringLiteral("This request token has already been used. Go back to the "
                              "application and start again.");
    if (problem == QLatin1String("token_expired"))
        return QStringLiteral(
            "The request token has expired. Go back to the application and start again.");
    return QStringLiteral("The authorization request could not be processed.");
}

// handleException without a body, then the authorize-error template.
SimResponse errorPage(RequestContext &context, const QString &problem)
{
    SimResponse response =
        html::Page(QStringLiteral("OAuth Error"))
            .add(QStringLiteral(
                     "<div class=\"aui-message error\" id=\"oauth-error\" data-problem=\"") +
                 problem + QStringLiteral("\">") + problemMessage(problem).toHtmlEscaped() +
                 QStringLiteral("</div>"))
            .response(problemStatus(problem));
    response.withHeader("WWW-Authenticate", errors::oauth1Challenge(context.baseUrl(), problem));
    return response;
}

QString hidden(const QString &name, const QString &value)
{
    return QStringLiteral("<input type=\"hidden\" name=\"") + name + QStringLiteral("\" value=\"") +
           value.toHtmlEscaped() + QStringLiteral("\">");
}

SimResponse authorizePage(RequestContext &context, const Token &token)
{
    const auto consumer = findConsumer(context.store(), token.consumerKey);
    const QString name = (consumer ? consumer->name : token.consumerKey).toHtmlEscaped();
    const auto user = context.user();
    const QString server = context.config().serverTitle.toHtmlEscaped();
    html::Page page(QStringLiteral("Request for Access - ") + context.config().serverTitle);
    page.add(QStringLiteral("<h1>Request for Access</h1><div id=\"consumer-info\"><p><strong "
                            "id=\"consumer-name\">") +
             name + QStringLiteral("</strong> is requesting access to your account on ") + server +
             QStringLiteral(".</p>"));
    if (consumer && !consumer->description.isEmpty())
        page.add(QStringLiteral("<p id=\"consumer-description\">") +
                 consumer->description.toHtmlEscaped() + QStringLiteral("</p>"));
    page.add(QStringLiteral("</div><div id=\"oauth-permissions\"><p>If you allow access, ") + name +
             QStringLiteral(" will be able to <strong>read and write</strong> data in ") + server +
             QStringLiteral(" as you (<span id=\"user-name\">") +
             (user ? user->displayName.toHtmlEscaped() : QString()) +
             QStringLiteral("</span>), until you revoke its access on your <a href=\"") +
             context.baseUrl() +
             QStringLiteral("/plugins/servlet/oauth/users/access-tokens\">OAuth access tokens</a> "
                            "page.</p></div>"));
    page.add(QStringLiteral("<form id=\"oauth-authorize\" method=\"post\" action=\"") +
             context.baseUrl() + kAuthorizePath + QStringLiteral("\">") +
             hidden(QStringLiteral("oauth_token"), token.token) +
             hidden(QStringLiteral("atl_token"), context.xsrfToken()));
    if (const auto callback = parameter(context, QStringLiteral("oauth_callback")))
        page.add(hidden(QStringLiteral("oauth_callback"), *callback));
    page.add(
        QStringLiteral("<input type=\"submit\" id=\"approve\" name=\"approve\" value=\"Allow\">"
                       "<input type=\"submit\" id=\"deny\" name=\"deny\" value=\"Deny\"></form>"));
    return page.response(200);
}

QString withParameters(const QString &url, const oauth1::Params &params)
{
    QString out = url + (url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?'));
    for (qsizetype i = 0; i < params.size(); ++i)
        out += (i ? QStringLiteral("&") : QString()) + oauth1::encode(params[i].first) +
               QLatin1Char('=') + oauth1::encode(params[i].second);
    return out;
}

SimResponse noCallbackPage(const Token &token, const QString &consumerName)
{
    const QString name = consumerName.toHtmlEscaped();
    if (token.authorization == Authorization::Denied) {
        return html::Page(QStringLiteral("Access Denied"))
            .add(QStringLiteral("<p id=\"oauth-denied\">You have denied '") + name +
                 QStringLiteral("' access to your account. You may close this window.</p>"))
            .response(200);
    }
    if (!token.isVersion10a) {
        return html::Page(QStringLiteral("Access Approved"))
            .add(QStringLiteral("<p id=\"oauth-approved\">You have successfully authorised '") +
                 name +
                 QStringLiteral(
                     "'. You may now close this window and return to the application.</p>"))
            .response(200);
    }
    return html::Page(QStringLiteral("Access Approved"))
        .add(QStringLiteral("<p id=\"oauth-approved\">You have successfully authorised '") + name +
             QStringLiteral("'. Your verification code is <code id=\"oauth-verifier\">") +
             token.verifier +
             QStringLiteral(
                 "</code>. Enter this exact code in the application when it asks for it.</p>"))
        .response(200);
}

// PostAuthorization.redirectBackToConsumer for both protocol versions.
SimResponse afterDecision(RequestContext &context, const Token &token)
{
    const auto consumer = findConsumer(context.store(), token.consumerKey);
    const QString consumerCallback = consumer ? consumer->callback : QString();
    QString callback;
    oauth1::Params params{{QStringLiteral("oauth_token"), token.token}};
    if (token.isVersion10a) {
        callback = token.callback.isEmpty() ? consumerCallback : token.callback;
        params.append({QStringLiteral("oauth_verifier"),
                       token.authorization == Authorization::Allowed ? token.verifier
                                                                     : QStringLiteral("denied")});
    } else {
        callback = parameter(context, QStringLiteral("oauth_callback")).value_or(QString());
        if (callback.isEmpty())
            callback = consumerCallback;
    }
    if (callback.isEmpty())
        return noCallbackPage(token, consumer ? consumer->name : token.consumerKey);
    return SimResponse::redirect(302, withParameters(callback, params));
}

SimResponse showAuthorize(RequestContext &context)
{
    const Loaded loaded = loadToken(context);
    if (!loaded.token)
        return errorPage(context, loaded.problem);
    if (context.caller.isAnonymous())
        return redirectToLogin(context);
    return authorizePage(context, *loaded.token);
}

SimResponse submitAuthorize(RequestContext &context)
{
    // Servlets are outside the REST XSRF filter: AuthorizeServlet checks the form token itself.
    if (parameter(context, QStringLiteral("atl_token")).value_or(QString()) !=
        context.xsrfToken()) {
        return html::Page(QStringLiteral("OAuth Error"))
            .add(QStringLiteral("<div class=\"aui-message error\" id=\"oauth-error\">Xsrf token "
                                "validation failed</div>"))
            .response(403);
    }
    const Loaded loaded = loadToken(context);
    if (!loaded.token)
        return errorPage(context, loaded.problem);
    if (context.caller.isAnonymous())
        return redirectToLogin(context);
    const bool approve = parameter(context, QStringLiteral("approve")).has_value();
    if (!approve && !parameter(context, QStringLiteral("deny")))
        return authorizePage(context, *loaded.token);
    const Token decided =
        decideRequestToken(context.store(), *loaded.token, context.caller.userName, approve);
    return afterDecision(context, decided);
}

} // namespace

void registerAuthorize(Router &router)
{
    router.add("GET", kAuthorizePath, showAuthorize);
    router.add("POST", kAuthorizePath, submitAuthorize);
}

} // namespace trackersim::routes::oauth1sp
