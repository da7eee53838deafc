#include "OAuth2Support.h"

#include "auth/Crypto.h"
#include "http/HtmlPage.h"
#include "http/RequestContext.h"
#include "http/Router.h"
#include "store/Store.h"

#include <QUrl>

// The authorization endpoint and the servlets behind it: consent and error pages (spec 6.2).
namespace trackersim::routes::oauth2 {

namespace {

const QString kConsentPath = QStringLiteral("/plugins/servlet/oauth2/consent");
const QString kErrorPath = QStringLiteral("/plugins/servlet/oauth2/error");

// The parameters of one authorization request, as the endpoint got them and as the consent
// page carries them forward (query on GET, hidden form fields on POST).
struct AuthorizationRequest
{
    QString clientId;
    QString redirectUri;
    QString responseType;
    QString scope;
    QString state;
    QString codeChallenge;
    QString codeChallengeMethod;

    template<typename Read> static AuthorizationRequest read(Read value)
    {
        return {value(QStringLiteral("client_id")),
                value(QStringLiteral("redirect_uri")),
                value(QStringLiteral("response_type")),
                value(QStringLiteral("scope")),
                value(QStringLiteral("state")),
                value(QStringLiteral("code_challenge")),
                value(QStringLiteral("code_challenge_method"))};
    }

