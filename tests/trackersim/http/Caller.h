#pragma once

#include <QString>

namespace trackersim {

// How the request proved who it is (spec 1.2).
enum class AuthKind { Anonymous, Basic, PersonalToken, OAuth2, Session, OAuth1 };

struct Caller
{
    AuthKind kind = AuthKind::Anonymous;
    QString userName;    // empty when anonymous
    QString sessionId;   // for AuthKind::Session
    QString oauth2Scope; // READ, WRITE, ADMIN or SYSTEM_ADMIN for AuthKind::OAuth2
    QString consumerKey; // for AuthKind::OAuth1
    qint64 tokenId = -1; // PAT id for AuthKind::PersonalToken

    bool isAnonymous() const { return userName.isEmpty(); }
};

} // namespace trackersim
