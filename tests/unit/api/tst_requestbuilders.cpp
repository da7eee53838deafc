// Every build() of the application-link, consumer and OAuth 2.0 client jobs, offline: method,
// path, query, body (compared as JSON), content type and the headers that are not the same for
// every request. Also the admin decoders those jobs use.
#include "AdminDecoders.h"
#include "api/AppLinkJobs.h"
#include "api/ConsumerJobs.h"
#include "api/OAuth2ClientJobs.h"
#include "api/ServerConnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>

#include <optional>

using namespace accessdesk;

namespace {

const QString kLink = QStringLiteral("85dceef5-feca-3983-943c-83b6d193b1d8");

struct Expected
{
    Expected(QByteArray method, QString path, QList<QPair<QString, QString>> query = {},
             std::optional<QJsonDocument> body = std::nullopt,
             QByteArray accept = "application/json")
        : method(std::move(method))
        , path(std::move(path))
        , query(std::move(query))
        , body(std::move(body))
        , accept(std::move(accept))
    {}

    QByteArray method;
    QString path;
    QList<QPair<QString, QString>> query; // fully decoded, in order
    std::optional<QJsonDocument> body;    // none: no body and no content type
    QByteArray accept;
};

ConnectionSettings settingsFor(const QString &baseUrl)
{
    ConnectionSettings settings;
    settings.baseUrl = QUrl(baseUrl);
    return settings;
}

// Empty when the request is as expected, else what differs (QTest macros cannot return early
// from a helper).
QString differences(const ApiRequest &request, const Expected &expected)
{
    QStringList out;
    if (request.method != expected.method)
        out.append(
            QStringLiteral("method %1, expected %2")
                .arg(QString::fromLatin1(request.method), QString::fromLatin1(expected.method)));
    if (request.path != expected.path)
        out.append(QStringLiteral("path %1, expected %2").arg(request.path, expected.path));
    const auto query = request.query.queryItems(QUrl::FullyDecoded);
    if (query != expected.query) {
        QStringList items;
        for (const auto &[key, value] : query)
            items.append(key + QLatin1Char('=') + value);
        out.append(QStringLiteral("query [%1]").arg(items.join(QLatin1Char('&'))));
    }
    if (request.accept != expected.accept)
        out.append(QStringLiteral("accept %1").arg(QString::fromLatin1(request.accept)));
    if (expected.body) {
        QJsonParseError error;
        const QJsonDocument body = QJsonDocument::fromJson(request.body, &error);
        if (error.error != QJsonParseError::NoError || body != *expected.body)
            out.append(QStringLiteral("body %1, expected %2")
                           .arg(QString::fromUtf8(request.body),
                                QString::fromUtf8(expected.body->toJson(QJsonDocument::Compact))));
        if (request.contentType != "application/json")
            out.append(
                QStringLiteral("content type %1").arg(QString::fromLatin1(request.contentType)));
    } else if (!request.body.isEmpty() || !request.contentType.isEmpty()) {
        out.append(
            QStringLiteral("unexpected body %1 (%2)")
                .arg(QString::fromUtf8(request.body), QString::fromLatin1(request.contentType)));
    }
    return out.join(QStringLiteral("; "));
}

#define CHECK_REQUEST(request, ...)                                                                \
    do {                                                                                           \
        const QString problems = differences((request), Expected{__VA_ARGS__});                    \
        QVERIFY2(problems.isEmpty(), qPrintable(problems));                                        \
    } while (false)

QJsonDocument object(const QJsonObject &value)
{
    return QJsonDocument(value);
}

} // namespace

class TestRequestBuilders : public QObject
{
    Q_OBJECT

private slots:
    void appLinkReads();
    void createAppLink();
    void updateAppLink();
    void deleteAppLink();
    void makePrimaryIsABodylessWrite();
    void oauthStatus();
    void manifestAndProbe();
    void relocate();
    void consumers();
    void putConsumerAutoConfigure();
    void consumerInfoAsksForXml();
    void oauth2Clients();
    void queryValuesSurviveEncoding();

