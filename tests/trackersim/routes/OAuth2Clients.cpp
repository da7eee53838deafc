#include "OAuth2Support.h"

#include "auth/Crypto.h"
#include "http/ErrorBodies.h"
#include "http/RequestContext.h"
#include "http/Router.h"
#include "store/Store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <QUuid>

// OAuth 2.0 client (incoming link) management, sysadmin only (spec 6.1).
namespace trackersim::routes::oauth2 {

namespace {

constexpr qsizetype kMaxNameLength = 255;
constexpr qsizetype kMaxRedirectLength = 450;

QJsonObject clientJson(const QVariantMap &row)
{
    return {{QStringLiteral("id"), row.value(QStringLiteral("id")).toString()},
            {QStringLiteral("clientId"), row.value(QStringLiteral("client_id")).toString()},
            {QStringLiteral("clientSecret"), row.value(QStringLiteral("client_secret")).toString()},
            {QStringLiteral("name"), row.value(QStringLiteral("name")).toString()},
            {QStringLiteral("redirects"), QJsonArray::fromStringList(redirectsOf(row))},
            {QStringLiteral("userKey"), row.value(QStringLiteral("user_key")).toString()},
            {QStringLiteral("scope"), row.value(QStringLiteral("scope")).toString()}};
}

SimResponse notFound(const QString &id)
{
    return errors::oauth2Management(404, {QString(QStringLiteral("Client with ID [") + id +
                                                  QStringLiteral("] could not be found."))});
}

std::optional<QVariantMap> clientById(const Store &store, const QString &id)
{
    return store.one(QStringLiteral("SELECT * FROM oauth2_clients WHERE id = ?"), {id});
}

// Collects RestErrorCollection's fieldErrors: {field: [messages]}.
class FieldErrors final
{
public:
    void add(const QString &field, const QString &message)
    {
        QJsonArray messages = m_fields.value(field).toArray();
        if (!messages.contains(message))
            messages.append(message);
        m_fields.insert(field, messages);
    }
    bool isEmpty() const { return m_fields.isEmpty(); }
    SimResponse response() const { return errors::oauth2Management(400, {}, m_fields); }

private:
    QJsonObject m_fields;
};

void checkName(const Store &store, const QString &name, const QString &ownId, FieldErrors &problems)
{
    const QString field = QStringLiteral("name");
    if (name.isEmpty())
        problems.add(field, QStringLiteral("Name cannot be blank."));
    else if (name.size() > kMaxNameLength)
        problems.add(field, QStringLiteral("Name cannot be longer than 255 characters."));
    else if (store.one(
                 QStringLiteral(
                     "SELECT 1 FROM oauth2_clients WHERE lower(name) = lower(?) AND id IS NOT ?"),
                 {name, ownId}))
        problems.add(field, QStringLiteral("A client with this name already exists."));
}

QString redirectProblem(const QString &redirect)
{
    if (redirect.size() > kMaxRedirectLength)
        return QStringLiteral("Redirect URL cannot be longer than 450 characters.");
    const QUrl url(redirect, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return QStringLiteral("Redirect URL must be a valid absolute URL.");
    if (url.hasFragment())
        return QStringLiteral("Redirect URL cannot contain a fragment.");
    const QString scheme = url.scheme().toLower();
    const QString host = url.host().toLower();
    // Plain HTTP is allowed for loopback redirects unless disallow.localhost.redirect is set.
    const bool loopback = host == QLatin1String("localhost") || host == QLatin1String("127.0.0.1");
    if (scheme == QLatin1String("https") || (scheme == QLatin1String("http") && loopback))
        return {};
    return QStringLiteral(
        "Redirect URL must use HTTPS (plain HTTP is allowed for localhost only).");
}

QStringList checkRedirects(const QJsonValue &value, FieldErrors &problems)
{
    const QString field = QStringLiteral("redirects");
    QStringList redirects;
    if (!value.isArray() || value.toArray().isEmpty()) {
        problems.add(field, QStringLiteral("At least one redirect URL is required."));
        return redirects;
    }
    for (const QJsonValue &entry : value.toArray()) {
        const QString redirect = entry.toString().trimmed();
        const QString problem = entry.isString()
                                    ? redirectProblem(redirect)
                                    : QStringLiteral("Redirect URL must be a valid absolute URL.");
        if (!problem.isEmpty())
            problems.add(field, problem);
        redirects.append(redirect);
    }
    return redirects;
}

void checkScope(const QString &scope, FieldErrors &problems)
{
    if (scopeRank(scope) == 0)
        problems.add(QStringLiteral("scope"),
                     QStringLiteral("Scope must be one of READ, WRITE, ADMIN, SYSTEM_ADMIN."));
}

QString redirectsText(const QStringList &redirects)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(redirects)).toJson(QJsonDocument::Compact));
}

std::optional<QJsonObject> bodyObject(RequestContext &context)
{
    bool ok = false;
    const QJsonDocument document = context.request.jsonBody(&ok);
    if (!ok || !document.isObject())
        return std::nullopt;
    return document.object();
}

SimResponse badBody()
{
    return errors::oauth2Management(400,
                                    {QStringLiteral("The request body must be a JSON object.")});
}

