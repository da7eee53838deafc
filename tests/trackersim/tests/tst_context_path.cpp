// trackersim under a context path (issue 9): Jira deployed at https://host/jira answers only
// below /jira, and every URL it hands out (base URL, forms, redirects, cookies) carries the prefix.
// These checks run the real executable, as every harness does, and talk HTTP to it.
#include "SimProcess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <QUrlQuery>

#include <memory>

namespace {

const QString kPrefix = QStringLiteral("/jira");

// Every value of `attribute` (action, href) in an HTML page.
QStringList attributeValues(const QByteArray &page, const QString &attribute)
{
    QStringList values;
    const QRegularExpression pattern(QStringLiteral("\\b%1=\"([^\"]*)\"").arg(attribute));
    auto it = pattern.globalMatch(QString::fromUtf8(page));
    while (it.hasNext())
        values.append(it.next().captured(1).replace(QLatin1String("&amp;"), QLatin1String("&")));
    return values;
}

QString origin(const QString &url)
{
    return QUrl(url).adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toString();
}

} // namespace

class TestContextPath : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void announcedUrlCarriesThePrefix();
    void serverInfoAnswersBelowThePrefix();
    void pathsOutsideThePrefixAreNotFound();
    void restErrorsNameTheFullUri();
    void accessTokensPageFormsCarryThePrefix();
    void loginRedirectAndCookieCarryThePrefix();
    void oauth2MetadataCarriesThePrefix();
    void controlInterfaceAnswersAtBothPlaces();
    void environmentVariableIsTheDefault();
    void optionOverridesTheEnvironment();
    void badContextPathsAreRefused_data();
    void badContextPathsAreRefused();

private:
    HttpResult get(const QString &url, const QByteArray &user = {});

    std::unique_ptr<SimProcess> m_sim;
    QNetworkAccessManager m_network;
};

