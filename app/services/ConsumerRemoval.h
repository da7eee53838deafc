#pragma once

#include "services/LinkConsumerJob.h"

#include <QList>
#include <QStringList>

namespace accessdesk {

// Removes an application link's incoming OAuth 1.0a consumer. Jira has no REST delete for it
// (spec 4.1), so this uses what Jira offers, in the order most likely to work for the link's
// type: for Atlassian links the v3 OAuth status with incoming OAuth disabled, for generic links
// the applinks admin form with oauth-incoming-enabled=false (its path is inferred). After each
// attempt it reads the consumer back; only when Jira no longer lists it is the removal reported
// as done, else the other way is tried, and if the consumer is still there the job ends
// Unconfirmed and says what to do by hand.
//
// Callers confirm first (consequences() says what follows); expectedKey, when given, makes sure
// the consumer removed is the one the user confirmed.
class ConsumerRemoval final : public LinkConsumerJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsumerRemoval)

public:
    enum class Method {
        None,
        OAuthStatus,  // PUT /rest/applinks/3.0/status/{id}/oauth, incoming disabled
        ConsumerForm, // POST …/add-consumer-manually/{id}, oauth-incoming-enabled=false
    };

    ConsumerRemoval(ServerConnection *connection, QString linkId, QString expectedKey,
                    ActivityLog *log, ActivityContext who, QObject *parent = nullptr);
    void start() override;

    // After success: the way that worked. consumer() is the consumer that was removed.
    Method method() const { return m_method; }

    // What removing the consumer means, for the confirmation. Jira reports nowhere how many
    // users authorised a consumer (spec 4.1, 5), and this says so rather than guess.
    static QString consequences(const OAuthConsumer &consumer, const AppLink &link);

private:
    void attempt(int step, const ActivityRecord &record, QStringList problems);
    void disableIncoming(int step, const ActivityRecord &record, QStringList problems);
    void verify(int step, const ActivityRecord &record, QStringList problems);
    QString notDone() const;

    QString m_expectedKey;
    QList<Method> m_plan;
    Method m_method = Method::None;
};

} // namespace accessdesk