    void decodesManifest();
    void decodesProbeAnswers();
    void decodesLinksWithAuth();
    void decodesRestStatusShapes();
    void appLinkIdFromHrefs();
    void refusesMalformedAdminAnswers_data();
    void refusesMalformedAdminAnswers();
};

void TestRequestBuilders::appLinkReads()
{
    CHECK_REQUEST(ListAppLinks::build(), "GET", QStringLiteral("/rest/applinks/3.0/applinks"));
    CHECK_REQUEST(ListAppLinks::build({QStringLiteral("iconUri"), QStringLiteral("configUrl")}),
                  "GET", QStringLiteral("/rest/applinks/3.0/applinks"),
                  {{QStringLiteral("data"), QStringLiteral("iconUri")},
                   {QStringLiteral("data"), QStringLiteral("configUrl")}});
    CHECK_REQUEST(GetAppLink::build(kLink), "GET",
                  QStringLiteral("/rest/applinks/3.0/applinks/") + kLink);
    CHECK_REQUEST(GetAppLinkStatus::build(kLink), "GET",
                  QStringLiteral("/rest/applinks/3.0/status/") + kLink);
    CHECK_REQUEST(
        GetAppLinkStatus::build(kLink, QUrl(QStringLiteral("https://app.test/back?x=1"))), "GET",
        QStringLiteral("/rest/applinks/3.0/status/") + kLink,
        {{QStringLiteral("authorisationCallback"), QStringLiteral("https://app.test/back?x=1")}});
    CHECK_REQUEST(GetAppLinkOAuthStatus::build(kLink), "GET",
                  QStringLiteral("/rest/applinks/3.0/status/") + kLink + QStringLiteral("/oauth"));
    CHECK_REQUEST(ListAuthProviders::build(kLink), "GET",
                  QStringLiteral("/rest/applinks/2.0/applicationlink/") + kLink +
                      QStringLiteral("/authentication/provider"));
    CHECK_REQUEST(ListAppLinksWithAuth::build(), "GET",
                  QStringLiteral("/rest/applinks/1.0/listApplicationlinks"));
}

void TestRequestBuilders::createAppLink()
{
    AppLinkDraft generic{{},
                         QStringLiteral("generic"),
                         QStringLiteral("Tool"),
                         QStringLiteral("https://tool.test"),
                         QStringLiteral("https://tool.test/ui"),
                         false};
    CHECK_REQUEST(CreateAppLink::build(generic), "PUT",
                  QStringLiteral("/rest/applinks/2.0/applicationlink"), {},
                  object({{QStringLiteral("typeId"), QStringLiteral("generic")},
                          {QStringLiteral("name"), QStringLiteral("Tool")},
                          {QStringLiteral("rpcUrl"), QStringLiteral("https://tool.test")},
                          {QStringLiteral("displayUrl"), QStringLiteral("https://tool.test/ui")}}));

    AppLinkDraft confluence{kLink,
                            QStringLiteral("confluence"),
                            QStringLiteral("Wiki"),
                            QStringLiteral("https://wiki.test"),
                            QStringLiteral("https://wiki.test"),
                            true};
    CHECK_REQUEST(CreateAppLink::build(confluence), "PUT",
                  QStringLiteral("/rest/applinks/2.0/applicationlink"), {},
                  object({{QStringLiteral("id"), kLink},
                          {QStringLiteral("typeId"), QStringLiteral("confluence")},
                          {QStringLiteral("name"), QStringLiteral("Wiki")},
                          {QStringLiteral("rpcUrl"), QStringLiteral("https://wiki.test")},
                          {QStringLiteral("displayUrl"), QStringLiteral("https://wiki.test")},
                          {QStringLiteral("isPrimary"), true}}));
}

