#pragma once

#include "AppLinkFormDecoders.h"
#include "api/AppLinkJobs.h"
#include "api/DecodingJob.h"

namespace accessdesk {

// What the applinks UI's create wizard sends (spec 3.4 (26)). The remote administrator's
// credentials are used once by the server to create the reciprocal link and set up OAuth on both
// ends; the server does not store them, and neither does AccessDesk.
struct AppLinkFormRequest
{
    AppLinkDraft link; // its id is not sent: the server takes it from the remote's manifest
    bool createTwoWayLink = false;
    QString remoteUser;
    QString remotePassword; // memory only; never logged
    // The URL the remote should use to call this server; empty: the server's own base URL.
    QString localUrlForRemote;
    // OAuth with impersonation on both ends ("same userbase"); system administrators only.
    bool shareUserbase = false;
};

// POST /rest/applinks/1.0/applicationlinkForm/createAppLink. Not websudo-protected. Refusals are
// E3 with `fields`: application-name, application-types, same-userbase (impersonation needs a
// system administrator) and authorization (the remote refused the credentials); 500 when the
// remote end could not be created. A POST: never retried, since a repeat could create twice.
class CreateAppLinkForm final : public DecodingJob<CreatedAppLinkForm>
{
public:
    CreateAppLinkForm(ServerConnection *connection, AppLinkFormRequest request,
                      QObject *parent = nullptr);
    ~CreateAppLinkForm() override;
    static ApiRequest build(const AppLinkFormRequest &request);
    ApiRequest request() const override { return build(m_request); }

protected:
    Decoded<CreatedAppLinkForm> decodeBody(const RawReply &reply) const override;

private:
    AppLinkFormRequest m_request;
};

} // namespace accessdesk
