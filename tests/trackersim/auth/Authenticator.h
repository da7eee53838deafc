#pragma once

#include "OAuth1.h"
#include "http/RequestContext.h"
#include "http/SimResponse.h"

#include <optional>

namespace trackersim {

// Decides who a request comes from, in Jira's filter order (spec 1.2): Basic, Bearer (PAT, then
// OAuth 2.0), OAuth 1.0a signature, session cookie, else anonymous.
class Authenticator final
{
public:
    struct Outcome
    {
        std::optional<SimResponse> rejection;              // answer this instead of the handler
        QList<QPair<QByteArray, QByteArray>> extraHeaders; // e.g. WWW-Authenticate on fallback
    };

    static Outcome identify(RequestContext &context);

private:
    static Outcome basic(RequestContext &context, const QByteArray &credentials);
    static Outcome bearer(RequestContext &context, const QByteArray &token);
    static Outcome oauth1(RequestContext &context);
    static Outcome twoLegged(RequestContext &context, const oauth1::Check &check);
};

} // namespace trackersim
