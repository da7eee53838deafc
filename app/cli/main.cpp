// accessdesk-cli: the same services as the desktop app, scriptable (README "CLI").
#include "cli/CliApp.h"
#include "secrets/CoreDumps.h"
#include "services/Translations.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    // Before anything can hold a secret: no core file may carry one (CoreDumps.h).
    accessdesk::secrets::keepOutOfCoreDumps();
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("AccessDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("AccessDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ACCESSDESK_VERSION));
    // The app's language setting applies here too, so --help and every message match the app.
    accessdesk::translations::installForUser();

    // The CLI reports every failure itself in plain words on stderr; the library's own warnings
    // would only repeat them. QT_LOGGING_RULES still turns them (and debug output) on.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("accessdesk.*.warning=false"));

    QString error;
    QString help;
    const auto options =
        accessdesk::cli::CliOptions::parse(QCoreApplication::arguments(), &error, &help);
    if (!options) {
        if (error.isEmpty()) { // --help
            QTextStream(stdout) << help;
            return accessdesk::cli::Success;
        }
        QTextStream(stderr) << "accessdesk-cli: " << error << '\n'
                            << QCoreApplication::translate("main", "(see accessdesk-cli --help)")
                            << '\n';
        return accessdesk::cli::Usage;
    }
    accessdesk::cli::CliApp cli(*options);
    QObject::connect(&cli, &accessdesk::cli::CliApp::done, &app,
                     [&app](int code) { app.exit(code); });
    cli.run();
    return app.exec();
}
