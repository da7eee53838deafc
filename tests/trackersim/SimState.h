#pragma once

#include "SimClock.h"
#include "SimConfig.h"
#include "auth/NonceCache.h"
#include "http/FaultInjector.h"
#include "http/RateLimiter.h"
#include "store/Store.h"

#include <QByteArray>
#include <QString>

namespace trackersim {

// Everything one running trackersim owns, handed to each request's handlers.
class RemoteClient;

struct SimState
{
    explicit SimState(const SimConfig &c)
        : config(c)
        , rateLimiter(c.rateLimit)
    {}

    SimConfig config;
    Store store;
    SimClock clock;
    FaultInjector faults;
    RateLimiter rateLimiter;
    NonceCache nonces;
    QString baseUrl;                // what self links and the OAuth realm use
    QString listeningUrl;           // where this instance really answers (may differ from baseUrl)
    QString applicationId;          // the manifest id: fixed when the database was created
    RemoteClient *remote = nullptr; // calls to linked applications; owned by the server
    QByteArray serverSecret;        // keys XSRF tokens; random per process
    QString tlsFingerprint;         // SHA-256 of the served certificate, when TLS is on
};

} // namespace trackersim
