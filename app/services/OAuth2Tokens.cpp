#include "services/OAuth2Tokens.h"

namespace accessdesk {

OAuth2Tokens OAuth2Tokens::fromResponse(const OAuth2TokenResponse &response, const QDateTime &now,
                                        const QString &previousRefreshToken)
{
    OAuth2Tokens tokens;
    tokens.accessToken = response.accessToken;
    tokens.refreshToken =
        response.refreshToken.isEmpty() ? previousRefreshToken : response.refreshToken;
    if (response.expiresIn && *response.expiresIn > 0)
        tokens.expiresAt = now.toUTC().addSecs(*response.expiresIn);
    tokens.scope = response.scope;
    return tokens;
}

} // namespace accessdesk
