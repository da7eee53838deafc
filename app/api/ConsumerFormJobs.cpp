#include "api/ConsumerFormJobs.h"

#include <QUrlQuery>

namespace accessdesk {

DisableIncomingConsumerByForm::DisableIncomingConsumerByForm(ServerConnection *connection,
                                                             QString linkId, QObject *parent)
    : StatusOnlyJob(connection, parent)
    , m_linkId(std::move(linkId))
{}

ApiRequest DisableIncomingConsumerByForm::build(const QString &linkId)
{
    QUrlQuery fields;
    fields.addQueryItem(QStringLiteral("oauth-incoming-enabled"), QStringLiteral("false"));
    ApiRequest request = ApiRequest::form(
        "POST",
        QStringLiteral("/plugins/servlet/applinks/auth/conf/oauth/add-consumer-manually/") +
            ApiRequest::encodeSegment(linkId),
        fields);
    // A servlet page, not a REST resource.
    request.accept = "text/html";
    return request;
}

} // namespace accessdesk
