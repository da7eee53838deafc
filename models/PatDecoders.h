#pragma once

#include "Decoded.h"
#include "PersonalToken.h"

#include <QByteArray>
#include <QList>

// Decoders of the personal-access-token payloads (spec 7).
namespace accessdesk {

// GET /rest/pat/latest/tokens → an array.
Decoded<QList<PersonalToken>> decodePersonalTokens(const QByteArray &json);
// GET /rest/pat/latest/tokens/{id}.
Decoded<PersonalToken> decodePersonalToken(const QByteArray &json);
// POST /rest/pat/latest/tokens: like the single token, and rawToken must be there.
Decoded<PersonalToken> decodeCreatedPersonalToken(const QByteArray &json);
// POST /rest/pat/latest/tokens/search.
Decoded<TokenSearchPage> decodeTokenSearchPage(const QByteArray &json);
// GET /rest/pat/latest/tokens/search/user → an array of users. Each must have a userKey (the
// token search takes keys); the other fields may be missing or null.
Decoded<QList<TokenOwner>> decodeTokenSearchUsers(const QByteArray &json);

} // namespace accessdesk
