// accessdesk: the desktop app. Takes the CLI's connection options (ConnectionOptionSet) so it can
// start already connected (README demo); secrets come only from environment variables named on
// the command line or from the keychain of a saved profile.
#include "secrets/CoreDumps.h"
#include "services/ConnectionOptions.h"
#include "services/Translations.h"
#include "ui/DesktopApp.h"

#include <QApplication>
#include <QCommandLineParser>

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

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "See and revoke access on Jira Data Center. Without "
                                        "--profile or --server it opens the last server used."));
    parser.addHelpOption();
    parser.addVersionOption();
    const ConnectionOptionSet connectionOptions;
    connectionOptions.addTo(parser);
    // An option Qt cannot parse at all ends here, as with any program; everything else is said
    // in the window.
    parser.process(app);
    QString optionProblem;
    const auto options = connectionOptions.read(parser, &optionProblem);

    DesktopApp desktop;
    desktop.start(options, optionProblem);
    return QApplication::exec();
}
