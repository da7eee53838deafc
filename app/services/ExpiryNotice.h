#pragma once

#include "AccessGrant.h"
#include "services/PersonalTokenCreator.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace accessdesk {

// What is said about grants that expire soon (ExpiryWatch), in whole translated sentences: the
// desktop notification, the banner's lines, and what "Create a replacement" asks the server for.
// Widgets show these texts; they do not compose them.
class ExpiryNotice final
{
    Q_DECLARE_TR_FUNCTIONS(ExpiryNotice)

public:
    // The notification for the grants just announced within a window of windowDays: it names the
    // grant when there is one, else says how many. Empty title and message for no grants.
    static ExpiryNotice forAnnounced(const QList<AccessGrant> &grants, int windowDays);

    // The banner's heading for count grants, and its line for one of them.
    static QString bannerHeading(int count);
    static QString bannerLine(const AccessGrant &grant);

    // A personal access token of the same name that lasts as long as this one did (its expiry
    // minus its creation, in whole days, at least one). nullopt for other kinds of grant and for
    // a token without both dates.
    static std::optional<PersonalTokenCreator::Request> replacementFor(const AccessGrant &grant);

    QString title;
    QString message;
};

} // namespace accessdesk