    Parameters parameters() const
    {
        const Parameters all{{QStringLiteral("client_id"), clientId},
                             {QStringLiteral("redirect_uri"), redirectUri},
                             {QStringLiteral("response_type"), responseType},
                             {QStringLiteral("scope"), scope},
                             {QStringLiteral("state"), state},
                             {QStringLiteral("code_challenge"), codeChallenge},
                             {QStringLiteral("code_challenge_method"), codeChallengeMethod}};
        Parameters present;
        for (const auto &parameter : all) {
            if (!parameter.second.isEmpty())
                present.append(parameter);
        }
        return present;
    }
};

AuthorizationRequest fromQuery(const SimRequest &request)
{
    return AuthorizationRequest::read([&](const QString &key) { return queryParam(request, key); });
}

AuthorizationRequest fromForm(const SimRequest &request)
{
    return AuthorizationRequest::read([&](const QString &key) { return request.formValue(key); });
}

struct Verdict
{
    QString errorName;
    QString errorDescription;
    QVariantMap client;
    bool ok() const { return errorName.isEmpty(); }
};

Verdict refused(const QString &name, const QString &description)
{
    return {name, description, {}};
}

Verdict validate(const Store &store, const AuthorizationRequest &request)
{
    const auto client = clientByClientId(store, request.clientId);
    if (!client)
        return refused(QStringLiteral("invalid_request"),
                       QString(QStringLiteral("Client with ID [") + request.clientId +
                               QStringLiteral("] does not exist.")));
    if (!redirectsOf(*client).contains(request.redirectUri))
        return refused(QStringLiteral("invalid_request"),
                       QStringLiteral("The redirect_uri is not registered for this client."));
    if (request.responseType != QLatin1String("code"))
        return refused(QStringLiteral("unsupported_response_type"),
                       QStringLiteral("Only the 'code' response type is supported."));
    // trackersim's choice: a scope above the one registered for the client is refused, not capped.
    const QString clientScope = client->value(QStringLiteral("scope")).toString();
    if (scopeRank(request.scope) == 0 || scopeRank(request.scope) > scopeRank(clientScope))
        return refused(
            QStringLiteral("invalid_scope"),
            QString(QStringLiteral("The scope must be one of the client's scopes, at most ") +
                    clientScope + QLatin1Char('.')));
    const QString method = request.codeChallengeMethod;
    if (!method.isEmpty() && method != QLatin1String("S256") && method != QLatin1String("plain"))
        return refused(QStringLiteral("invalid_request"),
                       QStringLiteral("code_challenge_method must be S256 or plain."));
    if (!method.isEmpty() && request.codeChallenge.isEmpty())
        return refused(QStringLiteral("invalid_request"),
                       QStringLiteral("code_challenge is required with code_challenge_method."));
    return {{}, {}, *client};
}

QString errorUrl(RequestContext &context, const Verdict &verdict)
{
    return withQuery(context.baseUrl() + kErrorPath,
                     {{QStringLiteral("errorName"), verdict.errorName},
                      {QStringLiteral("errorDescription"), verdict.errorDescription}});
}

SimResponse redirectTo(int status, const QString &url)
{
    SimResponse response = SimResponse::redirect(status, url);
    return noStore(response);
}

SimResponse toLogin(RequestContext &context, const AuthorizationRequest &request)
{
    const QString destination = kConsentPath + QLatin1Char('?') + encodeQuery(request.parameters());
    return redirectTo(302, withQuery(context.baseUrl() + QStringLiteral("/login.jsp"),
                                     {{QStringLiteral("os_destination"), destination}}));
}

SimResponse authorize(RequestContext &context)
{
    const AuthorizationRequest request = fromQuery(context.request);
    const Verdict verdict = validate(context.store(), request);
    if (!verdict.ok())
        return redirectTo(303, errorUrl(context, verdict));
    return redirectTo(303, withQuery(context.baseUrl() + kConsentPath, request.parameters()));
}

QString scopeDescription(const QString &scope)
{
    if (scope == QLatin1String("READ"))
        return QStringLiteral("View your Jira data.");
    if (scope == QLatin1String("WRITE"))
        return QStringLiteral("View and change your Jira data.");
    if (scope == QLatin1String("ADMIN"))
        return QStringLiteral("View and change your Jira data and administer Jira.");
    return QStringLiteral(
        "View and change your Jira data and administer Jira, including system administration.");
}

QString hiddenField(const QString &name, const QString &value)
{
    return QStringLiteral("<input type=\"hidden\" name=\"") + name + QStringLiteral("\" value=\"") +
           value.toHtmlEscaped() + QStringLiteral("\">");
}

SimResponse consentPage(RequestContext &context)
{
    const AuthorizationRequest request = fromQuery(context.request);
    const Verdict verdict = validate(context.store(), request);
    if (!verdict.ok())
        return redirectTo(302, errorUrl(context, verdict));
    const auto user = context.user();
    if (!user)
        return toLogin(context, request);

    const QString clientName =
        verdict.client.value(QStringLiteral("name")).toString().toHtmlEscaped();
    const QString granted = lowerScope(request.scope, userLevel(*user));
    QString fields;
    for (const auto &[name, value] : request.parameters())
        fields += hiddenField(name, value);
    fields += hiddenField(QStringLiteral("atl_token"), context.xsrfToken());

    html::Page page(QStringLiteral("Allow access - ") + context.config().serverTitle);
    page.add(QStringLiteral("<h1 id=\"consent-title\">Allow <span id=\"client-name\">") +
             clientName + QStringLiteral("</span> to access your account?</h1>"));
    page.add(QStringLiteral("<p>Signed in as <span id=\"user-name\">") +
             user->displayName.toHtmlEscaped() +
             QStringLiteral("</span>.</p><p>Requested permission: <strong id=\"scope\">") +
             granted + QStringLiteral("</strong> &mdash; ") + scopeDescription(granted) +
             QStringLiteral("</p>"));
    if (granted != request.scope)
        page.add(QStringLiteral("<p id=\"scope-capped\">The application asked for ") +
                 request.scope.toHtmlEscaped() +
                 QStringLiteral(", which is more than your own permissions; it gets ") + granted +
                 QStringLiteral(" instead.</p>"));
    page.add(
        QStringLiteral("<form id=\"consent-form\" method=\"post\" action=\"") + context.baseUrl() +
        kConsentPath + QStringLiteral("\">") + fields +
        QStringLiteral(
            "<button type=\"submit\" id=\"approve\" name=\"approve\" value=\"Allow\">Allow</button>"
            "<button type=\"submit\" id=\"deny\" name=\"deny\" "
            "value=\"Deny\">Deny</button></form>"));
    SimResponse response = page.response(200);
    return noStore(response);
}

QString issueCode(RequestContext &context, const AuthorizationRequest &request,
                  const QString &scope)
{
    const QString code = crypto::randomBase64Url(32);
    // RFC 7636: a challenge without a method is a plain challenge.
    const QString method = request.codeChallenge.isEmpty() ? QString()
                                                           : (request.codeChallengeMethod.isEmpty()
                                                                  ? QStringLiteral("plain")
                                                                  : request.codeChallengeMethod);
    const auto nullable = [](const QString &value) {
        return value.isEmpty() ? QVariant() : QVariant(value);
    };
    context.store().exec(
        QStringLiteral(
            "INSERT INTO oauth2_codes (code, client_id, user_name, redirect_uri, scope,"
            " code_challenge, code_challenge_method, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        {crypto::sha256Hex(code.toLatin1()), request.clientId, context.caller.userName,
         request.redirectUri, scope, nullable(request.codeChallenge), nullable(method),
         context.nowMs() + kCodeLifetimeMs});
    return code;
}

SimResponse consentSubmit(RequestContext &context)
{
    const AuthorizationRequest request = fromForm(context.request);
    const auto user = context.user();
    if (!user)
        return toLogin(context, request);
    if (context.request.formValue(QStringLiteral("atl_token")) != context.xsrfToken())
        return html::Page(QStringLiteral("XSRF Security Token Missing"))
            .add(QStringLiteral("<p id=\"xsrf-error\">Xsrf token validation failed.</p>"))
            .response(403);
    const Verdict verdict = validate(context.store(), request);
    if (!verdict.ok())
        return redirectTo(302, errorUrl(context, verdict));

    Parameters answer;
    if (context.request.formFields().hasQueryItem(QStringLiteral("approve"))) {
        const QString granted = lowerScope(request.scope, userLevel(*user));
        answer.append({QStringLiteral("code"), issueCode(context, request, granted)});
    } else {
        answer.append({QStringLiteral("error"), QStringLiteral("access_denied")});
    }
    if (!request.state.isEmpty())
        answer.append({QStringLiteral("state"), request.state});
    return redirectTo(302, withQuery(request.redirectUri, answer));
}

SimResponse errorPage(RequestContext &context)
{
    const QString name = queryParam(context.request, QStringLiteral("errorName"));
    const QString description = queryParam(context.request, QStringLiteral("errorDescription"));
    html::Page page(QStringLiteral("Authorization failed - ") + context.config().serverTitle);
    page.add(QStringLiteral("<h1>The application's request could not be authorized</h1>"
                            "<p>Error: <code id=\"error-name\">") +
             name.toHtmlEscaped() + QStringLiteral("</code></p><p id=\"error-description\">") +
             description.toHtmlEscaped() + QStringLiteral("</p>"));
    SimResponse response = page.response(200);
    return noStore(response);
}

} // namespace

void registerAuthorization(Router &router)
{
    // Anonymous callers are allowed: the consent servlet sends them to the login page.
    router.add("GET", QStringLiteral("/rest/oauth2/latest/authorize"), authorize);
    router.add("GET", kConsentPath, consentPage);
    router.add("POST", kConsentPath, consentSubmit);
    router.add("GET", kErrorPath, errorPage);
}

} // namespace trackersim::routes::oauth2
