#include "Router.h"

namespace trackersim {

void Router::add(const QByteArray &method, const QString &pattern, Handler handler,
                 RouteOptions options)
{
    Route route{method, pattern.split(QLatin1Char('/'), Qt::SkipEmptyParts), {}, {}, options};
    route.handler = std::move(handler);
    m_routes.append(std::move(route));
}

void Router::addAsync(const QByteArray &method, const QString &pattern, AsyncHandler handler,
                      RouteOptions options)
{
    Route route{method, pattern.split(QLatin1Char('/'), Qt::SkipEmptyParts), {}, {}, options};
    route.asyncHandler = std::move(handler);
    m_routes.append(std::move(route));
}

bool Router::matchSegments(const QStringList &pattern, const QStringList &path,
                           QHash<QString, QString> *params)
{
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QString &segment = pattern.at(i);
        const bool isParam =
            segment.startsWith(QLatin1Char('{')) && segment.endsWith(QLatin1Char('}'));
        if (isParam && segment.endsWith(QLatin1String("+}"))) {
            if (i >= path.size())
                return false;
            params->insert(segment.mid(1, segment.size() - 3), path.mid(i).join(QLatin1Char('/')));
            return true;
        }
        if (i >= path.size())
            return false;
        if (isParam)
            params->insert(segment.mid(1, segment.size() - 2), path.at(i));
        else if (segment != path.at(i))
            return false;
    }
    return pattern.size() == path.size();
}

Router::Match Router::match(const QByteArray &method, const QString &path) const
{
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    Match result;
    for (const Route &route : m_routes) {
        QHash<QString, QString> params;
        if (!matchSegments(route.segments, parts, &params))
            continue;
        const bool methodMatches =
            route.method == method || (method == "HEAD" && route.method == "GET");
        if (!methodMatches) {
            result.pathExists = true;
            continue;
        }
        // Literal segments win over parameters ("primary/{typeId}" before "{id}"): the route
        // list is scanned fully and the one with the most literal segments is kept.
        auto literalCount = [](const Route &r) {
            return std::count_if(r.segments.cbegin(), r.segments.cend(),
                                 [](const QString &s) { return !s.startsWith(QLatin1Char('{')); });
        };
        if (!result.route || literalCount(route) > literalCount(*result.route)) {
            result.route = &route;
            result.params = params;
        }
    }
    return result;
}

} // namespace trackersim