void TestRequestBuilders::updateAppLink()
{
    const AppLinkUpdate update{QStringLiteral("Wiki 2"), QStringLiteral("https://new.test"),
                               QStringLiteral("https://new.test/"), false};
    CHECK_REQUEST(UpdateAppLink::build(kLink, update), "PUT",
                  QStringLiteral("/rest/applinks/3.0/applinks/") + kLink, {},
                  object({{QStringLiteral("name"), QStringLiteral("Wiki 2")},
                          {QStringLiteral("rpcUrl"), QStringLiteral("https://new.test")},
                          {QStringLiteral("displayUrl"), QStringLiteral("https://new.test/")},
                          {QStringLiteral("primary"), false}}));
}

void TestRequestBuilders::deleteAppLink()
{
    CHECK_REQUEST(DeleteAppLink::build(kLink, AppLinkDeletion::ThisEndOnly), "DELETE",
                  QStringLiteral("/rest/applinks/3.0/applinks/") + kLink);
    CHECK_REQUEST(DeleteAppLink::build(kLink, AppLinkDeletion::BothEnds), "DELETE",
                  QStringLiteral("/rest/applinks/1.0/applicationlink/") + kLink,
                  {{QStringLiteral("reciprocate"), QStringLiteral("true")}});
}

void TestRequestBuilders::makePrimaryIsABodylessWrite()
{
    const ApiRequest request = MakeAppLinkPrimary::build(kLink);
    CHECK_REQUEST(request, "POST",
                  QStringLiteral("/rest/applinks/1.0/applicationlink/primary/") + kLink);
    // Without a media type only the XSRF opt-out lets this POST through (spec 1.5).
    QNetworkAccessManager network;
    ServerConnection server(&network, settingsFor(QStringLiteral("https://jira.test/jira")),
                            nullptr);
    const QNetworkRequest sent = server.networkRequest(request);
    QCOMPARE(sent.rawHeader("X-Atlassian-Token"), QByteArrayLiteral("no-check"));
    QCOMPARE(sent.url().toString(),
             QStringLiteral("https://jira.test/jira/rest/applinks/1.0/applicationlink/primary/") +
                 kLink);
}

void TestRequestBuilders::oauthStatus()
{
    const OAuthStatus status{{true, true, false}, {false, false, false}};
    CHECK_REQUEST(SetAppLinkOAuthStatus::build(kLink, status), "PUT",
                  QStringLiteral("/rest/applinks/3.0/status/") + kLink + QStringLiteral("/oauth"),
                  {},
                  object({{QStringLiteral("incoming"),
                           QJsonObject{{QStringLiteral("enabled"), true},
                                       {QStringLiteral("twoLoEnabled"), true},
                                       {QStringLiteral("twoLoImpersonationEnabled"), false}}},
                          {QStringLiteral("outgoing"),
                           QJsonObject{{QStringLiteral("enabled"), false},
                                       {QStringLiteral("twoLoEnabled"), false},
                                       {QStringLiteral("twoLoImpersonationEnabled"), false}}}}));
}

void TestRequestBuilders::manifestAndProbe()
{
    CHECK_REQUEST(GetManifest::build(), "GET", QStringLiteral("/rest/applinks/1.0/manifest"));
    const ApiRequest probe = ProbeRemoteManifest::build(QStringLiteral("https://wiki.test/c"));
    CHECK_REQUEST(probe, "GET", QStringLiteral("/rest/applinks/1.0/applicationlinkForm/manifest"),
                  {{QStringLiteral("url"), QStringLiteral("https://wiki.test/c")}});
    // The probe is an XSRF-checked GET, so it carries the opt-out itself.
    QVERIFY(probe.extraHeaders.contains(
        qMakePair(QByteArray("X-Atlassian-Token"), QByteArray("no-check"))));
}

