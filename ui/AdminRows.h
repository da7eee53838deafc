#pragma once

#include "AdminTableModel.h"
#include "AppLink.h"
#include "OAuth2Client.h"
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
    enum LinkColumn {
        LinkName,
        LinkType,
        LinkStatus, // health
        LinkPrimary,
        LinkSystem,
        LinkIncoming,
        LinkOutgoing,
        LinkUrl, // the display URL
        LinkRpcUrl,
        LinkColumnCount
    };
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

    static QStringList linkHeaders();
    static QStringList consumerHeaders();
    static QStringList clientHeaders();

    // The real links with their OAuth levels and health; OAuth 2.0 pseudo-links (those the
    // listing tells apart, and links with an id in oauth2ClientIds) are left out.
    static QList<AdminRow> links(const AppLinksController &links,
                                 const QSet<QString> &oauth2ClientIds);
    static QList<AdminRow> consumers(const QList<AdminConsumer> &consumers);
    static QList<AdminRow> clients(const QList<OAuth2Client> &clients);

    static QString typeLabel(const QString &typeId);
    static QString statusText(const AppLinkStatus &status);
    // "OAuth with impersonation", "Off", …: one direction of a link's OAuth in a few words.
    static QString oauthText(const OAuthConfig &config);
    // The health column: a few words for the last check (or "Checking…").
    static QString healthText(const AppLinkHealthRecord *record, bool checking);
};

} // namespace accessdesk
