// The health table: every error type of GET /rest/applinks/3.0/status/{id} (spec 3.4 (16),
// ApplinkErrorType) and every failure of the status call itself, in plain words with advice.
#include "AppLinkDecoders.h"
#include "services/AppLinkDiagnosis.h"

#include <QFile>
#include <QSet>
#include <QTest>

using namespace accessdesk;

Q_DECLARE_METATYPE(accessdesk::AppLinkDiagnosis::Verdict)
Q_DECLARE_METATYPE(accessdesk::ApiError::Kind)

namespace {

using Verdict = AppLinkDiagnosis::Verdict;

AppLinkStatus broken(const QString &category, const QString &type, const QString &details = {})
{
    AppLinkStatus status;
    status.link.id = QStringLiteral("85dceef5-feca-3983-943c-83b6d193b1d8");
    status.link.name = QStringLiteral("Confluence");
    status.link.rpcUrl = QStringLiteral("https://wiki.example.com");
    status.working = false;
    status.errorCategory = category;
    status.errorType = type;
    status.errorDetails = details;
    return status;
}

} // namespace

class TestAppLinkDiagnosis final : public QObject
{
    Q_OBJECT

private slots:
    void everyErrorType_data();
    void everyErrorType();
    void faultsHaveTheirOwnWords();
    void working();
    void authorisationLinkIsInTheAdvice_data();
    void authorisationLinkIsInTheAdvice();
    void recordedStatusFromTrackersim();
    void statusCallFailures_data();
    void statusCallFailures();
};

void TestAppLinkDiagnosis::everyErrorType_data()
{
    QTest::addColumn<QString>("category");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("details");
    QTest::addColumn<Verdict>("verdict");
    QTest::addColumn<QString>("problem");

    const auto row = [](const char *category, const char *type, const char *details,
                        Verdict verdict, const char *problem) {
        QTest::newRow(type[0] ? type : "empty")
            << QString::fromLatin1(category) << QString::fromLatin1(type)
            << QString::fromLatin1(details) << verdict << QString::fromLatin1(problem);
    };
    const Verdict B = Verdict::Broken;
    row("UNKNOWN", "UNKNOWN", "", B, "unknown-error");
    row("INCOMPATIBLE", "NO_OUTGOING_AUTH", "", B, "no-outgoing-auth");
    row("INCOMPATIBLE", "REMOTE_VERSION_INCOMPATIBLE", "", B, "remote-incompatible");
    row("NON_ATLASSIAN", "GENERIC_LINK", "", Verdict::NotChecked, "not-atlassian");
    row("NON_ATLASSIAN", "NON_ATLASSIAN", "", Verdict::NotChecked, "not-atlassian");
    row("SYSTEM", "SYSTEM_LINK", "", Verdict::NotChecked, "system-link");
    row("NETWORK_ERROR", "CONNECTION_REFUSED", "", B, "connection-refused");
    row("NETWORK_ERROR", "UNKNOWN_HOST", "wiki.example.com", B, "unknown-host");
    row("NETWORK_ERROR", "SSL_UNTRUSTED", "", B, "certificate-untrusted");
    row("NETWORK_ERROR", "SSL_HOSTNAME_UNMATCHED", "", B, "certificate-host-mismatch");
    row("NETWORK_ERROR", "SSL_UNMATCHED", "", B, "tls-handshake-failed");
    row("NETWORK_ERROR", "OAUTH_PROBLEM", "token_rejected", B, "oauth-refused");
    row("NETWORK_ERROR", "OAUTH_TIMESTAMP_REFUSED", "", B, "clock-mismatch");
    row("NETWORK_ERROR", "OAUTH_SIGNATURE_INVALID", "", B, "signature-invalid");
    row("NETWORK_ERROR", "UNEXPECTED_RESPONSE", "", B, "unexpected-response");
    row("NETWORK_ERROR", "UNEXPECTED_RESPONSE_STATUS", "", B, "unexpected-response");
    row("ACCESS_ERROR", "LOCAL_AUTH_TOKEN_REQUIRED", "", B, "local-authorisation-needed");
    row("ACCESS_ERROR", "REMOTE_AUTH_TOKEN_REQUIRED", "", B, "remote-authorisation-needed");
    row("ACCESS_ERROR", "INSUFFICIENT_REMOTE_PERMISSION", "", B, "remote-not-admin");
    row("CONFIG_ERROR", "NO_REMOTE_APPLINK", "", B, "no-remote-link");
    row("CONFIG_ERROR", "AUTH_LEVEL_MISMATCH", "", B, "auth-level-mismatch");
    row("DEPRECATED", "AUTH_LEVEL_UNSUPPORTED", "", B, "auth-level-unsupported");
    row("DEPRECATED", "LEGACY_UPDATE", "", B, "legacy-authentication");
    row("DEPRECATED", "LEGACY_REMOVAL", "", B, "legacy-authentication");
    row("DEPRECATED", "MANUAL_LEGACY_UPDATE", "", B, "legacy-authentication");
    row("DEPRECATED", "MANUAL_LEGACY_REMOVAL", "", B, "legacy-authentication");
    row("DEPRECATED", "MANUAL_LEGACY_REMOVAL_WITH_OLD_EDIT", "", B, "legacy-authentication");
    row("DISABLED", "DISABLED", "", B, "oauth-disabled");
    // The consumer is missing on the remote: OAUTH_PROBLEM with the remote's oauth_problem.
    QTest::newRow("OAUTH_PROBLEM consumer_key_unknown")
        << QStringLiteral("NETWORK_ERROR") << QStringLiteral("OAUTH_PROBLEM")
        << QStringLiteral("consumer_key_unknown") << B
        << QStringLiteral("consumer-missing-on-remote");
    // A type a newer Jira may add, or none at all: still a plain sentence, not a blank.
    row("NETWORK_ERROR", "SOMETHING_NEW", "", B, "unknown-error");
    row("", "", "", B, "unknown-error");
}

