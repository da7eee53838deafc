// trackersim: a Jira Data Center–compatible server for AccessDesk's tests and demo.
#include "SimServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <optional>
#include <unistd.h>

using trackersim::SimConfig;

namespace {

std::optional<trackersim::RateLimitSettings> parseRateLimit(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.size() != 3)
        return std::nullopt;
    bool a = false, b = false, c = false;
    trackersim::RateLimitSettings settings{true, parts[0].toInt(&a), parts[1].toInt(&b),
                                           parts[2].toInt(&c)};
    if (!a || !b || !c || settings.capacity < 1 || settings.fillRate < 0 ||
        settings.intervalSeconds < 1)
        return std::nullopt;
    return settings;
}

// "/jira", "/tools/jira/" or "jira" → "/jira" or "/tools/jira"; "" and "/" → "" (the root). Only
// plain path segments: the prefix is compared with decoded request paths as it is.
std::optional<QString> parseContextPath(const QString &text)
{
    const QStringList segments = text.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9._~-]+$"));
    QString path;
    for (const QString &segment : segments) {
        if (!plain.match(segment).hasMatch() || segment == QLatin1String(".") ||
            segment == QLatin1String("..") || segment == QLatin1String("__trackersim"))
            return std::nullopt;
        path += QLatin1Char('/') + segment;
    }
    return path;
}

bool parseOnOff(const QString &text, bool *value)
{
    if (text == QLatin1String("on") || text == QLatin1String("off")) {
        *value = text == QLatin1String("on");
        return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("trackersim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ACCESSDESK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A Jira Data Center-compatible server on 127.0.0.1 for tests and demos."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("Port to listen on (0: any free port)."),
                                  QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption data(QStringLiteral("data"),
                                  QStringLiteral("SQLite file to keep data in (default: memory)."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Data for a new database: demo, none or scale:N."),
                                  QStringLiteral("KIND"), QStringLiteral("demo"));
    const QCommandLineOption tls(
        QStringLiteral("tls"),
        QStringLiteral("Serve HTTPS with a generated self-signed certificate."));
    const QCommandLineOption cert(QStringLiteral("cert"),
                                  QStringLiteral("Serve HTTPS with this PEM certificate."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption key(QStringLiteral("key"),
                                 QStringLiteral("PEM private key for --cert."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption baseUrl(
        QStringLiteral("base-url"),
        QStringLiteral("Base URL to report (default: the listening URL)."), QStringLiteral("URL"));
    // The environment variable lets a whole test suite run under a context path unchanged.
    const QCommandLineOption contextPath(
        QStringLiteral("context-path"),
        QStringLiteral("Serve Jira below this path, e.g. /jira, as behind a reverse proxy "
                       "(default: $TRACKERSIM_CONTEXT_PATH, else the root)."),
        QStringLiteral("PATH"), qEnvironmentVariable("TRACKERSIM_CONTEXT_PATH"));
    const QCommandLineOption version(QStringLiteral("jira-version"),
                                     QStringLiteral("Jira version to report."),
                                     QStringLiteral("X.Y.Z"), QStringLiteral("9.12.7"));
    const QCommandLineOption webSudo(QStringLiteral("websudo"),
                                     QStringLiteral("Secure administrator sessions: on or off."),
                                     QStringLiteral("on|off"), QStringLiteral("on"));
    const QCommandLineOption rateLimit(
        QStringLiteral("rate-limit"),
        QStringLiteral("Per-user token bucket: capacity, tokens per interval, interval seconds."),
        QStringLiteral("C,F,I"));
    const QCommandLineOption noPat(
        QStringLiteral("no-pat"),
        QStringLiteral("Behave like Jira before 8.14: no personal access tokens."));
    const QCommandLineOption noOAuth2(
        QStringLiteral("no-oauth2"),
        QStringLiteral("Behave like Jira before 8.22: no OAuth 2.0 provider."));
    const QCommandLineOption remoteTimeout(
        QStringLiteral("remote-timeout-ms"),
        QStringLiteral("How long a call to a linked application may take (default 5000)."),
        QStringLiteral("MS"), QStringLiteral("5000"));
    parser.addOptions({port, data, seed, tls, cert, key, baseUrl, contextPath, version, webSudo,
                       rateLimit, noPat, noOAuth2, remoteTimeout});
    parser.process(app);

    QTextStream err(stderr);
    auto usage = [&](const QString &message) {
        err << "trackersim: " << message << '\n';
        return 2;
    };

    SimConfig config;
    bool portOk = false;
    const uint portValue = parser.value(port).toUInt(&portOk);
    if (!portOk || portValue > 65535)
        return usage(QStringLiteral("--port needs a number from 0 to 65535"));
    config.port = quint16(portValue);
    config.dataFile = parser.value(data);
    config.seed = parser.value(seed);
    config.certFile = parser.value(cert);
    config.keyFile = parser.value(key);
    if (parser.isSet(cert) != parser.isSet(key))
        return usage(QStringLiteral("--cert and --key go together"));
    config.tls = parser.isSet(tls) || parser.isSet(cert);
    config.baseUrl = parser.value(baseUrl);
    if (!config.baseUrl.isEmpty()) {
        const QUrl url(config.baseUrl);
        if (!url.isValid() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
            url.host().isEmpty())
            return usage(QStringLiteral("--base-url needs an absolute http(s) URL"));
    }
    const auto prefix = parseContextPath(parser.value(contextPath));
    if (!prefix)
        return usage(QStringLiteral("--context-path needs a path of plain segments, e.g. /jira"));
    config.contextPath = *prefix;
    config.jiraVersion = parser.value(version);
    if (!parseOnOff(parser.value(webSudo), &config.webSudo))
        return usage(QStringLiteral("--websudo takes on or off"));
    if (parser.isSet(rateLimit)) {
        const auto settings = parseRateLimit(parser.value(rateLimit));
        if (!settings)
            return usage(
                QStringLiteral("--rate-limit takes CAPACITY,FILL,INTERVAL_S, e.g. 20,5,1"));
        config.rateLimit = *settings;
    }
    config.patEnabled = !parser.isSet(noPat);
    config.oauth2Enabled = !parser.isSet(noOAuth2);
    bool timeoutOk = false;
    config.remoteTimeoutMs = parser.value(remoteTimeout).toInt(&timeoutOk);
    if (!timeoutOk || config.remoteTimeoutMs < 1 || config.remoteTimeoutMs > 600000)
        return usage(QStringLiteral("--remote-timeout-ms needs a number from 1 to 600000"));

    trackersim::SimServer server(config);
    QString error;
    if (server.start(&error) == 0) {
        err << "trackersim: " << error << '\n';
        return 1;
    }

    // Tests and scripts wait for exactly this line.
    QTextStream out(stdout);
    if (config.tls)
        out << "trackersim certificate sha256 " << server.state().tlsFingerprint << '\n';
    out << "trackersim listening on " << server.listeningUrl() << '\n';
    out.flush();

    // Stop cleanly on SIGTERM/SIGINT so that a --data file is closed properly.
    static int signalPipe[2];
    if (::pipe(signalPipe) == 0) {
        auto onSignal = [](int) { [[maybe_unused]] auto n = ::write(signalPipe[1], "x", 1); };
        std::signal(SIGTERM, onSignal);
        std::signal(SIGINT, onSignal);
        auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
    }
    return app.exec();
}
