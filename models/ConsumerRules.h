#pragma once

#include "OAuthConsumer.h"

#include <QCoreApplication>
#include <QMap>
#include <QString>

namespace accessdesk {

// The checks on an incoming OAuth 1.0a consumer draft (spec 4.1) before AccessDesk approves it,
// so a form or the CLI can refuse it at the right field without a round trip. Pure: no network
// and no OpenSSL. The RSA public key itself is judged in app/auth (RsaPublicKey::read); its
// verdict comes in as publicKeyProblem.
class ConsumerRules
{
    Q_DECLARE_TR_FUNCTIONS(ConsumerRules)

public:
    // The spec gives no limits for consumers; these are AccessDesk's. 255 is the usual column
    // size for keys and names; a description is shown on every user's access-token page, so a
    // paragraph (with the consumer's URL) is plenty.
    static constexpr qsizetype kMaxKeyLength = 255;
    static constexpr qsizetype kMaxNameLength = 255;
    static constexpr qsizetype kMaxDescriptionLength = 1000;
    static constexpr qsizetype kMaxUserNameLength = 255;

    // Field errors keyed like ConsumerEntity's JSON fields ("key", "name", "description",
    // "publicKey", "callback", "executingTwoLOUser", "twoLOImpersonationAllowed"), one sentence
    // each; empty when the draft may be sent. Values are judged trimmed. The rules:
    //  - key: required, no spaces, at most kMaxKeyLength characters;
    //  - name: always required (Jira needs it for Atlassian links only; asking always is simpler
    //    and the name is what users see on their token pages);
    //  - publicKey: required; publicKeyProblem is RsaPublicKey::read's reason for it, or empty;
    //  - callback: optional; when given, an absolute http(s) URL without a fragment;
    //  - two-legged: an execute-as user is required with it and meaningless without it;
    //    impersonation only with two-legged OAuth.
    static QMap<QString, QString> check(const OAuthConsumer &draft,
                                        const QString &publicKeyProblem);
};

} // namespace accessdesk
