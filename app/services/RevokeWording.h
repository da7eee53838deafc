#pragma once

#include "AccessGrant.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace accessdesk {

// What revoking means, said for the kind of grant: an application (OAuth 1.0a or 2.0) loses
// access and can then see only public data; a personal access token stops working for whatever
// uses it. Decided here once, so the app's confirmation and the CLI's prompt say the same.
class RevokeWording final
{
    Q_DECLARE_TR_FUNCTIONS(RevokeWording)

public:
    // How many grants a confirmation names before it counts the rest (a long list would push the
    // buttons off the screen); one or two left over are simply named.
    static constexpr qsizetype namedInConfirmation = 10;

    static bool isApplication(const AccessGrant &grant);

    // "Revoke this grant?" or "Revoke these 3 grants?".
    static QString question(const QList<AccessGrant> &grants);
    // What follows for one grant: "Bamboo can then see only public data." or "Scripts and tools
    // using ci-pipeline will be refused."
    static QString consequence(const AccessGrant &grant);
    // One consequence per grant, up to namedInConfirmation, then one line per kind for the rest.
    static QStringList consequences(const QList<AccessGrant> &grants);
    // For the details of one grant: "If you revoke it, Bamboo can then see only public data."
    static QString ifRevoked(const AccessGrant &grant);
    // What follows for all of them in one sentence (the CLI lists the grants itself): applications,
    // tokens, or both.
    static QString summary(const QList<AccessGrant> &grants);
    // "This cannot be undone; …": the application asks again, a token is made anew, or both.
    static QString closing(const QList<AccessGrant> &grants);
    // The whole confirmation text of the app: question, a bullet per consequence, closing.
    static QString message(const QList<AccessGrant> &grants);
};

} // namespace accessdesk
