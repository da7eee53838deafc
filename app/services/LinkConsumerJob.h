#pragma once

#include "AppLink.h"
#include "OAuthConsumer.h"
#include "auth/RsaPublicKey.h"
#include "services/AdminJob.h"

#include <functional>
#include <optional>

namespace accessdesk {

// The base of the jobs about one link's incoming consumer: reads the link (v3, for its name and
// type) and the consumer Jira holds for it (applinks-oauth; websudo is the REST layer's business).
class LinkConsumerJob : public AdminJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LinkConsumerJob)

public:
    // After the reading step: the link, and its incoming consumer (none when it has none).
    const AppLink &link() const { return m_link; }
    const std::optional<OAuthConsumer> &consumer() const { return m_consumer; }
    // The consumer's public key; none when Jira holds none or one AccessDesk cannot read.
    const std::optional<RsaPublicKey> &publicKey() const { return m_publicKey; }

protected:
    LinkConsumerJob(ServerConnection *connection, QString linkId, ActivityLog *log,
                    ActivityContext who, QObject *parent);

    // Reads the link and its consumer, then then(); finishes (NotFound, or the error) when the
    // link cannot be read. notDone is the first sentence of a failure ("Nothing was removed.").
    void readThen(const QString &notDone, std::function<void()> then);
    const QString &linkId() const { return m_linkId; }

private:
    void readConsumer(const QString &notDone, std::function<void()> then);

    QString m_linkId;
    AppLink m_link;
    std::optional<OAuthConsumer> m_consumer;
    std::optional<RsaPublicKey> m_publicKey;
};

// Shows a link's incoming consumer, with its public key's size and SHA-256 fingerprint. A link
// without one succeeds with consumer() empty.
class LinkConsumerReader final : public LinkConsumerJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LinkConsumerReader)

public:
    LinkConsumerReader(ServerConnection *connection, QString linkId, QObject *parent = nullptr);
    void start() override;
};

} // namespace accessdesk
