#include "OAuth2ClientRules.h"

#include <QTest>

using namespace accessdesk;

Q_DECLARE_METATYPE(accessdesk::OAuth2Client)

using Errors = QMap<QString, QString>; // field → a phrase its sentence must contain
using Lines = QMap<int, QString>;      // redirect index → a phrase its sentence must contain
using Purpose = OAuth2ClientRules::Purpose;

Q_DECLARE_METATYPE(OAuth2ClientRules::Purpose)

namespace {

OAuth2Client draft(const QString &name, const QStringList &redirects, const QString &scope)
{
    OAuth2Client client;
    client.name = name;
    client.redirects = redirects;
    client.scope = scope;
    return client;
}

QString url(qsizetype length)
{
    const QString start = QStringLiteral("https://app.example.test/");
    return start + QString(length - start.size(), QLatin1Char('a'));
}

const QString kOk = QStringLiteral("https://deploy.example.test/oauth/callback");

} // namespace

// The rules Jira applies to an OAuth 2.0 client (spec 6.1), each at its boundary, reported at
// the field (and redirect line) the server would name.
class TestOAuth2ClientRules final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void check_data();
    void check();
    void redirectLinesAreTheOnesTheUserSees();
    void duplicateNamesIgnoreCase();
    void normalisedIsWhatIsSent();
    void scopesInJiraOrder();
};

void TestOAuth2ClientRules::check_data()
{
    QTest::addColumn<OAuth2Client>("client");
    QTest::addColumn<Purpose>("purpose");
    QTest::addColumn<Errors>("errors");

    const auto row = [](const char *name, const OAuth2Client &client, const Errors &errors,
                        Purpose purpose = Purpose::Create) {
        QTest::newRow(name) << client << purpose << errors;
    };
    const QString required = QStringLiteral("Enter a name");
    const QString https = QStringLiteral("Use an https:// URL");
    const QString notUrl = QStringLiteral("not a complete URL");
    const QString fragment = QStringLiteral("fragment");

    row("valid", draft(QStringLiteral("Deploy Dashboard"), {kOk}, QStringLiteral("WRITE")), {});
    row("every scope is fine", draft(QStringLiteral("x"), {kOk}, QStringLiteral("SYSTEM_ADMIN")),
        {});
    row("spaces around everything",
        draft(QStringLiteral("  Deploy  "), {QStringLiteral("  ") + kOk + QStringLiteral("\t")},
              QStringLiteral(" READ ")),
        {});

    // name
    row("blank name", draft(QString(), {kOk}, QStringLiteral("READ")),
        {{QStringLiteral("name"), required}});
    row("name of spaces", draft(QStringLiteral("   "), {kOk}, QStringLiteral("READ")),
        {{QStringLiteral("name"), required}});
    row("name of 255", draft(QString(255, QLatin1Char('n')), {kOk}, QStringLiteral("READ")), {});
    row("name of 255 with spaces around",
        draft(QStringLiteral(" ") + QString(255, QLatin1Char('n')) + QStringLiteral(" "), {kOk},
              QStringLiteral("READ")),
        {});
    row("name of 256", draft(QString(256, QLatin1Char('n')), {kOk}, QStringLiteral("READ")),
        {{QStringLiteral("name"), QStringLiteral("256 characters long; Jira allows at most 255")}});

    // redirects: presence and length
    row("no redirects", draft(QStringLiteral("x"), {}, QStringLiteral("READ")),
        {{QStringLiteral("redirects"), QStringLiteral("at least one redirect URL")}});
    row("only blank lines",
        draft(QStringLiteral("x"), {QString(), QStringLiteral("  ")}, QStringLiteral("READ")),
        {{QStringLiteral("redirects"), QStringLiteral("at least one redirect URL")}});
    row("redirect of 450", draft(QStringLiteral("x"), {url(450)}, QStringLiteral("READ")), {});
    row("redirect of 451", draft(QStringLiteral("x"), {url(451)}, QStringLiteral("READ")),
        {{QStringLiteral("redirects"),
          QStringLiteral("Line 1: The URL is 451 characters long; Jira allows at most 450.")}});

    // redirects: form
    const auto redirect = [&row](const char *name, const char *text, const QString &phrase) {
        Errors errors;
        if (!phrase.isEmpty())
            errors.insert(QStringLiteral("redirects"), phrase);
        row(name, draft(QStringLiteral("x"), {QString::fromUtf8(text)}, QStringLiteral("READ")),
            errors);
    };
    redirect("https with port, path and query", "https://app.test:8443/cb?x=1", QString());
    redirect("http to localhost", "http://localhost:8765/callback", QString());
    redirect("http to LOCALHOST", "HTTP://LOCALHOST/callback", QString());
    redirect("http to 127.0.0.1", "http://127.0.0.1:9000/cb", QString());
    redirect("http to [::1]", "http://[::1]:9000/cb", QString());
    redirect("http to a remote host", "http://app.example.test/cb", https);
    redirect("http to 127.0.0.2", "http://127.0.0.2/cb", https);
    redirect("http to a host named like localhost", "http://localhost.example.test/cb", https);
    redirect("custom scheme", "myapp://callback", https);
    redirect("fragment", "https://app.test/cb#done", fragment);
    redirect("empty fragment", "https://app.test/cb#", fragment);
    redirect("fragment on loopback http", "http://localhost/cb#x", fragment);
    redirect("relative path", "/oauth/callback", notUrl);
    redirect("no scheme", "app.example.test/cb", notUrl);
    redirect("no host", "https://", notUrl);
    redirect("space in the host", "https://app example.test/cb", notUrl);

    // scope
    row("no scope", draft(QStringLiteral("x"), {kOk}, QString()),
        {{QStringLiteral("scope"), QStringLiteral("Choose a scope")}});
    row("lower-case scope", draft(QStringLiteral("x"), {kOk}, QStringLiteral("write")),
        {{QStringLiteral("scope"), QStringLiteral("\"write\" is not a scope Jira knows")}});
    row("cloud scope", draft(QStringLiteral("x"), {kOk}, QStringLiteral("read:jira-work")),
        {{QStringLiteral("scope"), QStringLiteral("not a scope")}});

    row("everything wrong at once", draft(QString(), {QStringLiteral("ftp://x/")}, QString()),
        {{QStringLiteral("name"), required},
         {QStringLiteral("redirects"), https},
         {QStringLiteral("scope"), QStringLiteral("Choose a scope")}});

    // a partial update keeps what is blank
    row("update with nothing", draft(QString(), {}, QString()), {}, Purpose::Update);
    row("update with only blank lines",
        draft(QStringLiteral(" "), {QString()}, QStringLiteral(" ")), {}, Purpose::Update);
    row("update checks a new name", draft(QString(256, QLatin1Char('n')), {}, QString()),
        {{QStringLiteral("name"), QStringLiteral("256 characters")}}, Purpose::Update);
    row("update checks new redirects",
        draft(QString(), {QStringLiteral("http://app.test/cb")}, QString()),
        {{QStringLiteral("redirects"), https}}, Purpose::Update);
    row("update checks a new scope", draft(QString(), {}, QStringLiteral("OWNER")),
        {{QStringLiteral("scope"), QStringLiteral("not a scope")}}, Purpose::Update);
}

