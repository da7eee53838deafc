#pragma once

#include "AppLink.h"
#include "cli/CliCommandGroup.h"
#include "cli/ExitCode.h"
#include "cli/OutputTable.h"
#include "services/AppLinkOutcome.h"

#include <functional>

namespace accessdesk {
class AppLinkChange;
class AppLinkCreator;
} // namespace accessdesk

namespace accessdesk::cli {

// links list | get ID | status [ID] | create URL | update ID | relocate ID URL | primary ID |
// delete ID [--both]: the application-link services (app/services/AppLink*) for scripts. Reads
// are in CliLinks.cpp, changes in CliLinkChanges.cpp.
class CliLinks final : public CliCommandGroup
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliLinks)

public:
    explicit CliLinks(CliApp &app);
    ~CliLinks() override;

    bool run(const QString &sub, const QStringList &arguments) override;

    // The exit code for an outcome that is not a success (README "Exit codes").
    static ExitCode exitCodeFor(const AppLinkOutcome &outcome);
    // The command-line name of an outcome's field: "--name", "URL", …
    static QString optionFor(const QString &field);

private:
    // Reads
    void list();
    void get(const QString &id);
    void status(const QString &id);
    void printStatus(const QList<AppLink> &links, bool single);

    // Changes (CliLinkChanges.cpp)
    void create(const QString &url);
    void runCreator(AppLinkCreator *creator);
    void update(const QString &id);
    void relocate(const QString &id, const QString &url);
    void primary(const QString &id);
    void remove(const QString &id);
    // Runs a change; on success prints the link as read back (or, for a delete, what went).
    void runChange(AppLinkChange *change, std::function<void()> onSuccess);
    // Asks question on the terminal; false (and the run has ended) unless the answer is yes.
    // refusal: said after a no; noTerminal: said when there is no terminal to ask (both whole
    // sentences, so that translations need not glue them).
    bool confirmed(const QString &question, const QString &refusal, const QString &noTerminal);

    // Reads the link first, so that an unknown id gets a plain error and a question can name
    // the link; then then(link).
    void withLink(const QString &id, std::function<void(const AppLink &)> then);
    // Ends the run with the outcome's message, advice and exit code.
    void failWith(const AppLinkOutcome &outcome);
    void printLink(const AppLink &link);
    static CommandOutput linkOutput(const AppLink &link);
};

} // namespace accessdesk::cli
