// The desktop app's command line, read without a window (DesktopCommandLine): what main() does for
// each command line, in Qt's words for --help, --version and what Qt cannot parse; the values the
// window refuses come back as a problem, not an exit. tests/fuzz/fuzz_appargs feeds it anything.
#include "services/DesktopCommandLine.h"

#include <QCoreApplication>
#include <QTest>

using namespace accessdesk;
using Action = DesktopCommandLine::Action;

namespace {

DesktopCommandLine::Result parse(const QStringList &words)
{
    DesktopCommandLine commandLine;
    return commandLine.parse(QStringList{QStringLiteral("accessdesk")} + words);
}

} // namespace

class TestDesktopCommandLine final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void demoCommandLineStartsConnected();
    void nothingNamedOpensTheLastServer();
    void unusableValuesAreSaidInTheWindow();
    void helpAndVersionInQtsWords();
    void whatQtCannotParseIsRefused();
};

void TestDesktopCommandLine::initTestCase()
{
    // As main() names the application: the version line and the error line start with it.
    QCoreApplication::setApplicationName(QStringLiteral("AccessDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));
}

void TestDesktopCommandLine::demoCommandLineStartsConnected()
{
    // As scripts/demo.sh starts the app.
    const auto parsed =
        parse({QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:8090"),
               QStringLiteral("--auth"), QStringLiteral("basic"), QStringLiteral("--user"),
               QStringLiteral("alice"), QStringLiteral("--password-env=ACCESSDESK_DEMO_PASSWORD"),
               QStringLiteral("--timeout"), QStringLiteral("5")});
    QCOMPARE(parsed.action, Action::Start);
    QVERIFY2(parsed.options, qPrintable(parsed.problem));
    QVERIFY(parsed.problem.isEmpty());
    QVERIFY(parsed.message.isEmpty());
    QCOMPARE(parsed.options->server, QStringLiteral("http://127.0.0.1:8090"));
    QCOMPARE(parsed.options->auth, QStringLiteral("basic"));
    QCOMPARE(parsed.options->user, QStringLiteral("alice"));
    QCOMPARE(parsed.options->passwordEnv, QStringLiteral("ACCESSDESK_DEMO_PASSWORD"));
    QCOMPARE(parsed.options->timeoutSeconds, 5);
    QVERIFY(parsed.options->timeoutGiven);
    QVERIFY(!parsed.options->allowPlainHttp);

    const auto profile = parse({QStringLiteral("--profile"), QStringLiteral("work")});
    QCOMPARE(profile.action, Action::Start);
    QVERIFY(profile.options);
    QCOMPARE(profile.options->profile, QStringLiteral("work"));
    QVERIFY(!profile.options->timeoutGiven); // the profile's own timeout applies
}

void TestDesktopCommandLine::nothingNamedOpensTheLastServer()
{
    const auto parsed = parse({});
    QCOMPARE(parsed.action, Action::Start);
    QVERIFY(parsed.options);
    QVERIFY(!parsed.options->namesServer());
    QCOMPARE(parsed.options->timeoutSeconds, 30);
}

void TestDesktopCommandLine::unusableValuesAreSaidInTheWindow()
{
    const QList<QStringList> commandLines{
        {QStringLiteral("--timeout"), QStringLiteral("0")},
        {QStringLiteral("--auth"), QStringLiteral("magic")},
        {QStringLiteral("--server"), QStringLiteral("ftp://jira.example.com")},
        {QStringLiteral("--server"), QStringLiteral("https://bob:secret@jira.example.com")},
        {QStringLiteral("--profile"), QStringLiteral("work"), QStringLiteral("--server"),
         QStringLiteral("https://jira.example.com")},
        {QStringLiteral("--pin-sha256"), QStringLiteral("AB:CD")}};
    for (const QStringList &words : commandLines) {
        const auto parsed = parse(words);
        QCOMPARE(parsed.action, Action::Start);
        QVERIFY2(!parsed.options, qPrintable(words.join(QLatin1Char(' '))));
        QVERIFY(!parsed.problem.isEmpty());
        QVERIFY(parsed.message.isEmpty());
    }
    QCOMPARE(parse(commandLines.first()).problem,
             QStringLiteral("--timeout takes a number of seconds from 1 to 3600"));
    // The password in the URL is not repeated in what the window shows.
    QVERIFY(!parse(commandLines.at(3)).problem.contains(QStringLiteral("secret")));
}

void TestDesktopCommandLine::helpAndVersionInQtsWords()
{
    const auto help = parse({QStringLiteral("--help")});
    QCOMPARE(help.action, Action::ShowHelp);
    QVERIFY(!help.options);
    // Qt names the program as it was started (QCoreApplication::arguments()), here the test.
    QVERIFY(help.message.startsWith(QStringLiteral("Usage: ") +
                                    QCoreApplication::arguments().constFirst() +
                                    QStringLiteral(" [options]\n")));
    QVERIFY(help.message.contains(QStringLiteral("See and revoke access on Jira Data Center.")));
    QVERIFY(help.message.contains(QStringLiteral("--password-env <VAR>")));
    QVERIFY(help.message.endsWith(QLatin1Char('\n')));
    QCOMPARE(parse({QStringLiteral("-h")}).action, Action::ShowHelp);

    QCOMPARE(parse({QStringLiteral("--help-all")}).action, Action::ShowHelpAll);

    const auto version = parse({QStringLiteral("--version")});
    QCOMPARE(version.action, Action::ShowVersion);
    QCOMPARE(version.message, QStringLiteral("AccessDesk 0.1.0\n"));
    // As QCommandLineParser::process(): the version wins over the help.
    QCOMPARE(parse({QStringLiteral("--help"), QStringLiteral("-v")}).action, Action::ShowVersion);
    // Help and version come before checking the values.
    QCOMPARE(parse({QStringLiteral("--timeout"), QStringLiteral("0"), QStringLiteral("-h")}).action,
             Action::ShowHelp);
}

void TestDesktopCommandLine::whatQtCannotParseIsRefused()
{
    const auto unknown = parse({QStringLiteral("--bogus")});
    QCOMPARE(unknown.action, Action::Refuse);
    QCOMPARE(unknown.message, QStringLiteral("AccessDesk: Unknown option 'bogus'.\n"));
    QVERIFY(!unknown.options);
    QVERIFY(unknown.problem.isEmpty());

    const auto missing = parse({QStringLiteral("--server")});
    QCOMPARE(missing.action, Action::Refuse);
    QCOMPARE(missing.message, QStringLiteral("AccessDesk: Missing value after '--server'.\n"));
    // Even next to --help: Qt refuses before it helps.
    QCOMPARE(parse({QStringLiteral("--help"), QStringLiteral("--bogus")}).action, Action::Refuse);
}

QTEST_GUILESS_MAIN(TestDesktopCommandLine)
#include "tst_desktopcommandline.moc"
