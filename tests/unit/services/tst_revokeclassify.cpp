// RevokeGrantsJob's decision, pure: a revoke is done when the server no longer lists the grant,
// whatever its request got; without a list, only an outright refusal is an answer.
#include "services/GrantRevoker.h"

#include <QTest>

using namespace accessdesk;
using Status = RevokeGrantsJob::Status;
using Kind = ApiError::Kind;

Q_DECLARE_METATYPE(ApiError)
Q_DECLARE_METATYPE(std::optional<bool>)

class TestRevokeClassify final : public QObject
{
    Q_OBJECT

private slots:
    void classify_data();
    void classify();
    void reasonsSayWhatHappened();
};

void TestRevokeClassify::classify_data()
{
    QTest::addColumn<ApiError>("request");
    QTest::addColumn<std::optional<bool>>("stillListed");
    QTest::addColumn<bool>("fromList");
    QTest::addColumn<Status>("expected");

    const ApiError none;
    const ApiError timeout(Kind::Timeout, 0, {});
    const ApiError dropped(Kind::Network, 0, {});
    const ApiError server(Kind::Server, 500, {});
    const ApiError login(Kind::Unauthenticated, 302, QStringLiteral("redirect to /login.jsp"));
    const ApiError forbidden(Kind::Forbidden, 403, {});
    const ApiError gone(Kind::NotFound, 404, {});
    const std::optional<bool> listed = true;
    const std::optional<bool> absent = false;
    const std::optional<bool> noList;

    QTest::newRow("accepted, gone") << none << absent << true << Status::Revoked;
    // "Pretend": a 200/204 proves nothing when the grant is still there.
    QTest::newRow("accepted, still listed") << none << listed << true << Status::NotRevoked;
    QTest::newRow("login redirect, still listed") << login << listed << true << Status::NotRevoked;
    QTest::newRow("server error, still listed") << server << listed << true << Status::NotRevoked;
    // A request this client gave up on may still be at work on the server (issue 11's fault
    // matrix: the server revoked it a second after the check): not confirmed either way.
    QTest::newRow("timeout, still listed") << timeout << listed << true << Status::Unknown;
    // An error, but the list no longer has it: revoked (the answer was lost, or it was gone).
    QTest::newRow("timeout, gone") << timeout << absent << true << Status::Revoked;
    QTest::newRow("server error, gone") << server << absent << true << Status::Revoked;
    QTest::newRow("not found, gone") << gone << absent << true << Status::Revoked;
    // Named by id only: its absence from the user's list may only mean it was never theirs.
    QTest::newRow("by id: refused, absent") << forbidden << absent << false << Status::Failed;
    QTest::newRow("by id: accepted, absent") << none << absent << false << Status::Revoked;
    QTest::newRow("by id: accepted, listed") << none << listed << false << Status::NotRevoked;
    // No list afterwards: an outright refusal is an answer, anything else is not confirmed.
    QTest::newRow("no list: refused") << forbidden << noList << true << Status::Failed;
    QTest::newRow("no list: login redirect") << login << noList << true << Status::Failed;
    QTest::newRow("no list: accepted") << none << noList << true << Status::Unknown;
    QTest::newRow("no list: timeout") << timeout << noList << true << Status::Unknown;
    QTest::newRow("no list: dropped") << dropped << noList << true << Status::Unknown;
    QTest::newRow("no list: server error") << server << noList << true << Status::Unknown;
}

void TestRevokeClassify::classify()
{
    QFETCH(ApiError, request);
    QFETCH(std::optional<bool>, stillListed);
    QFETCH(bool, fromList);
    QFETCH(Status, expected);
    QCOMPARE(RevokeGrantsJob::classify(request, stillListed, fromList), expected);
}

void TestRevokeClassify::reasonsSayWhatHappened()
{
    const ApiError none;
    const ApiError timeout(Kind::Timeout, 0, {});
    const ApiError listFailed(Kind::Server, 503, {});

    QVERIFY(RevokeGrantsJob::reasonFor(Status::Revoked, none, none).isEmpty());
    const QString lostButGone = RevokeGrantsJob::reasonFor(Status::Revoked, timeout, none);
    QVERIFY2(lostButGone.contains(timeout.userMessage()) &&
                 lostButGone.contains(QStringLiteral("no longer lists it")),
             qPrintable(lostButGone));

    const QString pretended = RevokeGrantsJob::reasonFor(Status::NotRevoked, none, none);
    QVERIFY2(pretended.startsWith(QStringLiteral("Not revoked")) &&
                 pretended.contains(QStringLiteral("still lists it")),
             qPrintable(pretended));

    const QString unknown = RevokeGrantsJob::reasonFor(Status::Unknown, timeout, listFailed);
    QVERIFY2(unknown.startsWith(QStringLiteral("Not confirmed")) &&
                 unknown.contains(timeout.userMessage()) &&
                 unknown.contains(listFailed.userMessage()) &&
                 unknown.contains(QStringLiteral("Check the list")),
             qPrintable(unknown));

    QCOMPARE(RevokeGrantsJob::statusKey(Status::NotRevoked), QStringLiteral("not-revoked"));
    QCOMPARE(RevokeGrantsJob::statusKey(Status::Unknown), QStringLiteral("unknown"));
}

QTEST_GUILESS_MAIN(TestRevokeClassify)
#include "tst_revokeclassify.moc"
