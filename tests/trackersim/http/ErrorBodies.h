#pragma once

#include "SimRequest.h"
#include "SimResponse.h"

#include <QJsonObject>
#include <QStringList>

// Builders for the nine error body shapes Jira's plugins answer with (spec section 1.4). Each
// feature answers with the shape its real plugin uses, so that a client is tested against all.
namespace trackersim::errors {

// E1, Jira core: {"errorMessages": [...], "errors": {field: message}}
SimResponse jiraCore(int status, const QStringList &messages, const QJsonObject &fieldErrors = {});
// E2, Atlassian REST Status: {"status-code": n, "message": "..."}; XML unless JSON was asked for.
SimResponse restStatus(const SimRequest &request, int status, const QString &message);
// E3, applinks ErrorListEntity: {"status": n, "message": [...], "fields": [...]}
SimResponse appLinksList(int status, const QStringList &messages, const QStringList &fields = {});
// E4, applinks v3 RestErrors: {"status": n, "errors": [{"summary", "context"?, "details"?}]}
SimResponse appLinksV3(int status, const QString &summary, const QString &context = {},
                       const QStringList &details = {});
// E5, personal access tokens: {"exception": "class", "error": "message"}
SimResponse pat(int status, const QString &exceptionClass, const QString &message);
// E6a, OAuth 2.0 client management: {"errors": [...], "fieldErrors": {field: [...]}}
SimResponse oauth2Management(int status, const QStringList &errors,
                             const QJsonObject &fieldErrors = {});
// E6b, RFC 6749: {"error": "code", "error_description": "..."}
SimResponse oauth2Protocol(int status, const QString &error, const QString &description);
// E7, OAuth 1.0a problem: form-encoded body plus WWW-Authenticate.
SimResponse oauth1Problem(const QString &realm, const QString &problem,
                          const QList<QPair<QString, QString>> &extra = {});
QByteArray oauth1Challenge(const QString &realm, const QString &problem);
// E8, XSRF rejection: 403 text/plain "XSRF check failed"
SimResponse xsrfFailed();
// E9, rate limited: {"message": "..."} only when JSON was asked for, else an HTML error page.
SimResponse rateLimited(const SimRequest &request);

} // namespace trackersim::errors
