// trackersim keeps its data in a versioned SQLite file that survives a restart.
#include "SimProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkCookie>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestSimPersistence : public QObject
{
    Q_OBJECT

private slots:
    void sessionAndSeedSurviveRestart();
    void newerSchemaIsRefused();

private:
    QNetworkAccessManager m_manager;
};

void TestSimPersistence::sessionAndSeedSurviveRestart()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("sim.db"));

    QString sessionId;
    int schemaVersion = 0;
    {
        SimProcess sim({QStringLiteral("--data"), file});
        QVERIFY2(sim.start(), qPrintable(sim.errorText()));
        QNetworkRequest login = jsonRequest(sim.url() + QStringLiteral("/rest/auth/1/session"));
        login.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        const HttpResult result =
            httpSend(m_manager, login, "POST", R"({"username":"alice","password":"alice"})");
        QCOMPARE(result.status, 200);
        sessionId = QJsonDocument::fromJson(result.body)
                        .object()[QStringLiteral("session")][QStringLiteral("value")]
                        .toString();
        QVERIFY(!sessionId.isEmpty());
        const HttpResult health = httpSend(
            m_manager, jsonRequest(sim.url() + QStringLiteral("/__trackersim/health")), "GET");
        schemaVersion =
            QJsonDocument::fromJson(health.body).object()[QStringLiteral("schemaVersion")].toInt();
        QVERIFY(schemaVersion > 0);
        sim.stop();
        QCOMPARE(sim.exitCode(), 0);
    }

    // A second start on the same file, even asking for another seed, keeps what was there.
    SimProcess again(
        {QStringLiteral("--data"), file, QStringLiteral("--seed"), QStringLiteral("none")});
    QVERIFY2(again.start(), qPrintable(again.errorText()));
    QNetworkRequest current = jsonRequest(again.url() + QStringLiteral("/rest/auth/1/session"));
    current.setRawHeader("Cookie", "JSESSIONID=" + sessionId.toLatin1());
    const HttpResult result = httpSend(m_manager, current, "GET");
    QCOMPARE(result.status, 200);
    QCOMPARE(QJsonDocument::fromJson(result.body).object()[QStringLiteral("name")].toString(),
             QStringLiteral("alice"));
    QCOMPARE(QJsonDocument::fromJson(result.body)
                 .object()[QStringLiteral("loginInfo")][QStringLiteral("loginCount")]
                 .toInt(),
             1);

    const HttpResult projects =
        httpSend(m_manager,
                 jsonRequest(again.url() + QStringLiteral("/rest/api/2/project"), "alice"), "GET");
    QCOMPARE(projects.status, 200);
    QCOMPARE(QJsonDocument::fromJson(projects.body).array().size(), 2); // seeded once, not twice

    const HttpResult health = httpSend(
        m_manager, jsonRequest(again.url() + QStringLiteral("/__trackersim/health")), "GET");
    QCOMPARE(QJsonDocument::fromJson(health.body).object()[QStringLiteral("schemaVersion")].toInt(),
             schemaVersion);
}

void TestSimPersistence::newerSchemaIsRefused()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("future.db"));
    {
        SimProcess sim(
            {QStringLiteral("--data"), file, QStringLiteral("--seed"), QStringLiteral("none")});
        QVERIFY2(sim.start(), qPrintable(sim.errorText()));
    }
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("future"));
        db.setDatabaseName(file);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("UPDATE schema_version SET version = 999")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("future"));

    SimProcess sim({QStringLiteral("--data"), file});
    QVERIFY(!sim.start());
    QVERIFY2(sim.errorText().contains(QLatin1String("newer than this trackersim")),
             qPrintable(sim.errorText()));
}

QTEST_GUILESS_MAIN(TestSimPersistence)
#include "tst_sim_persistence.moc"
