// accessdesk: the desktop app. Takes the CLI's connection options so it can start connected
// (README demo); secrets come only from environment variables named on the command line.
#include "api/CertificateInfo.h"
#include "api/ServerConnection.h"
#include "auth/BasicCredentials.h"
#include "auth/BearerCredentials.h"
#include "ui/MainWindow.h"
#include "ui/MyAccessController.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QScreen>
#include <QSslCertificate>

#include <memory>

using namespace accessdesk;

namespace {

struct StartOptions
{
    QUrl server;
    QString auth;
    QString user;
    QString passwordEnv;
    QString tokenEnv;
    QString pinSha256;
    QString caFile;
};

// Returns the credentials, or null with *error set in plain words.
std::shared_ptr<const Credentials> credentialsFor(const StartOptions &options, QString *error)
{
    if (options.auth == QLatin1String("basic")) {
        if (options.user.isEmpty() || options.passwordEnv.isEmpty()) {
            *error =
                QApplication::translate("main", "--auth basic needs --user and --password-env.");
            return {};
        }
        const QString password = qEnvironmentVariable(qPrintable(options.passwordEnv));
        if (password.isEmpty()) {
            *error = QApplication::translate("main", "The environment variable %1 is empty.")
                         .arg(options.passwordEnv);
            return {};
        }
        return std::make_shared<BasicCredentials>(options.user, password);
    }
    if (options.auth == QLatin1String("pat")) {
        const QString token = options.tokenEnv.isEmpty()
                                  ? QString()
                                  : qEnvironmentVariable(qPrintable(options.tokenEnv));
        if (token.isEmpty()) {
            *error = QApplication::translate(
                "main", "--auth pat needs --token-env naming a variable that holds the token.");
            return {};
        }
        return std::make_shared<BearerCredentials>(token, AuthKind::PersonalToken);
    }
    *error = QApplication::translate("main", "--auth must be basic or pat.");
    return {};
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("AccessDesk"));
    QApplication::setApplicationName(QStringLiteral("AccessDesk"));
    QApplication::setApplicationVersion(QStringLiteral(ACCESSDESK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Desktop client for Jira access management"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption server(QStringLiteral("server"), QStringLiteral("Jira base URL."),
                                    QStringLiteral("url"));
    const QCommandLineOption auth(QStringLiteral("auth"), QStringLiteral("basic or pat."),
                                  QStringLiteral("kind"), QStringLiteral("basic"));
    const QCommandLineOption user(QStringLiteral("user"), QStringLiteral("User name (basic)."),
                                  QStringLiteral("name"));
    const QCommandLineOption passwordEnv(QStringLiteral("password-env"),
                                         QStringLiteral("Variable holding the password."),
                                         QStringLiteral("var"));
    const QCommandLineOption tokenEnv(QStringLiteral("token-env"),
                                      QStringLiteral("Variable holding the token (pat)."),
                                      QStringLiteral("var"));
    const QCommandLineOption pin(QStringLiteral("pin-sha256"),
                                 QStringLiteral("Trust exactly this certificate."),
                                 QStringLiteral("fingerprint"));
    const QCommandLineOption caFile(QStringLiteral("ca-file"),
                                    QStringLiteral("Also trust certificates from this PEM file."),
                                    QStringLiteral("path"));
    parser.addOptions({server, auth, user, passwordEnv, tokenEnv, pin, caFile});
    parser.process(app);

    StartOptions options{QUrl(parser.value(server)), parser.value(auth),     parser.value(user),
                         parser.value(passwordEnv),  parser.value(tokenEnv), parser.value(pin),
                         parser.value(caFile)};
    QString error;
    if (!options.server.isValid() || options.server.scheme().isEmpty())
        error = QApplication::translate("main", "Start with --server <url> (for example "
                                                "--server http://localhost:2990/jira).");
    std::shared_ptr<const Credentials> credentials;
    if (error.isEmpty())
        credentials = credentialsFor(options, &error);
    if (!credentials) {
        // The connection dialog (issue #4) will take over here; until then, say what is missing.
        QMessageBox::critical(nullptr, QApplication::translate("main", "AccessDesk"), error);
        return 2;
    }

    ConnectionSettings settings;
    settings.baseUrl = options.server;
    if (!options.pinSha256.isEmpty())
        settings.pinnedSha256 = CertificateInfo::normaliseFingerprint(options.pinSha256);
    if (!options.caFile.isEmpty())
        settings.caCertificates = QSslCertificate::fromPath(options.caFile, QSsl::Pem);

    QNetworkAccessManager network;
    ServerConnection connection(&network, settings, credentials);
    MyAccessController controller(&connection, nullptr,
                                  {QString(), options.server.toString(), options.user});
    MainWindow window(&controller);
    // 1280×800 is the size the screenshots and the layout are checked at; smaller screens get less.
    window.resize(window.screen()->availableSize().boundedTo(QSize(1280, 800)));
    window.show();
    controller.probe();
    controller.refresh();
    return QApplication::exec();
}
