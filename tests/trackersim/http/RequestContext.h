#pragma once

#include "Caller.h"
#include "SimRequest.h"
#include "SimState.h"
#include "store/Users.h"

#include <optional>

namespace trackersim {

// What a handler gets: the request, who made it, and the server's state.
class RequestContext final
{
public:
    RequestContext(const SimRequest &request, SimState &state)
        : request(request)
        , state(state)
    {}
    Q_DISABLE_COPY_MOVE(RequestContext)

    const SimRequest &request;
    SimState &state;
    Caller caller;

    Store &store() { return state.store; }
    const Store &store() const { return state.store; }
    const SimConfig &config() const { return state.config; }
    qint64 nowMs() const { return state.clock.nowMs(); }
    const QString &baseUrl() const { return state.baseUrl; }

    std::optional<UserRecord> user() const;
    bool isAdmin() const;
    bool isSysadmin() const;
    // The atl_token a form of this caller must carry (also sent as the atlassian.xsrf.token
    // cookie).
    QString xsrfToken() const;
};

} // namespace trackersim