void TestRequestBuilders::relocate()
{
    const QString path = QStringLiteral("/rest/applinks/1.0/relocateApplicationlink/") + kLink;
    CHECK_REQUEST(RelocateAppLink::build(kLink, QStringLiteral("https://moved.test"), false),
                  "POST", path,
                  {{QStringLiteral("newUrl"), QStringLiteral("https://moved.test")},
                   {QStringLiteral("nowarning"), QStringLiteral("false")}});
    CHECK_REQUEST(RelocateAppLink::build(kLink, QStringLiteral("https://moved.test"), true), "POST",
                  path,
                  {{QStringLiteral("newUrl"), QStringLiteral("https://moved.test")},
                   {QStringLiteral("nowarning"), QStringLiteral("true")}});
}

void TestRequestBuilders::consumers()
{
    const QString base = QStringLiteral("/rest/applinks-oauth/1.0/applicationlink/") + kLink +
                         QStringLiteral("/authentication");
    CHECK_REQUEST(GetAppLinkAuthentication::build(kLink), "GET", base);
    CHECK_REQUEST(GetIncomingConsumer::build(kLink), "GET", base + QStringLiteral("/consumer"));

    const QString pem =
        QStringLiteral("-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n");
    IncomingConsumerDraft draft;
    draft.key = QStringLiteral("desktop-admin-client");
    draft.name = QStringLiteral("Desktop Admin Client");
    draft.description = QStringLiteral("Desktop admin tool https://tools.test");
    draft.publicKey = pem;
    draft.callback = QStringLiteral("http://localhost:8765/oauth/callback");
    draft.twoLoAllowed = true;
    draft.executingTwoLoUser = QStringLiteral("robot");
    CHECK_REQUEST(PutIncomingConsumer::build(kLink, draft), "PUT",
                  base + QStringLiteral("/consumer"), {},
                  object({{QStringLiteral("key"), QStringLiteral("desktop-admin-client")},
                          {QStringLiteral("name"), QStringLiteral("Desktop Admin Client")},
                          {QStringLiteral("description"),
                           QStringLiteral("Desktop admin tool https://tools.test")},
                          {QStringLiteral("publicKey"), pem}, // PEM as given
                          {QStringLiteral("callback"),
                           QStringLiteral("http://localhost:8765/oauth/callback")},
                          {QStringLiteral("twoLOAllowed"), true},
                          {QStringLiteral("executingTwoLOUser"), QStringLiteral("robot")},
                          {QStringLiteral("twoLOImpersonationAllowed"), false}}));

    IncomingConsumerDraft bare;
    bare.key = QStringLiteral("k");
    bare.publicKey = QStringLiteral("MIIBIjANBgkq");
    CHECK_REQUEST(PutIncomingConsumer::build(kLink, bare), "PUT",
                  base + QStringLiteral("/consumer"), {},
                  object({{QStringLiteral("key"), QStringLiteral("k")},
                          {QStringLiteral("publicKey"), QStringLiteral("MIIBIjANBgkq")},
                          {QStringLiteral("twoLOAllowed"), false},
                          {QStringLiteral("twoLOImpersonationAllowed"), false}}));
}

void TestRequestBuilders::putConsumerAutoConfigure()
{
    IncomingConsumerDraft flags;
    flags.twoLoAllowed = true;
    flags.twoLoImpersonationAllowed = true;
    CHECK_REQUEST(PutIncomingConsumer::build(kLink, flags, ConsumerSetup::AutoConfigure), "PUT",
                  QStringLiteral("/rest/applinks-oauth/1.0/applicationlink/") + kLink +
                      QStringLiteral("/authentication/consumer"),
                  {{QStringLiteral("autoConfigure"), QStringLiteral("true")}},
                  object({{QStringLiteral("twoLOAllowed"), true},
                          {QStringLiteral("twoLOImpersonationAllowed"), true}}));
}

void TestRequestBuilders::consumerInfoAsksForXml()
{
    CHECK_REQUEST(GetConsumerInfo::build(), "GET",
                  QStringLiteral("/plugins/servlet/oauth/consumer-info"), {}, std::nullopt,
                  "application/xml");
}

