#include "Routes.h"

#include "auth/Sessions.h"
#include "http/ErrorBodies.h"
#include "http/HtmlPage.h"
#include "http/RequestContext.h"
#include "http/Router.h"

#include <QDateTime>
#include <QUrl>

// Cookie sessions (/rest/auth/1/session, the login form) and websudo (spec 1.6, 2.4, 2.5).
namespace trackersim::routes {

namespace {

QString jiraTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz+0000"));
}

QJsonObject loginInfo(RequestContext &context, const QString &user)
{
    const auto stats = context.store().one(
        QStringLiteral("SELECT * FROM login_stats WHERE user_name = ?"), {user});
    QJsonObject info{{QStringLiteral("failedLoginCount"),
                      stats ? stats->value(QStringLiteral("failed_count")).toInt() : 0},
                     {QStringLiteral("loginCount"),
                      stats ? stats->value(QStringLiteral("login_count")).toInt() : 0}};
    if (stats && !stats->value(QStringLiteral("last_failed_at")).isNull())
        info.insert(QStringLiteral("lastFailedLoginTime"),
                    jiraTime(stats->value(QStringLiteral("last_failed_at")).toLongLong()));
    if (stats && !stats->value(QStringLiteral("previous_login_at")).isNull())
        info.insert(QStringLiteral("previousLoginTime"),
                    jiraTime(stats->value(QStringLiteral("previous_login_at")).toLongLong()));
    return info;
}

void recordLogin(RequestContext &context, const QString &user, bool success)
{
    users::recordLogin(context.store(), user, success, context.nowMs());
}

SimResponse sessionLogin(RequestContext &context)
{
    bool ok = false;
    const QJsonObject body = context.request.jsonBody(&ok).object();
    const QString name = body.value(QStringLiteral("username")).toString();
    const QString password = body.value(QStringLiteral("password")).toString();
    if (!ok || name.isEmpty())
        return errors::jiraCore(
            400, {QStringLiteral("Invalid JSON: a username and password are required.")});
    if (!users::passwordMatches(context.store(), name, password)) {
        recordLogin(context, name, false);
        SimResponse response = errors::jiraCore(401, {QStringLiteral("Login failed")});
        response.withHeader("X-Seraph-LoginReason", "AUTHENTICATED_FAILED");
        return response;
    }
    const QString user = users::find(context.store(), name)->name;
    const QJsonObject info = loginInfo(context, user);
    recordLogin(context, user, true);
    const QString id = sessions::create(context.store(), user, context.nowMs());
    context.caller.kind = AuthKind::Session;
    context.caller.userName = user;
    context.caller.sessionId = id;
    SimResponse response = SimResponse::json(
        200, QJsonObject{{QStringLiteral("session"),
                          QJsonObject{{QStringLiteral("name"), QStringLiteral("JSESSIONID")},
                                      {QStringLiteral("value"), id}}},
                         {QStringLiteral("loginInfo"), info}});
    response.withHeader("Set-Cookie", sessions::cookieHeader(id, context.config().contextPath));
    return response;
}

SimResponse sessionCurrent(RequestContext &context)
{
    if (context.caller.isAnonymous())
        return errors::jiraCore(
            401,
            {QStringLiteral(
                "You are not authenticated. Authentication required to perform this operation.")});
    return SimResponse::json(
        200,
        QJsonObject{{QStringLiteral("self"),
                     QString(context.baseUrl() + QStringLiteral("/rest/api/latest/user?username=") +
                             context.caller.userName)},
                    {QStringLiteral("name"), context.caller.userName},
                    {QStringLiteral("loginInfo"), loginInfo(context, context.caller.userName)}});
}

SimResponse sessionLogout(RequestContext &context)
{
    if (context.caller.kind != AuthKind::Session)
        return errors::jiraCore(
            401,
            {QStringLiteral(
                "You are not authenticated. Authentication required to perform this operation.")});
    sessions::destroy(context.store(), context.caller.sessionId);
    SimResponse response = SimResponse::noContent();
    response.withHeader("Set-Cookie", sessions::expiredCookieHeader(context.config().contextPath));
    return response;
}

SimResponse dropWebSudo(RequestContext &context)
{
    if (context.caller.kind == AuthKind::Session)
        sessions::dropWebSudo(context.store(), context.caller.sessionId);
    return SimResponse::noContent();
}

QString safeDestination(const QString &destination)
{
    // Only local paths: an open redirect would be a bug even in a simulator.
    return destination.startsWith(QLatin1Char('/')) && !destination.startsWith(QLatin1String("//"))
               ? destination
               : QString();
}

SimResponse loginForm(RequestContext &context, const QString &error = {})
{
    const QString destination = context.request.queryValue(QStringLiteral("os_destination"));
    html::Page page(QStringLiteral("Log in - ") + context.config().serverTitle);
    if (!error.isEmpty())
        page.add(QStringLiteral("<div class=\"aui-message error\" id=\"login-error\">%1</div>")
                     .arg(error.toHtmlEscaped()));
    page.add(QStringLiteral(
                 "<form id=\"login-form\" method=\"post\" action=\"%1/login.jsp\">"
                 "<input type=\"hidden\" name=\"os_destination\" value=\"%2\">"
                 "<label for=\"login-form-username\">Username</label>"
                 "<input id=\"login-form-username\" name=\"os_username\" type=\"text\">"
                 "<label for=\"login-form-password\">Password</label>"
                 "<input id=\"login-form-password\" name=\"os_password\" type=\"password\">"
                 "<input id=\"login-form-submit\" type=\"submit\" name=\"login\" value=\"Log In\">"
                 "</form>")
                 .arg(context.baseUrl(), destination.toHtmlEscaped()));
    return page.response(error.isEmpty() ? 200 : 401);
}

SimResponse loginPage(RequestContext &context)
{
    return loginForm(context);
}

SimResponse loginSubmit(RequestContext &context)
{
    const QString name = context.request.formValue(QStringLiteral("os_username"));
    const QString password = context.request.formValue(QStringLiteral("os_password"));
    if (!users::passwordMatches(context.store(), name, password)) {
        recordLogin(context, name, false);
        SimResponse response = loginForm(
            context,
            QStringLiteral("Sorry, your username and password are incorrect - please try again."));
        response.withHeader("X-Seraph-LoginReason", "AUTHENTICATED_FAILED");
        return response;
    }
    const QString user = users::find(context.store(), name)->name;
    recordLogin(context, user, true);
    const QString id = sessions::create(context.store(), user, context.nowMs());
    const QString destination =
        safeDestination(context.request.formValue(QStringLiteral("os_destination")));
    SimResponse response = SimResponse::redirect(
        302, context.baseUrl() +
                 (destination.isEmpty() ? QStringLiteral("/secure/Dashboard.jspa") : destination));
    response.withHeader("Set-Cookie", sessions::cookieHeader(id, context.config().contextPath));
    return response;
}

SimResponse dashboard(RequestContext &context)
{
    html::Page page(QStringLiteral("System Dashboard - ") + context.config().serverTitle);
    page.add(context.caller.isAnonymous() ? QStringLiteral("<p>You are not logged in.</p>")
                                          : QStringLiteral("<p id=\"greeting\">Welcome, %1.</p>")
                                                .arg(context.caller.userName.toHtmlEscaped()));
    return page.response(200);
}

SimResponse webSudoForm(RequestContext &context, const QString &error = {})
{
    html::Page page(QStringLiteral("Administrator Access - ") + context.config().serverTitle);
    if (!error.isEmpty())
        page.add(QStringLiteral("<div class=\"aui-message error\" id=\"websudo-error\">%1</div>")
                     .arg(error.toHtmlEscaped()));
    page.add(QStringLiteral("<form id=\"login-form\" method=\"post\" "
                            "action=\"%1/secure/admin/WebSudoAuthenticate.jspa\">"
                            "<input type=\"hidden\" name=\"atl_token\" value=\"%2\">"
                            "<input type=\"hidden\" name=\"webSudoIsPost\" value=\"false\">"
                            "<label for=\"login-form-authenticatePassword\">Password</label>"
                            "<input id=\"login-form-authenticatePassword\" "
                            "name=\"webSudoPassword\" type=\"password\">"
                            "<input type=\"submit\" value=\"Confirm\"></form>")
                 .arg(context.baseUrl(), context.xsrfToken().toHtmlEscaped()));
    return page.response(200);
}

SimResponse webSudoPage(RequestContext &context)
{
    if (context.caller.kind != AuthKind::Session)
        return SimResponse::redirect(
            302, context.baseUrl() +
                     QStringLiteral(
                         "/login.jsp?os_destination=%2Fsecure%2Fadmin%2FWebSudoAuthenticate.jspa"));
    return webSudoForm(context);
}

SimResponse webSudoSubmit(RequestContext &context)
{
    if (context.caller.kind != AuthKind::Session)
        return SimResponse::redirect(302, context.baseUrl() + QStringLiteral("/login.jsp"));
    const QByteArray optOut = context.request.header("x-atlassian-token").toLower();
    if (optOut != "no-check" &&
        context.request.formValue(QStringLiteral("atl_token")) != context.xsrfToken())
        return html::Page(QStringLiteral("XSRF Security Token Missing"))
            .add(QStringLiteral("<p>Xsrf token validation failed.</p>"))
            .response(403);
    const QString password = context.request.formValue(QStringLiteral("webSudoPassword"));
    if (!context.isAdmin() ||
        !users::passwordMatches(context.store(), context.caller.userName, password))
        return webSudoForm(context, QStringLiteral("The password you entered is incorrect."));
    sessions::grantWebSudo(context.store(), context.caller.sessionId,
                           context.nowMs() + context.config().webSudoTimeoutSeconds * 1000LL);
    const QString destination =
        safeDestination(context.request.formValue(QStringLiteral("webSudoDestination")));
    if (!destination.isEmpty())
        return SimResponse::redirect(302, context.baseUrl() + destination);
    return html::Page(QStringLiteral("Administrator Access"))
        .add(QStringLiteral("<p id=\"websudo-granted\">Administrator access granted.</p>"))
        .response(200);
}

} // namespace

void registerAuth(Router &router)
{
    router.add("POST", QStringLiteral("/rest/auth/1/session"), sessionLogin);
    router.add("GET", QStringLiteral("/rest/auth/1/session"), sessionCurrent);
    router.add("DELETE", QStringLiteral("/rest/auth/1/session"), sessionLogout);
    router.add("DELETE", QStringLiteral("/rest/auth/1/websudo"), dropWebSudo);
    router.add("GET", QStringLiteral("/login.jsp"), loginPage);
    router.add("POST", QStringLiteral("/login.jsp"), loginSubmit);
    router.add("GET", QStringLiteral("/secure/Dashboard.jspa"), dashboard);
    router.add("GET", QStringLiteral("/secure/admin/WebSudoAuthenticate.jspa"),
               [](RequestContext &c) { return webSudoPage(c); });
    router.add("POST", QStringLiteral("/secure/admin/WebSudoAuthenticate.jspa"), webSudoSubmit);
}

} // namespace trackersim::routes