void TestOAuth2ClientRules::check()
{
    QFETCH(OAuth2Client, client);
    QFETCH(Purpose, purpose);
    QFETCH(Errors, errors);
    const OAuth2ClientProblems problems = OAuth2ClientRules::check(client, purpose);
    QCOMPARE(problems.fieldErrors.keys(), errors.keys());
    for (auto it = errors.cbegin(); it != errors.cend(); ++it) {
        const QString sentence = problems.fieldErrors.value(it.key());
        QVERIFY2(sentence.contains(it.value()),
                 qPrintable(it.key() + QStringLiteral(": ") + sentence));
    }
    QCOMPARE(problems.ok(), errors.isEmpty());
    QCOMPARE(problems.redirectLines.isEmpty(),
             !errors.contains(QStringLiteral("redirects")) ||
                 problems.fieldErrors.value(QStringLiteral("redirects"))
                     .contains(QLatin1String("at least one")));
}

void TestOAuth2ClientRules::redirectLinesAreTheOnesTheUserSees()
{
    // As a text box gives them: a blank line in the middle still counts as a line.
    const QStringList lines = {kOk, QString(), QStringLiteral("http://app.example.test/cb"),
                               QStringLiteral("https://app.test/cb#x"),
                               QStringLiteral("http://localhost/cb")};
    const OAuth2ClientProblems problems =
        OAuth2ClientRules::check(draft(QStringLiteral("x"), lines, QStringLiteral("READ")));
    QCOMPARE(problems.redirectLines.keys(), (QList<int>{2, 3}));
    QVERIFY(problems.redirectLines.value(2).contains(QLatin1String("https://")));
    QVERIFY(problems.redirectLines.value(3).contains(QLatin1String("fragment")));
    QCOMPARE(problems.fieldErrors.value(QStringLiteral("redirects")),
             QStringLiteral("Line 3: ") + problems.redirectLines.value(2));
    QCOMPARE(problems.fieldErrors.size(), 1);
}

void TestOAuth2ClientRules::duplicateNamesIgnoreCase()
{
    const QStringList taken = {QStringLiteral("Deploy Dashboard"), QStringLiteral("CI")};
    const auto nameError = [&taken](const char *name) {
        return OAuth2ClientRules::check(
                   draft(QString::fromUtf8(name), {kOk}, QStringLiteral("READ")), Purpose::Create,
                   taken)
            .fieldErrors.value(QStringLiteral("name"));
    };
    QVERIFY(nameError("deploy DASHBOARD ").contains(QLatin1String("already exists")));
    QVERIFY(nameError("ci").contains(QLatin1String("already exists")));
    QVERIFY(nameError("Deploy Dashboard 2").isEmpty());
}

void TestOAuth2ClientRules::normalisedIsWhatIsSent()
{
    const OAuth2Client sent = OAuth2ClientRules::normalised(
        draft(QStringLiteral("  Deploy Dashboard \n"),
              {QStringLiteral(" https://a.test/cb "), QString(), QStringLiteral("\t"),
               QStringLiteral("http://localhost/cb")},
              QStringLiteral(" WRITE")));
    QCOMPARE(sent.name, QStringLiteral("Deploy Dashboard"));
    QCOMPARE(sent.redirects, (QStringList{QStringLiteral("https://a.test/cb"),
                                          QStringLiteral("http://localhost/cb")}));
    QCOMPARE(sent.scope, QStringLiteral("WRITE"));
}

void TestOAuth2ClientRules::scopesInJiraOrder()
{
    QCOMPARE(OAuth2ClientRules::scopes(),
             (QStringList{QStringLiteral("READ"), QStringLiteral("WRITE"), QStringLiteral("ADMIN"),
                          QStringLiteral("SYSTEM_ADMIN")}));
}

QTEST_GUILESS_MAIN(TestOAuth2ClientRules)
#include "tst_oauth2clientrules.moc"
