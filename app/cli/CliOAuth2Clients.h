#pragma once

#include "OAuth2Client.h"
#include "cli/CliCommandGroup.h"

#include <QList>
#include <QMap>

#include <functional>

namespace accessdesk {
class OAuth2ClientJob;
}

namespace accessdesk::cli {

// accessdesk-cli oauth2-clients: the server's OAuth 2.0 clients (README "oauth2-clients"). A
// client secret is printed by create and reset only, once, with a note on stderr; never by list.
class CliOAuth2Clients final : public CliCommandGroup
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliOAuth2Clients)

public:
    explicit CliOAuth2Clients(CliApp &app);
    bool run(const QString &sub, const QStringList &arguments) override;

private:
    void list();
    void create(const QString &name);
    void update(const QString &id);
    // Finds the client (for the question), asks (noTerminal: see confirmOrFail), then runs then().
    void confirmThen(const QString &id, const QString &noTerminal,
                     std::function<QString(const OAuth2Client &)> question,
                     std::function<void(const OAuth2Client &)> then);
    void reset(const OAuth2Client &client);
    void remove(const OAuth2Client &client);
    // The draft from --name/--redirect/--scope (the scope upper-cased).
    OAuth2Client draftFromOptions(const QString &name) const;
    // Checks the draft here, before connecting; false (the run ended) when it has problems.
    bool checkLocally(const OAuth2Client &draft, bool update, const QString &nameOption);
    void failJob(const OAuth2ClientJob &job, const QString &nameOption);
    // Starts job and ends the run with it: a secret it hands over is printed once whatever the
    // outcome; a failure is reported (nameOption: where the name was given); on success
    // printResult() prints, then the run ends with Success.
    void runToEnd(OAuth2ClientJob *job, const QString &nameOption,
                  std::function<QString()> takeSecret, std::function<void()> printResult = {});
    void printClient(const OAuth2Client &client, const QString &secret);
};

} // namespace accessdesk::cli