SimResponse listClients(RequestContext &context)
{
    if (auto refusal = refuseUnlessSysadmin(context))
        return *refusal;
    QJsonArray clients;
    for (const QVariantMap &row : context.store().all(
             QStringLiteral("SELECT * FROM oauth2_clients ORDER BY created_at, name")))
        clients.append(clientJson(row));
    return SimResponse::json(200, clients);
}

SimResponse getClient(RequestContext &context)
{
    if (auto refusal = refuseUnlessSysadmin(context))
        return *refusal;
    const QString id = context.request.pathParam(QStringLiteral("id"));
    const auto row = clientById(context.store(), id);
    return row ? SimResponse::json(200, clientJson(*row)) : notFound(id);
}

SimResponse createClient(RequestContext &context)
{
    if (auto refusal = refuseUnlessSysadmin(context))
        return *refusal;
    const auto body = bodyObject(context);
    if (!body)
        return badBody();
    FieldErrors problems;
    const QString name = body->value(QStringLiteral("name")).toString().trimmed();
    const QString scope = body->value(QStringLiteral("scope")).toString().trimmed();
    checkName(context.store(), name, QString(), problems);
    const QStringList redirects =
        checkRedirects(body->value(QStringLiteral("redirects")), problems);
    checkScope(scope, problems);
    if (!problems.isEmpty())
        return problems.response();

    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    context.store().exec(
        QStringLiteral("INSERT INTO oauth2_clients (id, client_id, client_secret, name, redirects,"
                       " user_key, scope, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        {id, crypto::randomHex(16), crypto::randomHex(32), name, redirectsText(redirects),
         context.user()->key, scope, context.nowMs()});
    const auto created = clientById(context.store(), id);
    if (!created)
        return errors::oauth2Management(500, {QStringLiteral("The client could not be stored.")});
    // 200, not 201: ClientResource returns the entity with Response.ok (spec 6.1).
    return SimResponse::json(200, clientJson(*created));
}

SimResponse updateClient(RequestContext &context)
{
    if (auto refusal = refuseUnlessSysadmin(context))
        return *refusal;
    const QString id = context.request.pathParam(QStringLiteral("id"));
    const auto row = clientById(context.store(), id);
    if (!row)
        return notFound(id);
    const auto body = bodyObject(context);
    if (!body)
        return badBody();

    // Partial update: a blank name or scope and an empty redirect list keep the stored value.
    FieldErrors problems;
    QString name = body->value(QStringLiteral("name")).toString().trimmed();
    QString scope = body->value(QStringLiteral("scope")).toString().trimmed();
    const QJsonValue redirectsValue = body->value(QStringLiteral("redirects"));
    QStringList redirects = redirectsOf(*row);
    if (!name.isEmpty())
        checkName(context.store(), name, id, problems);
    else
        name = row->value(QStringLiteral("name")).toString();
    if (!scope.isEmpty())
        checkScope(scope, problems);
    else
        scope = row->value(QStringLiteral("scope")).toString();
    if (redirectsValue.isArray() && !redirectsValue.toArray().isEmpty())
        redirects = checkRedirects(redirectsValue, problems);
    if (!problems.isEmpty())
        return problems.response();

    context.store().exec(
        QStringLiteral("UPDATE oauth2_clients SET name = ?, redirects = ?, scope = ? WHERE id = ?"),
        {name, redirectsText(redirects), scope, id});
    return SimResponse::noContent();
}

SimResponse deleteClient(RequestContext &context)
{
    if (auto refusal = refuseUnlessSysadmin(context))
        return *refusal;
    const QString id = context.request.pathParam(QStringLiteral("id"));
    const auto row = clientById(context.store(), id);
    if (!row)
        return notFound(id);
    // Removing the incoming link ends every authorisation made through it.
    const QString clientId = row->value(QStringLiteral("client_id")).toString();
    Store &store = context.store();
    store.transaction();
    store.exec(QStringLiteral("DELETE FROM oauth2_codes WHERE client_id = ?"), {clientId});
    store.exec(QStringLiteral("DELETE FROM oauth2_tokens WHERE client_id = ?"), {clientId});
    store.exec(QStringLiteral("DELETE FROM oauth2_clients WHERE id = ?"), {id});
    store.commit();
    return SimResponse::json(200, clientJson(*row));
}

SimResponse resetSecret(RequestContext &context)
{
    if (auto refusal = refuseUnlessSysadmin(context))
        return *refusal;
    const QString clientId = context.request.pathParam(QStringLiteral("clientId"));
    if (!clientByClientId(context.store(), clientId))
        return notFound(clientId);
    context.store().exec(
        QStringLiteral("UPDATE oauth2_clients SET client_secret = ? WHERE client_id = ?"),
        {crypto::randomHex(32), clientId});
    return SimResponse::json(200, clientJson(*clientByClientId(context.store(), clientId)));
}

} // namespace

void registerClients(Router &router)
{
    const QString base = QStringLiteral("/rest/oauth2/latest/client");
    router.add("GET", base, listClients);
    router.add("POST", base, createClient);
    router.add("GET", base + QStringLiteral("/{id}"), getClient);
    router.add("PUT", base + QStringLiteral("/{id}"), updateClient);
    router.add("DELETE", base + QStringLiteral("/{id}"), deleteClient);
    // The only client resource addressed by clientId rather than id (spec 6.1).
    router.add("PUT", base + QStringLiteral("/reset/{clientId}"), resetSecret);
}

} // namespace trackersim::routes::oauth2
