// accessdesk: the desktop app. Takes the CLI's connection options (ConnectionOptionSet) so it can
// start already connected (README demo); secrets come only from environment variables named on
// the command line or from the keychain of a saved profile.
#include "secrets/CoreDumps.h"
#include "services/DesktopCommandLine.h"
#include "services/Translations.h"
#include "ui/DesktopApp.h"

#include <QApplication>

#include <cstdio>

using namespace accessdesk;

int main(int argc, char *argv[])
{
    // Before anything can hold a secret: no core file may carry one (CoreDumps.h).
    secrets::keepOutOfCoreDumps();
    QApplication app(argc, argv);
    // The same names as accessdesk-cli: both find the same profiles and the same database.
    QApplication::setOrganizationName(QStringLiteral("AccessDesk"));
    QApplication::setApplicationName(QStringLiteral("AccessDesk"));
    QApplication::setApplicationVersion(QStringLiteral(ACCESSDESK_VERSION));
    // The installed .desktop file's id, so a Wayland desktop puts the window under its menu entry.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.accessdesk.AccessDesk"));
    // Before any widget or --help text exists: they are translated when built.
    translations::installForUser();

    DesktopCommandLine commandLine;
    const DesktopCommandLine::Result parsed = commandLine.parse(QApplication::arguments());
    switch (parsed.action) {
    case DesktopCommandLine::Action::Start:
        break;
    case DesktopCommandLine::Action::ShowHelp:
    case DesktopCommandLine::Action::ShowVersion:
        std::fputs(parsed.message.toLocal8Bit().constData(), stdout);
        return EXIT_SUCCESS;
    case DesktopCommandLine::Action::ShowHelpAll:
        commandLine.showHelpAllAndExit();
    case DesktopCommandLine::Action::Refuse:
        std::fputs(parsed.message.toLocal8Bit().constData(), stderr);
        return EXIT_FAILURE;
    }

    DesktopApp desktop;
    desktop.start(parsed.options, parsed.problem);
    return QApplication::exec();
}
