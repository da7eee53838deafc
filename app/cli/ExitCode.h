#pragma once

#include "api/ApiError.h"

namespace accessdesk::cli {

// accessdesk-cli's exit codes: a contract scripts rely on (README "CLI").
enum ExitCode : int {
    Success = 0,
    Usage = 2,
    AuthRefused = 3,    // authentication or permission refused
    Unreachable = 4,    // network, TLS or timeout
    ServerError = 5,    // the server answered an error, or something unreadable
    PartialFailure = 6, // a bulk operation partly failed
};

inline ExitCode exitCodeFor(const ApiError &error)
{
    switch (error.kind()) {
    case ApiError::Kind::None:
        return Success;
    case ApiError::Kind::Unauthenticated:
    case ApiError::Kind::WebSudoRequired:
    case ApiError::Kind::Forbidden:
        return AuthRefused;
    case ApiError::Kind::Network:
    case ApiError::Kind::Tls:
    case ApiError::Kind::Timeout:
    case ApiError::Kind::Cancelled:
        return Unreachable;
    default:
        return ServerError;
    }
}

} // namespace accessdesk::cli
