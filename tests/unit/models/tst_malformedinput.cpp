#include "AppLinkDecoders.h"
#include "ConsumerDecoders.h"
#include "CoreDecoders.h"
#include "Fixtures.h"
#include "OAuth2Decoders.h"
#include "PatDecoders.h"

#include <QTest>

#include <functional>

using namespace accessdesk;

namespace {

// Each JSON decoder, reduced to "did it decode, and what did it say".
struct Outcome
{
    bool ok = false;
    QString error;
};

template<class T> Outcome outcomeOf(const Decoded<T> &decoded)
{
    return {decoded.ok(), decoded.error};
}

using Decoder = std::function<Outcome(const QByteArray &)>;

QList<std::pair<const char *, Decoder>> decoders()
{
    return {
        {"serverInfo", [](const QByteArray &b) { return outcomeOf(decodeServerInfo(b)); }},
        {"myself", [](const QByteArray &b) { return outcomeOf(decodeMyself(b)); }},
        {"mypermissions", [](const QByteArray &b) { return outcomeOf(decodeMyPermissions(b)); }},
        {"applinks v1", [](const QByteArray &b) { return outcomeOf(decodeAppLinksV1(b)); }},
        {"applink v1", [](const QByteArray &b) { return outcomeOf(decodeAppLinkV1(b)); }},
        {"applinks v3", [](const QByteArray &b) { return outcomeOf(decodeAppLinksV3(b)); }},
        {"applink v3", [](const QByteArray &b) { return outcomeOf(decodeAppLinkV3(b)); }},
        {"applink status", [](const QByteArray &b) { return outcomeOf(decodeAppLinkStatus(b)); }},
        {"oauth status", [](const QByteArray &b) { return outcomeOf(decodeOAuthStatus(b)); }},
        {"consumers", [](const QByteArray &b) { return outcomeOf(decodeConsumers(b)); }},
        {"consumer", [](const QByteArray &b) { return outcomeOf(decodeConsumer(b)); }},
        {"authentication",
         [](const QByteArray &b) { return outcomeOf(decodeAppLinkAuthentication(b)); }},
        {"auth providers", [](const QByteArray &b) { return outcomeOf(decodeAuthProviders(b)); }},
        {"oauth2 clients", [](const QByteArray &b) { return outcomeOf(decodeOAuth2Clients(b)); }},
        {"oauth2 client", [](const QByteArray &b) { return outcomeOf(decodeOAuth2Client(b)); }},
        {"oauth2 token",
         [](const QByteArray &b) { return outcomeOf(decodeOAuth2TokenResponse(b)); }},
        {"oauth2 metadata", [](const QByteArray &b) { return outcomeOf(decodeOAuth2Metadata(b)); }},
        {"pat list", [](const QByteArray &b) { return outcomeOf(decodePersonalTokens(b)); }},
        {"pat single", [](const QByteArray &b) { return outcomeOf(decodePersonalToken(b)); }},
        {"pat created",
         [](const QByteArray &b) { return outcomeOf(decodeCreatedPersonalToken(b)); }},
        {"pat search", [](const QByteArray &b) { return outcomeOf(decodeTokenSearchPage(b)); }},
        {"pat users", [](const QByteArray &b) { return outcomeOf(decodeTokenSearchUsers(b)); }},
    };
}

// Bodies no JSON decoder may accept, with a word its error must contain.
QList<std::tuple<const char *, QByteArray, QString>> badBodies()
{
    return {
        {"empty", QByteArray(), QStringLiteral("empty body")},
        {"white space", QByteArray(" \r\n\t"), QStringLiteral("empty body")},
        {"html error page",
         QByteArray("<!DOCTYPE html>\n<html><head><title>Log in - Jira</title></head>"
                    "<body>Oops</body></html>"),
         QStringLiteral("HTML page")},
        {"xml status",
         QByteArray("<?xml version=\"1.0\"?><status><status-code>401</status-code></status>"),
         QStringLiteral("XML")},
        {"plain text E8", QByteArray("XSRF check failed"), QStringLiteral("malformed")},
        {"truncated object", QByteArray(R"({"id": 1, "name": "lap)"), QStringLiteral("malformed")},
        {"truncated array", QByteArray(R"([{"id": 1}, {"id")"), QStringLiteral("malformed")},
        // Qt 6.4 refuses scalar roots while parsing, later versions parse them and the decoder
        // refuses the type: either way an error, worded by whichever layer caught it.
        {"null root", QByteArray("null"), QString()},
        {"string root", QByteArray(R"("hello")"), QString()},
        {"number root", QByteArray("123456789012345678901234567890"), QString()},
        {"invalid utf-8", QByteArray("{\"name\": \"\xff\xfe\"", 13), QStringLiteral("malformed")},
        {"deep nesting", QByteArray(5000, '['), QStringLiteral("malformed")},
        {"trailing garbage", QByteArray(R"({"a": 1} {"b": 2})"), QStringLiteral("malformed")},
    };
}

} // namespace

class TestMalformedInput final : public QObject
{
    Q_OBJECT

private slots:
    void everyJsonDecoderRejects_data();
    void everyJsonDecoderRejects();
    void everyJsonDecoderSurvivesEveryFixture();
};

void TestMalformedInput::everyJsonDecoderRejects_data()
{
    QTest::addColumn<int>("decoder");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    const auto all = decoders();
    for (qsizetype d = 0; d < all.size(); ++d) {
        for (const auto &[name, body, expected] : badBodies())
            QTest::addRow("%s / %s", all[d].first, name) << int(d) << body << expected;
    }
}

void TestMalformedInput::everyJsonDecoderRejects()
{
    QFETCH(int, decoder);
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    const Outcome outcome = decoders().at(decoder).second(body);
    QVERIFY(!outcome.ok);
    QVERIFY(!outcome.error.isEmpty());
    QVERIFY2(outcome.error.contains(expected), qPrintable(outcome.error));
}

void TestMalformedInput::everyJsonDecoderSurvivesEveryFixture()
{
    // Feeding each recorded payload to every decoder must never crash, and a failure always says
    // why; whether a foreign payload decodes is up to the tolerance rules.
    const char *files[] = {"serverInfo.json",
                           "myself.json",
                           "mypermissions-admin.json",
                           "applinks-v1-list.json",
                           "applinks-v3-list.json",
                           "applink-status-confluence.json",
                           "consumers.json",
                           "authentication.json",
                           "oauth2-clients.json",
                           "oauth2-token.json",
                           "pat-list.json",
                           "pat-search.json",
                           "consumer-info.xml",
                           "access-tokens-trackersim.html"};
    for (const char *file : files) {
        const QByteArray body = fixture(file);
        QVERIFY2(!body.isEmpty(), file);
        for (const auto &[name, decode] : decoders()) {
            for (qsizetype cut : {body.size(), body.size() / 2, qsizetype(1)}) {
                const Outcome outcome = decode(body.left(cut));
                QVERIFY2(
                    outcome.ok || !outcome.error.isEmpty(),
                    qPrintable(
                        QStringLiteral("%1 on %2").arg(QLatin1String(name), QLatin1String(file))));
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestMalformedInput)
#include "tst_malformedinput.moc"
