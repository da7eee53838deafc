#include "ControlInterface.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace trackersim::control {

SimResponse handle(const SimRequest &request, SimState &state)
{
    if (!request.peer.isLoopback())
        return SimResponse::text(403, "The control interface answers loopback peers only.");
    const QString what = request.path.mid(QStringLiteral("/__trackersim/").size());
    if (what == QLatin1String("health"))
        return SimResponse::json(
            200, QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                             {QStringLiteral("baseUrl"), state.baseUrl},
                             {QStringLiteral("schemaVersion"), state.store.schemaVersion()}});
    if (what == QLatin1String("faults")) {
        if (request.method == "GET")
            return SimResponse::json(200, state.faults.toJson());
        if (request.method == "DELETE") {
            state.faults.clear();
            return SimResponse::noContent();
        }
        if (request.method == "POST") {
            bool ok = false;
            const QJsonDocument document = request.jsonBody(&ok);
            QString error = QStringLiteral("body must be a JSON object");
            const auto fault = ok && document.isObject()
                                   ? Fault::fromJson(document.object(), &error)
                                   : std::nullopt;
            if (!fault)
                return SimResponse::json(400, QJsonObject{{QStringLiteral("error"), error}});
            const int id = state.faults.add(*fault);
            return SimResponse::json(201, QJsonObject{{QStringLiteral("id"), id}});
        }
    }
    if (what.startsWith(QLatin1String("faults/")) && request.method == "DELETE")
        return state.faults.remove(what.mid(7).toInt()) ? SimResponse::noContent()
                                                        : SimResponse::noContent(404);
    if (what == QLatin1String("clock") && request.method == "POST") {
        state.clock.advance(
            request.jsonBody().object().value(QStringLiteral("advanceSeconds")).toInteger());
        return SimResponse::json(
            200, QJsonObject{{QStringLiteral("offsetSeconds"), state.clock.offsetSeconds()}});
    }
    if (what == QLatin1String("rate-limit/reset") && request.method == "POST") {
        state.rateLimiter.reset();
        return SimResponse::noContent();
    }
    return SimResponse::json(
        404, QJsonObject{{QStringLiteral("error"), QStringLiteral("unknown control endpoint")}});
}

} // namespace trackersim::control
