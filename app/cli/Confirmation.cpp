#include "cli/Confirmation.h"

#include <QTextStream>

#include <cstdio>
#include <unistd.h>

namespace accessdesk::cli {

Confirmation::Answer Confirmation::ask(const QString &question) const
{
    if (m_assumeYes)
        return Answer::Yes;
    if (!::isatty(STDIN_FILENO))
        return Answer::NoTerminal;
    QTextStream err(stderr);
    err << question << " [y/N] ";
    err.flush();
    QTextStream in(stdin);
    const QString reply = in.readLine().trimmed().toLower();
    return reply == QLatin1String("y") || reply == QLatin1String("yes") ? Answer::Yes : Answer::No;
}

} // namespace accessdesk::cli
