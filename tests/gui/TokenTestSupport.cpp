#include "TokenTestSupport.h"

#include "GuiTestSupport.h"
#include "SimClient.h"
#include "services/AdminTokenController.h"

#include <QJsonDocument>

namespace accessdesk {

ConnectionSettings withoutRetries()
{
    ConnectionSettings settings;
    settings.maxAttempts = 1;
    return settings;
}

std::optional<QJsonArray> allTokensOnServer(const SimClient &server)
{
    QJsonArray all;
    for (int page = 0;; ++page) {
        const QJsonObject body{{QStringLiteral("page"), page}, {QStringLiteral("limit"), 1000}};
        const HttpResult result =
            server.sendJson("POST", QStringLiteral("/rest/pat/latest/tokens/search"),
                            QJsonDocument(body).toJson(QJsonDocument::Compact), "admin");
        if (result.status != 200)
            return std::nullopt;
        const QJsonObject answer = QJsonDocument::fromJson(result.body).object();
        const QJsonArray values = answer.value(QStringLiteral("values")).toArray();
        for (const QJsonValue &token : values)
            all.append(token);
        if (answer.value(QStringLiteral("isLastPage")).toBool() || values.isEmpty())
            return all;
    }
}

QDateTime timeOf(const QJsonObject &token, const char *field)
{
    const QString text = token.value(QLatin1String(field)).toString();
    return text.isEmpty() ? QDateTime() : QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
}

QString ownerNameOf(const QJsonObject &token)
{
    return token.value(QStringLiteral("userProfileResource"))
        .toObject()
        .value(QStringLiteral("username"))
        .toString();
}

bool waitSearchEnded(AdminTokenController *controller)
{
    return waitUntil(controller, &AdminTokenController::changed,
                     [controller] { return !controller->isSearching(); });
}

} // namespace accessdesk