void TestRequestBuilders::oauth2Clients()
{
    const QString clients = QStringLiteral("/rest/oauth2/latest/client");
    const QString id = QStringLiteral("3f1e6c8a-7a1d-4a6f-9a3a-2c5d1b7e9f10");
    const QString clientId = QStringLiteral("38843a89f2b02a471000bc022e4b9de8");
    CHECK_REQUEST(ListOAuth2Clients::build(), "GET", clients);
    CHECK_REQUEST(GetOAuth2Client::build(id), "GET", clients + QLatin1Char('/') + id);

    const OAuth2ClientDraft draft{QStringLiteral("Desktop Admin Client"),
                                  {QStringLiteral("http://localhost:8765/callback")},
                                  QStringLiteral("ADMIN")};
    const QJsonDocument draftJson =
        object({{QStringLiteral("name"), QStringLiteral("Desktop Admin Client")},
                {QStringLiteral("redirects"),
                 QJsonArray{QStringLiteral("http://localhost:8765/callback")}},
                {QStringLiteral("scope"), QStringLiteral("ADMIN")}});
    CHECK_REQUEST(CreateOAuth2Client::build(draft), "POST", clients, {}, draftJson);
    CHECK_REQUEST(UpdateOAuth2Client::build(id, draft), "PUT", clients + QLatin1Char('/') + id, {},
                  draftJson);
    // Blank and empty mean "keep" to the server, so they are sent, not left out.
    CHECK_REQUEST(UpdateOAuth2Client::build(id, {QStringLiteral("New name"), {}, {}}), "PUT",
                  clients + QLatin1Char('/') + id, {},
                  object({{QStringLiteral("name"), QStringLiteral("New name")},
                          {QStringLiteral("redirects"), QJsonArray{}},
                          {QStringLiteral("scope"), QString()}}));
    CHECK_REQUEST(DeleteOAuth2Client::build(id), "DELETE", clients + QLatin1Char('/') + id);
    CHECK_REQUEST(ResetOAuth2ClientSecret::build(clientId), "PUT",
                  clients + QStringLiteral("/reset/") + clientId);
    CHECK_REQUEST(GetOAuth2Metadata::build(), "GET",
                  QStringLiteral("/rest/oauth2/latest/.well-known/oauth-authorization-server"));
}

void TestRequestBuilders::queryValuesSurviveEncoding()
{
    // '&', '=', '+', '%' and '#' in a URL parameter must reach the server as typed.
    const QString tricky = QStringLiteral("https://x.test/a b?c=d&e=1+2%41#f");
    QNetworkAccessManager network;
    ServerConnection server(&network, settingsFor(QStringLiteral("https://jira.test")), nullptr);
    for (const ApiRequest &request :
         {ProbeRemoteManifest::build(tricky), RelocateAppLink::build(kLink, tricky, true)}) {
        const QUrl url = server.urlFor(request);
        const QUrlQuery received(url.query(QUrl::FullyEncoded));
        const QString key = request.query.hasQueryItem(QStringLiteral("url"))
                                ? QStringLiteral("url")
                                : QStringLiteral("newUrl");
        QCOMPARE(received.queryItemValue(key, QUrl::FullyDecoded), tricky);
        QVERIFY2(!url.toEncoded().contains('+'), url.toEncoded().constData());
    }
}

