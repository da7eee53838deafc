#include "api/AppLinkFormJobs.h"

#include <QJsonObject>

namespace accessdesk {

CreateAppLinkForm::CreateAppLinkForm(ServerConnection *connection, AppLinkFormRequest request,
                                     QObject *parent)
    : DecodingJob(connection, parent)
    , m_request(std::move(request))
{}

CreateAppLinkForm::~CreateAppLinkForm()
{
    // This job's own copy of the password does not outlive it. (The bytes Qt's network stack
    // copied for sending are beyond its reach.)
    m_request.remotePassword.fill(QChar(0));
    m_request.remotePassword.clear();
}

ApiRequest CreateAppLinkForm::build(const AppLinkFormRequest &request)
{
    const AppLinkDraft &link = request.link;
    const QJsonObject application{{QStringLiteral("typeId"), link.typeId},
                                  {QStringLiteral("name"), link.name},
                                  {QStringLiteral("rpcUrl"), link.rpcUrl},
                                  {QStringLiteral("displayUrl"), link.displayUrl},
                                  {QStringLiteral("isPrimary"), link.primary}};
    QJsonObject body{
        {QStringLiteral("applicationLink"), application},
        {QStringLiteral("createTwoWayLink"), request.createTwoWayLink},
        {QStringLiteral("customRpcURL"), !request.localUrlForRemote.isEmpty()},
        // Trusted Applications are deprecated (spec 3.2): AccessDesk never asks for them.
        {QStringLiteral("configFormValues"),
         QJsonObject{{QStringLiteral("trustEachOther"), false},
                     {QStringLiteral("shareUserbase"), request.shareUserbase}}}};
    if (!request.localUrlForRemote.isEmpty())
        body.insert(QStringLiteral("rpcUrl"), request.localUrlForRemote);
    if (request.createTwoWayLink) {
        body.insert(QStringLiteral("username"), request.remoteUser);
        body.insert(QStringLiteral("password"), request.remotePassword);
    }
    return ApiRequest::json("POST",
                            QStringLiteral("/rest/applinks/1.0/applicationlinkForm/createAppLink"),
                            QJsonDocument(body));
}

Decoded<CreatedAppLinkForm> CreateAppLinkForm::decodeBody(const RawReply &reply) const
{
    return decodeCreatedAppLinkForm(reply.body);
}

} // namespace accessdesk
