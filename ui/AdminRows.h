#pragma once

#include "AdminTableModel.h"
#include "AppLink.h"
#include "OAuth2Client.h"
#include "PersonalToken.h"
#include "services/AppLinksController.h"
#include "services/ConsumersController.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

namespace accessdesk {

// The columns, rows and details text of each administration list, in plain words. Pure
// functions of the controller's data, so the page only renders them.
class AdminRows final
{
    Q_DECLARE_TR_FUNCTIONS(AdminRows)

public:
    enum LinkColumn { LinkName, LinkType, LinkUrl, LinkPrimary, LinkStatus, LinkColumnCount };
    enum ConsumerColumn {
        ConsumerLink,
        ConsumerKey,
        ConsumerName,
        ConsumerCallback,
        ConsumerPublicKey, // the key's SHA-256 fingerprint, shortened (whole in CSV)
        ConsumerTwoLegged,
        ConsumerColumnCount
    };
    enum ClientColumn { ClientName, ClientId, ClientScope, ClientRedirects, ClientColumnCount };
    enum TokenColumn {
        TokenName,
        TokenOwner,
        TokenCreated,
        TokenExpires,
        TokenLastUsed,
        TokenColumnCount
    };

    static QStringList linkHeaders();
    static QStringList consumerHeaders();
    static QStringList clientHeaders();
    static QStringList tokenHeaders();

    struct LinkStatuses
    {
        const QHash<QString, AppLinkStatus> &statuses;
        const QHash<QString, ApiError> &errors;
        bool checking;
    };
    // oauth2ClientIds: links with these ids are the server's view of OAuth 2.0 clients.
    static QList<AdminRow> links(const QList<AppLink> &links, const LinkStatuses &status,
                                 const QSet<QString> &oauth2ClientIds);
    static QList<AdminRow> consumers(const QList<AdminConsumer> &consumers);
    static QList<AdminRow> clients(const QList<OAuth2Client> &clients);
    static QList<AdminRow> tokens(const QList<PersonalToken> &tokens);

    static QString typeLabel(const QString &typeId);
    static QString statusText(const AppLinkStatus &status);
};

} // namespace accessdesk
