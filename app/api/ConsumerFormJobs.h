#pragma once

#include "api/DecodingJob.h"

// The applinks admin form for a link's incoming consumer (AddConsumerManuallyServlet, spec 4.1):
// not REST, but the only way Jira offers to remove the incoming consumer of a generic link
// without deleting the link. Its full path is inferred from the servlet's constants, so callers
// must check the outcome by reading the consumer back, not trust this job's success.
namespace accessdesk {

// POST /plugins/servlet/applinks/auth/conf/oauth/add-consumer-manually/{linkId} with
// oauth-incoming-enabled=false. The servlet answers with a redirect back to its form (a write's
// redirect is never followed, so that redirect is taken as the answer) or an HTML page; either
// counts as "answered", not as "removed". Websudo applies
// to cookie sessions; the XSRF check passes with the X-Atlassian-Token every write carries.
class DisableIncomingConsumerByForm final : public StatusOnlyJob
{
public:
    DisableIncomingConsumerByForm(ServerConnection *connection, QString linkId,
                                  QObject *parent = nullptr);
    static ApiRequest build(const QString &linkId);
    ApiRequest request() const override { return build(m_linkId); }

protected:
    bool isSuccess(const RawReply &reply) const override;

private:
    QString m_linkId;
};

} // namespace accessdesk