void TestRequestBuilders::decodesManifest()
{
    const QByteArray json = R"({"id": "8f2b8d0e-1c55-3a6c-9a3e-2a1f4c0f7a11", "name": "Jira",
        "typeId": "jira", "version": "9.12.7", "buildNumber": 912007, "applinksVersion": "9.1.4",
        "inboundAuthenticationTypes": ["placeholder.to.ensure.backwards.compatibility",
            "com.atlassian.applinks.api.auth.types.OAuthAuthenticationProvider"],
        "outboundAuthenticationTypes": [], "publicSignup": false, "url": "https://jira.test",
        "iconUrl": "https://jira.test/16jira.png", "iconUri": "https://jira.test/jira.svg",
        "somethingNew": {"x": 1}})";
    const Decoded<AppManifest> manifest = decodeManifest(json);
    QVERIFY2(manifest.ok(), qPrintable(manifest.error));
    QCOMPARE(manifest->id, QStringLiteral("8f2b8d0e-1c55-3a6c-9a3e-2a1f4c0f7a11"));
    QCOMPARE(manifest->typeId, QStringLiteral("jira"));
    QCOMPARE(manifest->buildNumber, std::optional<qint64>(912007));
    QCOMPARE(manifest->inboundAuthenticationTypes.size(), 2);
    QCOMPARE(manifest->url, QStringLiteral("https://jira.test"));
}

void TestRequestBuilders::decodesProbeAnswers()
{
    const Decoded<ManifestProbe> remote =
        decodeManifestProbe(R"({"id": "a-b", "typeId": "confluence", "name": "Wiki"})");
    QVERIFY2(remote.ok(), qPrintable(remote.error));
    QVERIFY(remote->isAtlassian());
    QCOMPARE(remote->manifest->typeId, QStringLiteral("confluence"));

    const Decoded<ManifestProbe> warning = decodeManifestProbe(
        R"({"warning": "The host doesn't respond.", "code": "applinks.warning.unknown.host",
            "params": {"url": "https://down.test"}})");
    QVERIFY2(warning.ok(), qPrintable(warning.error));
    QVERIFY(!warning->isAtlassian());
    QCOMPARE(warning->warningCode, QStringLiteral("applinks.warning.unknown.host"));
    QCOMPARE(warning->warning, QStringLiteral("The host doesn't respond."));

    const Decoded<ManifestProbe> other = decodeManifestProbe("{}");
    QVERIFY(other.ok());
    QCOMPARE(*other, ManifestProbe{});
}

void TestRequestBuilders::decodesLinksWithAuth()
{
    const QByteArray json = R"({"list": [{
        "application": {"id": "2841b105-5904-3c0a-9710-1ff26ae88206", "typeId": "confluence",
                        "name": "Confluence", "displayUrl": "https://wiki.test",
                        "rpcUrl": "https://wiki.test", "isPrimary": true, "isSystem": false},
        "configuredOutboundAuthenticators": [
            "com.atlassian.applinks.api.auth.types.OAuthAuthenticationProvider"],
        "configuredInboundAuthenticators": [],
        "hasIncomingAuthenticationProviders": true, "hasOutgoingAuthenticationProviders": true,
        "webItems": [], "webPanels": [], "isSystem": false,
        "entityTypeIdStrings": ["confluence.space"], "appLinkState": "OK"}, null]})";
    const Decoded<QList<AppLinkWithAuth>> list = decodeAppLinksWithAuth(json);
    QVERIFY2(list.ok(), qPrintable(list.error));
    QCOMPARE(list->size(), 1);
    const AppLinkWithAuth &entry = list->first();
    QCOMPARE(entry.link.name, QStringLiteral("Confluence"));
    QVERIFY(entry.link.primary);
    QCOMPARE(entry.outboundAuthenticators.size(), 1);
    QVERIFY(entry.inboundAuthenticators.isEmpty());
    QVERIFY(entry.hasIncomingProviders);
    QCOMPARE(entry.entityTypes, QStringList{QStringLiteral("confluence.space")});
}

