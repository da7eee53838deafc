#pragma once

#include "AppLink.h"
#include "OAuthConsumer.h"
#include "auth/RsaPublicKey.h"
#include "cli/CliCommandGroup.h"

#include <functional>
#include <optional>

namespace accessdesk {
class AdminJob;
}

namespace accessdesk::cli {

// accessdesk-cli consumers: an application link's incoming OAuth 1.0a consumer (README
// "consumers"). show, approve and remove talk to the server; fetch-info only to the remote
// application; keygen to no server at all.
class CliConsumers final : public CliCommandGroup
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliConsumers)

public:
    explicit CliConsumers(CliApp &app);
    bool run(const QString &sub, const QStringList &arguments) override;

private:
    // Starts job and ends the run with it: its failure reported, or printResult() and Success.
    void runToEnd(AdminJob *job, std::function<void()> printResult);
    void show(const QString &linkId);
    void approve(const QString &linkId);
    void remove(const QString &linkId);
    void removeConfirmed(const AppLink &link, const OAuthConsumer &consumer);
    void fetchInfo(const QString &remote);
    void keygen();
    void printConsumer(const AppLink &link, const std::optional<OAuthConsumer> &consumer,
                       const std::optional<RsaPublicKey> &key);
};

} // namespace accessdesk::cli
