#pragma once

#include "SimRequest.h"
#include "SimResponse.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace trackersim {

class RequestContext;

// What the pipeline must check before a handler runs (spec 1.5–1.7).
struct RouteOptions
{
    bool webSudo = false;      // @WebSudoRequired: session callers need a secure admin session
    bool xsrfExcluded = false; // @XsrfProtectionExcluded (OAuth 2.0 token/revoke/well-known)
};

using Handler = std::function<SimResponse(RequestContext &)>;
// Answers a request exactly once. An asynchronous handler may call it after it returned, e.g.
// when a remote application replied; the server's event loop keeps serving meanwhile.
using Responder = std::function<void(SimResponse)>;
// The context stays alive for as long as the handler holds on to it.
using AsyncHandler = std::function<void(const std::shared_ptr<RequestContext> &, Responder)>;

// Maps "METHOD /path/{param}/..." to handlers. A {name} segment matches one path segment; a
// trailing {name+} matches the rest of the path.
class Router final
{
public:
    struct Route
    {
        QByteArray method;
        QStringList segments;
        Handler handler;           // set for routes that answer at once
        AsyncHandler asyncHandler; // set for routes that answer later
        RouteOptions options;
    };

    struct Match
    {
        const Route *route = nullptr;
        QHash<QString, QString> params;
        bool pathExists = false; // another method would have matched: answer 405, not 404
    };

    void add(const QByteArray &method, const QString &pattern, Handler handler,
             RouteOptions options = {});
    void addAsync(const QByteArray &method, const QString &pattern, AsyncHandler handler,
                  RouteOptions options = {});
    Match match(const QByteArray &method, const QString &path) const;

private:
    static bool matchSegments(const QStringList &pattern, const QStringList &path,
                              QHash<QString, QString> *params);
    QList<Route> m_routes;
};

} // namespace trackersim
