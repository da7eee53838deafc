#include "services/DesktopCommandLine.h"

#include <QCoreApplication>

#include <cstdlib>

namespace accessdesk {

DesktopCommandLine::DesktopCommandLine()
{
    // In the context "main", where it was written before it moved here: the catalogues have it.
    m_parser.setApplicationDescription(QCoreApplication::translate(
        "main", "See and revoke access on Jira Data Center. Without "
                "--profile or --server it opens the last server used."));
    m_parser.addHelpOption();
    m_parser.addVersionOption();
    m_connectionOptions.addTo(m_parser);
}

DesktopCommandLine::Result DesktopCommandLine::parse(const QStringList &arguments)
{
    m_arguments = arguments;
    Result result;
    // The order and the words of QCommandLineParser::process(), which main() called before: an
    // option Qt cannot parse at all ends the program, as with any program; --version wins over
    // --help; everything else is said in the window.
    if (!m_parser.parse(arguments)) {
        result.action = Action::Refuse;
        result.message = QCoreApplication::applicationName() + QStringLiteral(": ") +
                         m_parser.errorText() + QLatin1Char('\n');
        return result;
    }
    if (m_parser.isSet(QStringLiteral("version"))) {
        result.action = Action::ShowVersion;
        result.message = QCoreApplication::applicationName() + QLatin1Char(' ') +
                         QCoreApplication::applicationVersion() + QLatin1Char('\n');
        return result;
    }
    if (m_parser.isSet(QStringLiteral("help"))) {
        result.action = Action::ShowHelp;
        result.message = m_parser.helpText();
        return result;
    }
    if (m_parser.isSet(QStringLiteral("help-all"))) {
        result.action = Action::ShowHelpAll;
        return result;
    }
    result.options = m_connectionOptions.read(m_parser, &result.problem);
    return result;
}

void DesktopCommandLine::showHelpAllAndExit()
{
    // process() prints Qt's --help-all text, which is not public API, and exits 0.
    m_parser.process(m_arguments);
    std::exit(EXIT_SUCCESS); // not reached when parse() said ShowHelpAll
}

} // namespace accessdesk
