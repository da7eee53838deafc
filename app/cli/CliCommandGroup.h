#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

namespace accessdesk::cli {

class CliApp;

// The commands under one word ("links", "consumers", "oauth2-clients", "admin-pats"), in a class
// and a file of their own, so CliApp stays the frame (connection, output, exit codes) rather than
// growing every command. CliApp::dispatch() makes the group for its word and hands it the rest.
class CliCommandGroup : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliCommandGroup)

public:
    explicit CliCommandGroup(CliApp &app);
    ~CliCommandGroup() override;

    // Runs the command named by sub and its arguments (the words after the group's word). False
    // when they name no command of this group: CliApp then reports a usage error. A command that
    // started ends the run through CliApp::finish() (or fail()/failWith()), exactly once.
    virtual bool run(const QString &sub, const QStringList &arguments) = 0;

protected:
    CliApp &app() const { return m_app; }

private:
    CliApp &m_app;
};

} // namespace accessdesk::cli