void TestRequestBuilders::decodesRestStatusShapes()
{
    const QString self =
        QStringLiteral("https://jira.test/rest/applinks/2.0/applicationlink/") + kLink;
    // The wrapper of the touched resources is uncertain: an array, an object, or absent.
    const QList<QByteArray> bodies{
        QByteArray(R"({"status-code": 201, "resources-created": [{"href": ")" + self.toUtf8() +
                   R"(", "rel": "self"}]})"),
        QByteArray(R"({"status-code": 201, "resources-created": {"link": [{"href": ")" +
                   self.toUtf8() + R"(", "rel": "self"}]}})"),
    };
    for (const QByteArray &body : bodies) {
        const Decoded<RestStatus> status = decodeRestStatus(body);
        QVERIFY2(status.ok(), qPrintable(status.error));
        QCOMPARE(status->statusCode, std::optional<qint64>(201));
        QCOMPARE(status->hrefs, QStringList{self});
    }
    const Decoded<RestStatus> plain = decodeRestStatus(
        R"({"message": "Deleted application with id '2841b105'", "status-code": 200})");
    QVERIFY(plain.ok());
    QCOMPARE(plain->message, QStringLiteral("Deleted application with id '2841b105'"));
    QVERIFY(plain->hrefs.isEmpty());
}

void TestRequestBuilders::appLinkIdFromHrefs()
{
    QCOMPARE(appLinkIdFromHref(QStringLiteral("https://j.test/rest/applinks/2.0/applicationlink/") +
                               kLink),
             kLink);
    QCOMPARE(appLinkIdFromHref(QStringLiteral("applicationlink/") + kLink + QLatin1Char('/')),
             kLink);
    QCOMPARE(appLinkIdFromHref(QStringLiteral("applicationlink/") + kLink +
                               QStringLiteral("/authentication/consumer")),
             QString());
    QCOMPARE(appLinkIdFromHref(
                 QStringLiteral("https://j.test/rest/applinks/1.0/applicationlink/primary")),
             QString());
    QCOMPARE(appLinkIdFromHref(QStringLiteral("https://j.test/other/") + kLink), QString());
}

void TestRequestBuilders::refusesMalformedAdminAnswers_data()
{
    QTest::addColumn<int>("decoder");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("manifest html")
        << 0 << QByteArray("<html><body>Log in</body></html>") << QStringLiteral("HTML");
    QTest::newRow("manifest without id")
        << 0 << QByteArray(R"({"name": "Jira"})") << QStringLiteral("id");
    QTest::newRow("manifest build as text")
        << 0 << QByteArray(R"({"id": "x", "buildNumber": "9"})") << QStringLiteral("buildNumber");
    QTest::newRow("probe array") << 1 << QByteArray("[]") << QStringLiteral("probe");
    QTest::newRow("probe warning as number")
        << 1 << QByteArray(R"({"warning": 3})") << QStringLiteral("warning");
    QTest::newRow("list entry without link")
        << 2 << QByteArray(R"({"list": [{"isSystem": false}]})")
        << QStringLiteral("list[0].application");
    QTest::newRow("list link id as number")
        << 2 << QByteArray(R"({"list": [{"application": {"id": 5}}]})")
        << QStringLiteral("list[0].application");
    QTest::newRow("list entry as string")
        << 2 << QByteArray(R"({"list": ["x"]})") << QStringLiteral("list[0]");
    QTest::newRow("status truncated")
        << 3 << QByteArray(R"({"status-code": 20)") << QStringLiteral("malformed");
    QTest::newRow("status code as text")
        << 3 << QByteArray(R"({"status-code": "201"})") << QStringLiteral("status-code");
}

void TestRequestBuilders::refusesMalformedAdminAnswers()
{
    QFETCH(int, decoder);
    QFETCH(QByteArray, body);
    QFETCH(QString, mentions);
    QString error;
    switch (decoder) {
    case 0:
        error = decodeManifest(body).error;
        break;
    case 1:
        error = decodeManifestProbe(body).error;
        break;
    case 2:
        error = decodeAppLinksWithAuth(body).error;
        break;
    default:
        error = decodeRestStatus(body).error;
        break;
    }
    QVERIFY2(!error.isEmpty(), "the decoder accepted it");
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestRequestBuilders)
#include "tst_requestbuilders.moc"
