#pragma once

#include <QString>

namespace accessdesk::cli {

// Asks before destructive acts. With --yes it does not ask; with no terminal and no --yes it
// refuses, so that a script never revokes by accident.
class Confirmation final
{
public:
    enum class Answer { Yes, No, NoTerminal };

    explicit Confirmation(bool assumeYes)
        : m_assumeYes(assumeYes)
    {}
    Answer ask(const QString &question) const;

private:
    bool m_assumeYes;
};

} // namespace accessdesk::cli