void TestAppLinkDiagnosis::everyErrorType()
{
    QFETCH(QString, category);
    QFETCH(QString, type);
    QFETCH(QString, details);
    QFETCH(Verdict, verdict);
    QFETCH(QString, problem);
    const AppLinkDiagnosis d = AppLinkDiagnosis::of(broken(category, type, details));
    QCOMPARE(d.verdict, verdict);
    QCOMPARE(AppLinkDiagnosis::problemKey(d.problem), problem);
    QVERIFY(!d.summary.trimmed().isEmpty());
    QVERIFY2(d.summary.endsWith(QLatin1Char('.')), qPrintable(d.summary));
    // Every fault says what to do next; a link that is not checked needs nothing done.
    if (verdict == Verdict::Broken)
        QVERIFY2(!d.advice.trimmed().isEmpty(), qPrintable(type));
    QVERIFY(d.isFault() == (verdict == Verdict::Broken));
    // No raw type names for people, except where the type is all Jira said.
    if (problem != QLatin1String("unknown-error"))
        QVERIFY2(!d.summary.contains(type) || type.isEmpty(), qPrintable(d.summary));
}

void TestAppLinkDiagnosis::faultsHaveTheirOwnWords()
{
    // Different faults must not read alike: the table is the point.
    const char *types[] = {"CONNECTION_REFUSED",
                           "UNKNOWN_HOST",
                           "SSL_UNTRUSTED",
                           "SSL_HOSTNAME_UNMATCHED",
                           "SSL_UNMATCHED",
                           "OAUTH_PROBLEM",
                           "OAUTH_TIMESTAMP_REFUSED",
                           "OAUTH_SIGNATURE_INVALID",
                           "UNEXPECTED_RESPONSE",
                           "LOCAL_AUTH_TOKEN_REQUIRED",
                           "REMOTE_AUTH_TOKEN_REQUIRED",
                           "INSUFFICIENT_REMOTE_PERMISSION",
                           "NO_REMOTE_APPLINK",
                           "AUTH_LEVEL_MISMATCH",
                           "AUTH_LEVEL_UNSUPPORTED",
                           "NO_OUTGOING_AUTH",
                           "REMOTE_VERSION_INCOMPATIBLE",
                           "LEGACY_UPDATE",
                           "DISABLED",
                           "GENERIC_LINK",
                           "SYSTEM_LINK"};
    QSet<QString> summaries;
    QSet<QString> advice;
    for (const char *type : types) {
        const AppLinkDiagnosis d =
            AppLinkDiagnosis::of(broken(QString(), QString::fromLatin1(type)));
        QVERIFY2(!summaries.contains(d.summary), type);
        summaries.insert(d.summary);
        if (!d.advice.isEmpty()) {
            QVERIFY2(!advice.contains(d.advice), type);
            advice.insert(d.advice);
        }
    }
}

