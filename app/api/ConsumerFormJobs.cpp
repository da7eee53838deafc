#include "api/ConsumerFormJobs.h"

#include <QUrl>
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

bool DisableIncomingConsumerByForm::isSuccess(const RawReply &reply) const
{
    if (reply.isSuccess())
        return true;
    // Back to its own form: the servlet's usual answer. A redirect anywhere else (the login page)
    // is not.
    const QUrl location(QString::fromUtf8(reply.header("location")));
    return (reply.status == 302 || reply.status == 303) &&
           location.path(QUrl::FullyEncoded).endsWith(build(m_linkId).path);
}

} // namespace accessdesk
