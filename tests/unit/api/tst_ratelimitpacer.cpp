// RateLimitPacer: what it makes the next request wait, with requests under way side by side.
#include "api/RateLimitPacer.h"

#include <QTest>

using namespace accessdesk;

namespace {

// An answer as Jira's rate limiter sends it: remaining tokens, one more a second.
RawReply answer(int remaining, int status = 200)
{
    RawReply reply;
    reply.status = status;
    reply.headers = {{"X-RateLimit-Remaining", QByteArray::number(remaining)},
                     {"X-RateLimit-FillRate", "1"},
                     {"X-RateLimit-Interval-Seconds", "2"}};
    if (status == 429)
        reply.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("0")));
    return reply;
}

// One request sent and answered, nothing else under way.
void roundTrip(RateLimitPacer &pacer, const RawReply &reply)
{
    pacer.requestSent();
    pacer.observe(reply);
    pacer.requestEnded();
}

} // namespace

class TestRateLimitPacer final : public QObject
{
    Q_OBJECT

private slots:
    void noHeadersNoWait();
    void emptyBucketWaitsOneStep();
    void requestsUnderWayCountAgainstTheBucket();
    void requestsSentAfterAnAnswerCountToo();
    void tooManyRequestsWaitsRetryAfterButAtLeastTheFloor();

private:
    // What the request after page N+1 waits when page N and page N+1 were both under way and
    // page N's answer said remaining tokens are left.
    int waitAfterTwoUnderWay(int remaining);

    qint64 m_now = 1'000'000;
};

void TestRateLimitPacer::noHeadersNoWait()
{
    RateLimitPacer pacer([this] { return m_now; }, 1000);
    RawReply plain;
    plain.status = 200;
    for (int i = 0; i < 5; ++i)
        roundTrip(pacer, plain);
    QCOMPARE(pacer.delayBeforeNextMs(), 0);
}

void TestRateLimitPacer::emptyBucketWaitsOneStep()
{
    RateLimitPacer pacer([this] { return m_now; }, 1000);
    roundTrip(pacer, answer(1));
    QCOMPARE(pacer.delayBeforeNextMs(), 0); // one token left
    roundTrip(pacer, answer(0));
    QCOMPARE(pacer.delayBeforeNextMs(), 2000); // one token every 2 s
    m_now += 1500;
    QCOMPARE(pacer.delayBeforeNextMs(), 500);
}

int TestRateLimitPacer::waitAfterTwoUnderWay(int remaining)
{
    RateLimitPacer pacer([this] { return m_now; }, 1000);
    pacer.requestSent(); // page N
    pacer.requestSent(); // page N+1, asked for ahead
    pacer.observe(answer(remaining));
    pacer.requestEnded();
    return pacer.delayBeforeNextMs();
}

void TestRateLimitPacer::requestsUnderWayCountAgainstTheBucket()
{
    // Page N's answer says one token is left, but page N+1 may take it: page N+2 must wait.
    QCOMPARE(waitAfterTwoUnderWay(1), 2000);
    // With two tokens left there is one for page N+2.
    QCOMPARE(waitAfterTwoUnderWay(2), 0);
}

void TestRateLimitPacer::requestsSentAfterAnAnswerCountToo()
{
    RateLimitPacer pacer([this] { return m_now; }, 1000);
    roundTrip(pacer, answer(2));
    pacer.requestSent(); // takes one of the two
    QCOMPARE(pacer.delayBeforeNextMs(), 0);
    pacer.requestSent(); // takes the last: the next waits
    QCOMPARE(pacer.delayBeforeNextMs(), 2000);
    // A request dropped before its answer no longer counts as under way.
    pacer.requestEnded();
    pacer.requestEnded();
    roundTrip(pacer, answer(3));
    m_now += 2000;
    QCOMPARE(pacer.delayBeforeNextMs(), 0);
}

void TestRateLimitPacer::tooManyRequestsWaitsRetryAfterButAtLeastTheFloor()
{
    RateLimitPacer pacer([this] { return m_now; }, 1000);
    roundTrip(pacer, answer(0, 429));
    QCOMPARE(pacer.delayBeforeNextMs(), 1000); // "Retry-After: 0" means the floor
    QCOMPARE(pacer.retryDelayMs(0, 1), 1000);
    QCOMPARE(pacer.retryDelayMs(-1, 3), 4000);
}

QTEST_APPLESS_MAIN(TestRateLimitPacer)
#include "tst_ratelimitpacer.moc"