void TestAppLinkDiagnosis::working()
{
    AppLinkStatus status = broken(QString(), QString());
    status.working = true;
    const AppLinkDiagnosis d = AppLinkDiagnosis::of(status);
    QCOMPARE(d.verdict, Verdict::Working);
    QCOMPARE(AppLinkDiagnosis::problemKey(d.problem), QStringLiteral("none"));
    QVERIFY(!d.isFault());
    QVERIFY(d.advice.isEmpty());
}

void TestAppLinkDiagnosis::authorisationLinkIsInTheAdvice_data()
{
    QTest::addColumn<QString>("type");
    QTest::newRow("local") << QStringLiteral("LOCAL_AUTH_TOKEN_REQUIRED");
    QTest::newRow("remote") << QStringLiteral("REMOTE_AUTH_TOKEN_REQUIRED");
}

void TestAppLinkDiagnosis::authorisationLinkIsInTheAdvice()
{
    QFETCH(QString, type);
    AppLinkStatus status = broken(QStringLiteral("ACCESS_ERROR"), type);
    status.authorisationUri =
        QStringLiteral("https://wiki.example.com/plugins/servlet/oauth/authorize?oauth_token=t");
    const AppLinkDiagnosis d = AppLinkDiagnosis::of(status);
    QVERIFY2(d.advice.contains(status.authorisationUri), qPrintable(d.advice));
}

void TestAppLinkDiagnosis::recordedStatusFromTrackersim()
{
    QFile file(QStringLiteral(ACCESSDESK_FIXTURES "/models/applink-status-confluence.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto status = decodeAppLinkStatus(file.readAll());
    QVERIFY2(status, qPrintable(status.error));
    const AppLinkDiagnosis d = AppLinkDiagnosis::of(*status);
    QCOMPARE(AppLinkDiagnosis::problemKey(d.problem), QStringLiteral("unknown-host"));
    QVERIFY2(d.summary.contains(QLatin1String("wiki.example.test")), qPrintable(d.summary));
}

void TestAppLinkDiagnosis::statusCallFailures_data()
{
    QTest::addColumn<ApiError::Kind>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("problem");
    QTest::newRow("403 not an admin") << ApiError::Kind::Forbidden << 403 << "not-admin";
    QTest::newRow("401 anonymous") << ApiError::Kind::Unauthenticated << 401 << "sign-in-refused";
    QTest::newRow("404 link gone") << ApiError::Kind::NotFound << 404 << "link-gone";
    QTest::newRow("timeout") << ApiError::Kind::Timeout << 0 << "check-timed-out";
    QTest::newRow("network") << ApiError::Kind::Network << 0 << "jira-unreachable";
    QTest::newRow("500") << ApiError::Kind::Server << 500 << "check-failed";
    QTest::newRow("malformed") << ApiError::Kind::MalformedResponse << 200 << "check-failed";
}

void TestAppLinkDiagnosis::statusCallFailures()
{
    QFETCH(ApiError::Kind, kind);
    QFETCH(int, status);
    QFETCH(QString, problem);
    const AppLinkDiagnosis d = AppLinkDiagnosis::ofError(ApiError(kind, status, {}));
    QCOMPARE(d.verdict, Verdict::Unknown);
    QCOMPARE(AppLinkDiagnosis::problemKey(d.problem), problem);
    QVERIFY(d.isFault());
    QVERIFY(!d.summary.isEmpty());
    QVERIFY(!d.advice.isEmpty());
}

QTEST_GUILESS_MAIN(TestAppLinkDiagnosis)
#include "tst_applinkdiagnosis.moc"
