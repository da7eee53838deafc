#include "AppLinkModel.h"
#include "OAuth1Provider.h"

#include "auth/Sessions.h"
#include "http/HtmlPage.h"
#include "http/RequestContext.h"
#include "http/Router.h"

#include <QMap>
#include <QUrl>

// The applinks admin form that adds or removes a link's incoming consumer
// (AddConsumerManuallyServlet, spec 4.1): the only way to remove one without deleting the link.
namespace trackersim::routes::oauth1sp {

namespace {

const QString kServletPath =
    QStringLiteral("/plugins/servlet/applinks/auth/conf/oauth/add-consumer-manually/");

struct Form
{
    bool enabled = true;
    QString key;
    QString name;
    QString description;
    QString publicKey;
    QString callback;
    bool twoLOAllowed = false;
    QString executingTwoLOUser;
    bool twoLOImpersonationAllowed = false;
    QMap<QString, QString> errors; // form field → message
    QString message;
};

QString field(const RequestContext &context, const QString &name)
{
    return parameter(context, name).value_or(QString());
}

bool isTrue(const QString &text)
{
    return text.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0; // Boolean.parseBoolean
}

QString input(const Form &form, const QString &name, const QString &label, const QString &value,
              bool multiLine = false)
{
    QString markup = QStringLiteral("<div class=\"field-group\"><label for=\"") + name +
                     QStringLiteral("\">") + label + QStringLiteral("</label>");
    markup += multiLine ? QStringLiteral("<textarea id=\"") + name + QStringLiteral("\" name=\"") +
                              name + QStringLiteral("\">") + value.toHtmlEscaped() +
                              QStringLiteral("</textarea>")
                        : QStringLiteral("<input type=\"text\" id=\"") + name +
                              QStringLiteral("\" name=\"") + name + QStringLiteral("\" value=\"") +
                              value.toHtmlEscaped() + QStringLiteral("\">");
    if (form.errors.contains(name))
        markup += QStringLiteral("<div class=\"error\" data-field=\"") + name +
                  QStringLiteral("\">") + form.errors.value(name).toHtmlEscaped() +
                  QStringLiteral("</div>");
    return markup + QStringLiteral("</div>");
}

QString checkbox(const QString &name, const QString &label, bool checked)
{
    return QStringLiteral("<div class=\"checkbox\"><input type=\"checkbox\" id=\"") + name +
           QStringLiteral("\" name=\"") + name + QStringLiteral("\" value=\"true\"") +
           (checked ? QStringLiteral(" checked") : QString()) + QStringLiteral("><label for=\"") +
           name + QStringLiteral("\">") + label + QStringLiteral("</label></div>");
}

SimResponse formPage(const RequestContext &context, const applinks::AppLink &link, const Form &form)
{
    const QString &linkId = link.id;
    html::Page page(QStringLiteral("Incoming Authentication - ") + context.config().serverTitle);
    page.add(QStringLiteral("<h1>OAuth: incoming authentication for <span id=\"link-name\">") +
             link.name.toHtmlEscaped() + QStringLiteral("</span></h1>"));
    if (!form.message.isEmpty())
        page.add(QStringLiteral("<div class=\"aui-message success\" id=\"consumer-message\">") +
                 form.message.toHtmlEscaped() + QStringLiteral("</div>"));
    if (form.errors.contains(QStringLiteral("oauth-incoming-enabled")))
        page.add(QStringLiteral("<div class=\"error\" data-field=\"oauth-incoming-enabled\">") +
                 form.errors.value(QStringLiteral("oauth-incoming-enabled")).toHtmlEscaped() +
                 QStringLiteral("</div>"));
    page.add(QStringLiteral("<form id=\"add-consumer-manually\" method=\"post\" action=\"") +
             context.baseUrl() + kServletPath + linkId +
             QStringLiteral("\"><input type=\"hidden\" name=\"atl_token\" value=\"") +
             context.xsrfToken().toHtmlEscaped() +
             QStringLiteral(
                 "\"><input type=\"hidden\" name=\"oauth-incoming-enabled\" value=\"true\">"));
    page.add(
        input(form, QStringLiteral("key"), QStringLiteral("Consumer Key"), form.key) +
        input(form, QStringLiteral("consumerName"), QStringLiteral("Consumer Name"), form.name) +
        input(form, QStringLiteral("description"), QStringLiteral("Description"), form.description,
              true) +
        input(form, QStringLiteral("publicKey"), QStringLiteral("Public Key"), form.publicKey,
              true) +
        input(form, QStringLiteral("callback"), QStringLiteral("Consumer Callback URL"),
              form.callback) +
        checkbox(QStringLiteral("two-lo-enabled"), QStringLiteral("Allow 2-Legged OAuth"),
                 form.twoLOAllowed) +
        input(form, QStringLiteral("two-lo-execute-as"), QStringLiteral("Execute as"),
              form.executingTwoLOUser) +
        checkbox(QStringLiteral("two-lo-impersonation-enabled"),
                 QStringLiteral("Allow user impersonation through 2-Legged OAuth"),
                 form.twoLOImpersonationAllowed) +
        QStringLiteral("<input type=\"submit\" id=\"update-consumer\" value=\"Update\"></form>"));
    page.add(
        QStringLiteral("<form id=\"remove-consumer\" method=\"post\" action=\"") +
        context.baseUrl() + kServletPath + linkId +
        QStringLiteral("\"><input type=\"hidden\" name=\"atl_token\" value=\"") +
        context.xsrfToken().toHtmlEscaped() +
        QStringLiteral("\"><input type=\"hidden\" name=\"oauth-incoming-enabled\" value=\"false\">"
                       "<input type=\"submit\" value=\"Disable incoming OAuth\"></form>"));
    return page.response(200);
}

SimResponse messagePage(const QString &title, const QString &message, int status)
{
    return html::Page(title)
        .add(QStringLiteral("<div class=\"aui-message error\" id=\"servlet-error\">") +
             message.toHtmlEscaped() + QStringLiteral("</div>"))
        .response(status);
}

// AbstractApplinksServlet and WebSudoManager, in their order: login, administrator, secure session.
std::optional<SimResponse> gate(RequestContext &context)
{
    if (context.caller.isAnonymous())
        return redirectToLogin(context);
    // The servlet renders its "no admin privileges" page; trackersim sends it as 401 (trackersim's
    // choice).
    if (!context.isAdmin())
        return messagePage(
            QStringLiteral("Access Denied"),
            QStringLiteral("You must be an administrator to configure application links."), 401);
    // Like the REST pipeline, only cookie sessions need websudo (trackersim's choice for servlets).
    if (context.caller.kind != AuthKind::Session || !context.config().webSudo)
        return std::nullopt;
    const auto session = sessions::find(context.store(), context.caller.sessionId);
    if (!session || session->webSudoUntilMs <= context.nowMs()) {
        return SimResponse::redirect(
            302, context.baseUrl() +
                     QStringLiteral("/secure/admin/WebSudoAuthenticate.jspa?webSudoDestination=") +
                     QString::fromLatin1(QUrl::toPercentEncoding(pathAndQuery(context))));
    }
    sessions::grantWebSudo(context.store(), session->id,
                           context.nowMs() + context.config().webSudoTimeoutSeconds * 1000LL);
    return std::nullopt;
}

std::optional<applinks::AppLink> linkOf(RequestContext &context)
{
    return applinks::find(context.store(), context.request.pathParam(QStringLiteral("id")));
}

SimResponse linkMissing()
{
    // The servlet's NotFoundException; its status is not certain, trackersim answers 404.
    return messagePage(QStringLiteral("Not Found"),
                       QStringLiteral("The application link does not exist."), 404);
}

SimResponse showForm(RequestContext &context)
{
    if (auto refusal = gate(context))
        return *refusal;
    const auto link = linkOf(context);
    if (!link)
        return linkMissing();
    Form form;
    form.message = context.request.queryValue(QStringLiteral("message"));
    if (const auto consumer = incomingConsumerOf(context.store(), link->id)) {
        form.key = consumer->key;
        form.name = consumer->name;
        form.description = consumer->description;
        form.publicKey = consumer->publicKey;
        form.callback = consumer->callback;
        form.twoLOAllowed = consumer->twoLOAllowed;
        form.executingTwoLOUser = consumer->executingTwoLOUser;
        form.twoLOImpersonationAllowed = consumer->twoLOImpersonationAllowed;
    }
    return formPage(context, *link, form);
}

Form readForm(RequestContext &context)
{
    Form form;
    form.key = field(context, QStringLiteral("key")).trimmed();
    form.name = field(context, QStringLiteral("consumerName")).trimmed();
    form.description = field(context, QStringLiteral("description"));
    form.publicKey = field(context, QStringLiteral("publicKey"));
    form.callback = field(context, QStringLiteral("callback")).trimmed();
    form.twoLOAllowed = isTrue(field(context, QStringLiteral("two-lo-enabled")));
    form.executingTwoLOUser = field(context, QStringLiteral("two-lo-execute-as")).trimmed();
    form.twoLOImpersonationAllowed =
        isTrue(field(context, QStringLiteral("two-lo-impersonation-enabled")));
    if (form.key.isEmpty())
        form.errors.insert(QStringLiteral("key"), QStringLiteral("Please enter a consumer key."));
    if (form.name.isEmpty())
        form.errors.insert(QStringLiteral("consumerName"),
                           QStringLiteral("Please enter a consumer name."));
    if (form.twoLOAllowed && form.executingTwoLOUser.isEmpty())
        form.errors.insert(QStringLiteral("two-lo-execute-as"),
                           QStringLiteral("Please enter an existing user name."));
    else if (form.twoLOAllowed && !users::find(context.store(), form.executingTwoLOUser))
        form.errors.insert(QStringLiteral("two-lo-execute-as"),
                           QStringLiteral("Please enter an existing user name."));
    return form;
}

// getCallbackUri: the servlet appends a trailing slash, then wants an absolute http(s) URI.
QString checkedCallback(Form *form)
{
    if (form->callback.isEmpty())
        return {};
    const QString callback = form->callback.endsWith(QLatin1Char('/'))
                                 ? form->callback
                                 : form->callback + QLatin1Char('/');
    const QUrl url(callback, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        form->errors.insert(
            QStringLiteral("callback"),
            QStringLiteral("The callback URL must be an absolute http or https URL."));
    return callback;
}

SimResponse backToForm(const RequestContext &context, const QString &linkId, const QString &message)
{
    return SimResponse::redirect(302, context.baseUrl() + kServletPath + linkId +
                                          QStringLiteral("?message=") +
                                          QString::fromLatin1(QUrl::toPercentEncoding(message)));
}

SimResponse submitForm(RequestContext &context)
{
    const bool optedOut = context.request.header("x-atlassian-token") == "no-check";
    if (!optedOut && field(context, QStringLiteral("atl_token")) != context.xsrfToken()) {
        return html::Page(QStringLiteral("XSRF Security Token Missing"))
            .add(QStringLiteral("<div class=\"aui-message warning\" id=\"xsrf-missing\">The form's "
                                "security token is missing or"
                                " invalid. Go back, reload the page and submit it again.</div>"))
            .response(200);
    }
    if (auto refusal = gate(context))
        return *refusal;
    const auto link = linkOf(context);
    if (!link)
        return linkMissing();
    const QString linkId = link->id;

    const QString enabled = field(context, QStringLiteral("oauth-incoming-enabled"));
    if (enabled.trimmed().isEmpty()) {
        Form form;
        form.errors.insert(QStringLiteral("oauth-incoming-enabled"),
                           QStringLiteral("Please choose whether incoming OAuth is enabled."));
        return formPage(context, *link, form);
    }
    if (!isTrue(enabled)) {
        removeIncomingConsumer(context.store(), linkId);
        return backToForm(context, linkId, QStringLiteral("Incoming OAuth has been disabled."));
    }

    Form form = readForm(context);
    if (form.twoLOAllowed && !context.isSysadmin())
        return messagePage(QStringLiteral("Forbidden"),
                           QStringLiteral("Only system administrators may allow 2-legged OAuth."),
                           403);
    bool validKey = false;
    Consumer consumer;
    consumer.publicKey = oauth1::normalisePublicKey(form.publicKey, &validKey);
    if (form.publicKey.trimmed().isEmpty())
        form.errors.insert(QStringLiteral("publicKey"),
                           QStringLiteral("Please enter the consumer's public key."));
    else if (!validKey)
        form.errors.insert(QStringLiteral("publicKey"),
                           QStringLiteral("The public key is not a valid RSA public key."));
    consumer.callback = checkedCallback(&form);
    if (!form.errors.isEmpty())
        return formPage(context, *link, form);

    consumer.key = form.key;
    consumer.linkId = linkId;
    consumer.name = form.name;
    consumer.description = form.description;
    consumer.twoLOAllowed = form.twoLOAllowed;
    consumer.executingTwoLOUser = form.twoLOAllowed ? form.executingTwoLOUser : QString();
    consumer.twoLOImpersonationAllowed = form.twoLOImpersonationAllowed;
    putConsumer(context.store(), consumer, context.nowMs());
    return backToForm(context, linkId, QStringLiteral("Incoming OAuth has been enabled."));
}

} // namespace

void registerConsumerServlet(Router &router)
{
    router.add("GET", kServletPath + QStringLiteral("{id}"), showForm);
    router.add("POST", kServletPath + QStringLiteral("{id}"), submitForm);
}

} // namespace trackersim::routes::oauth1sp