void TestContextPath::initTestCase()
{
    // Explicit, so that the suite's own TRACKERSIM_CONTEXT_PATH pass cannot change the subject.
    m_sim = std::make_unique<SimProcess>(QStringList{QStringLiteral("--context-path"), kPrefix});
    QVERIFY2(m_sim->start(), qPrintable(m_sim->errorText()));
    // Redirects are what is checked here, not followed.
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

void TestContextPath::cleanupTestCase()
{
    m_sim.reset();
}

HttpResult TestContextPath::get(const QString &url, const QByteArray &user)
{
    return httpSend(m_network, jsonRequest(url, user), "GET");
}

void TestContextPath::announcedUrlCarriesThePrefix()
{
    const QUrl url(m_sim->url());
    QCOMPARE(url.path(), kPrefix);
    QVERIFY(url.port() > 0);
}

void TestContextPath::serverInfoAnswersBelowThePrefix()
{
    const HttpResult info = get(m_sim->url() + QStringLiteral("/rest/api/2/serverInfo"));
    QCOMPARE(info.status, 200);
    const QString baseUrl =
        QJsonDocument::fromJson(info.body).object().value(QStringLiteral("baseUrl")).toString();
    QVERIFY2(baseUrl.endsWith(kPrefix), qPrintable(baseUrl));
    QCOMPARE(baseUrl, m_sim->url());

    // Self links are built from the same base URL.
    const HttpResult myself =
        get(m_sim->url() + QStringLiteral("/rest/api/2/myself"), QByteArrayLiteral("alice"));
    QCOMPARE(myself.status, 200);
    const QString self =
        QJsonDocument::fromJson(myself.body).object().value(QStringLiteral("self")).toString();
    QVERIFY2(self.startsWith(m_sim->url() + QStringLiteral("/rest/")), qPrintable(self));
}

void TestContextPath::pathsOutsideThePrefixAreNotFound()
{
    const QString root = origin(m_sim->url());
    for (const QString &path :
         {QStringLiteral("/rest/api/2/serverInfo"), QStringLiteral("/login.jsp"),
          QStringLiteral("/plugins/servlet/oauth/users/access-tokens"), QStringLiteral("/"),
          QStringLiteral("/jiraX/rest/api/2/serverInfo")}) {
        const HttpResult outside = get(root + path, QByteArrayLiteral("alice"));
        QVERIFY2(outside.status == 404,
                 qPrintable(path + QStringLiteral(": ") + QString::number(outside.status)));
        // The proxy's answer, not Jira's: Jira never saw the request.
        QVERIFY2(!outside.header("Content-Type").contains("json"), qPrintable(path));
        QVERIFY(outside.header("X-AREQUESTID").isEmpty());
    }
    // The prefix alone is the application's root, as "/" is without one: Jira answers it.
    QVERIFY(!get(m_sim->url()).header("X-AREQUESTID").isEmpty());
    QVERIFY(!get(m_sim->url() + QStringLiteral("/")).header("X-AREQUESTID").isEmpty());
}

void TestContextPath::restErrorsNameTheFullUri()
{
    const HttpResult missing =
        get(m_sim->url() + QStringLiteral("/rest/api/2/nothing-here"), QByteArrayLiteral("alice"));
    QCOMPARE(missing.status, 404);
    QVERIFY2(
        missing.body.contains((m_sim->url() + QStringLiteral("/rest/api/2/nothing-here")).toUtf8()),
        missing.body.constData());
}

void TestContextPath::accessTokensPageFormsCarryThePrefix()
{
    const HttpResult page =
        get(m_sim->url() + QStringLiteral("/plugins/servlet/oauth/users/access-tokens"),
            QByteArrayLiteral("alice"));
    QCOMPARE(page.status, 200);
    const QStringList actions = attributeValues(page.body, QStringLiteral("action"));
    // The seed gives alice one OAuth 1.0a and one OAuth 2.0 grant: two revoke forms.
    QVERIFY2(actions.size() >= 2, page.body.constData());
    const QString below = m_sim->url() + QLatin1Char('/');
    QVERIFY2(actions.contains(below + QStringLiteral("plugins/servlet/oauth/users/revoke-token")),
             qPrintable(actions.join(QLatin1Char(' '))));
    for (const QString &action : actions)
        QVERIFY2(action.startsWith(below), qPrintable(action));
    for (const QString &revokeUrl : attributeValues(page.body, QStringLiteral("data-revoke-url")))
        QVERIFY2(revokeUrl.startsWith(below + QStringLiteral("rest/oauth2/")),
                 qPrintable(revokeUrl));
    // Links into this server (not the consumers' own sites) carry the prefix too.
    for (const QString &href : attributeValues(page.body, QStringLiteral("href"))) {
        if (origin(href) == origin(m_sim->url()))
            QVERIFY2(href.startsWith(below), qPrintable(href));
    }

    // The form works where it points: revoking the OAuth 1.0a grant through its action.
    const QRegularExpression tokenField(
        QStringLiteral("data-oauth2=\"false\">.*?name=\"token\" value=\"([^\"]+)\""));
    const QString token = tokenField.match(QString::fromUtf8(page.body)).captured(1);
    QVERIFY(!token.isEmpty());
    QNetworkRequest post =
        jsonRequest(below + QStringLiteral("plugins/servlet/oauth/users/revoke-token"),
                    QByteArrayLiteral("alice"));
    post.setHeader(QNetworkRequest::ContentTypeHeader,
                   QStringLiteral("application/x-www-form-urlencoded"));
    post.setRawHeader("X-Atlassian-Token", "no-check");
    QCOMPARE(httpSend(m_network, post, "POST", "token=" + QUrl::toPercentEncoding(token)).status,
             200);
    const HttpResult after =
        get(m_sim->url() + QStringLiteral("/plugins/servlet/oauth/users/access-tokens"),
            QByteArrayLiteral("alice"));
    QVERIFY(!after.body.contains(token.toUtf8()));
}

void TestContextPath::loginRedirectAndCookieCarryThePrefix()
{
    const HttpResult anonymous =
        get(m_sim->url() + QStringLiteral("/plugins/servlet/oauth/users/access-tokens"));
    QCOMPARE(anonymous.status, 302);
    const QUrl location(QString::fromUtf8(anonymous.header("Location")));
    QCOMPARE(location.path(), kPrefix + QStringLiteral("/login.jsp"));
    // Seraph's os_destination is relative to the context path.
    QCOMPARE(
        QUrlQuery(location).queryItemValue(QStringLiteral("os_destination"), QUrl::FullyDecoded),
        QStringLiteral("/plugins/servlet/oauth/users/access-tokens"));

    const HttpResult form = get(location.toString());
    QCOMPARE(form.status, 200);
    QCOMPARE(attributeValues(form.body, QStringLiteral("action")),
             QStringList{m_sim->url() + QStringLiteral("/login.jsp")});

    QNetworkRequest login(QUrl(m_sim->url() + QStringLiteral("/login.jsp")));
    login.setHeader(QNetworkRequest::ContentTypeHeader,
                    QStringLiteral("application/x-www-form-urlencoded"));
    const HttpResult loggedIn = httpSend(
        m_network, login, "POST",
        "os_username=alice&os_password=alice&os_destination=%2Fplugins%2Fservlet%2Foauth%2Fusers%"
        "2Faccess-tokens");
    QCOMPARE(loggedIn.status, 302);
    QCOMPARE(QString::fromUtf8(loggedIn.header("Location")),
             m_sim->url() + QStringLiteral("/plugins/servlet/oauth/users/access-tokens"));
    // Tomcat scopes the session cookie to the application's path.
    QVERIFY2(loggedIn.header("Set-Cookie").contains("; Path=/jira;"),
             loggedIn.header("Set-Cookie").constData());
}

void TestContextPath::oauth2MetadataCarriesThePrefix()
{
    const HttpResult metadata =
        get(m_sim->url() +
            QStringLiteral("/rest/oauth2/latest/.well-known/oauth-authorization-server"));
    QCOMPARE(metadata.status, 200);
    const QJsonObject object = QJsonDocument::fromJson(metadata.body).object();
    QCOMPARE(object.value(QStringLiteral("issuer")).toString(), m_sim->url());
    for (const char *endpoint :
         {"authorization_endpoint", "token_endpoint", "revocation_endpoint"}) {
        const QString url = object.value(QLatin1String(endpoint)).toString();
        QVERIFY2(url.startsWith(m_sim->url() + QStringLiteral("/rest/oauth2/latest/")),
                 qPrintable(url));
    }
}

void TestContextPath::controlInterfaceAnswersAtBothPlaces()
{
    // It is no part of Jira: harnesses reach it from the announced URL or from the origin alone.
    const QStringList bases{m_sim->url(), origin(m_sim->url())};
    for (const QString &base : bases) {
        const QString url = base + QStringLiteral("/__trackersim/health");
        const HttpResult health = get(url);
        QVERIFY2(health.status == 200, qPrintable(url));
        QCOMPARE(QJsonDocument::fromJson(health.body)
                     .object()
                     .value(QStringLiteral("baseUrl"))
                     .toString(),
                 m_sim->url());
    }
}

void TestContextPath::environmentVariableIsTheDefault()
{
    const QByteArray saved = qgetenv("TRACKERSIM_CONTEXT_PATH");
    qputenv("TRACKERSIM_CONTEXT_PATH", "/tools/jira/");
    SimProcess sim;
    const bool started = sim.start();
    if (saved.isNull())
        qunsetenv("TRACKERSIM_CONTEXT_PATH");
    else
        qputenv("TRACKERSIM_CONTEXT_PATH", saved);
    QVERIFY2(started, qPrintable(sim.errorText()));
    QCOMPARE(QUrl(sim.url()).path(), QStringLiteral("/tools/jira"));
    QCOMPARE(get(sim.url() + QStringLiteral("/rest/api/2/serverInfo")).status, 200);
    QCOMPARE(get(origin(sim.url()) + QStringLiteral("/jira/rest/api/2/serverInfo")).status, 404);
}

void TestContextPath::optionOverridesTheEnvironment()
{
    const QByteArray saved = qgetenv("TRACKERSIM_CONTEXT_PATH");
    qputenv("TRACKERSIM_CONTEXT_PATH", "/jira");
    SimProcess sim({QStringLiteral("--context-path"), QStringLiteral("/")});
    const bool started = sim.start();
    if (saved.isNull())
        qunsetenv("TRACKERSIM_CONTEXT_PATH");
    else
        qputenv("TRACKERSIM_CONTEXT_PATH", saved);
    QVERIFY2(started, qPrintable(sim.errorText()));
    QCOMPARE(QUrl(sim.url()).path(), QString());
    const HttpResult info = get(sim.url() + QStringLiteral("/rest/api/2/serverInfo"));
    QCOMPARE(info.status, 200);
    QCOMPARE(
        QJsonDocument::fromJson(info.body).object().value(QStringLiteral("baseUrl")).toString(),
        sim.url());
}

void TestContextPath::badContextPathsAreRefused_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("space") << QStringLiteral("/my jira");
    QTest::newRow("dot-dot") << QStringLiteral("/a/../b");
    QTest::newRow("query") << QStringLiteral("/jira?x=1");
    QTest::newRow("control") << QStringLiteral("/__trackersim");
}

void TestContextPath::badContextPathsAreRefused()
{
    QFETCH(QString, path);
    QProcess process;
    process.start(SimProcess::binary(), {QStringLiteral("--port"), QStringLiteral("0"),
                                         QStringLiteral("--context-path"), path});
    QVERIFY(process.waitForFinished(20000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(process.readAllStandardError().contains("--context-path"));
}

QTEST_GUILESS_MAIN(TestContextPath)
#include "tst_context_path.moc"
