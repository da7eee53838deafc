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
    qint64 m_now = 1'000'000;
};

void TestRateLimitPacer::noHeadersNoWait()
{
    RateLimitPacer pacer([this] { return m_now; }, 1000);
    for (int i = 0; i < 5; ++i) {
        pacer.requestSent();
        RawReply plain;
        plain.status = 200;
        pacer.observe(plain);
        pacer.requestEnded();
    }
    QCOMPARE(pacer.delayBeforeNextMs(), 0);
}

void TestRateLimitPacer::emptyBucketWaitsOneStep()
{
    RateLimitPacer pacer([this] { return m_now; }, 1000);
    pacer.requestSent();
    pacer.observe(answer(1));
    pacer.requestEnded();
    QCOMPARE(pacer.delayBeforeNextMs(), 0); // one token left
    pacer.requestSent();
    pacer.observe(answer(0));
    pacer.requestEnded();
    QCOMPARE(pacer.delayBeforeNextMs(), 2000); // one token every 2 s
    m_now += 1500;
    QCOMPARE(pacer.delayBeforeNextMs(), 500);
}

void TestRateLimitPacer::requestsUnderWayCountAgainstTheBucket()
{
    // Page N and page N+1 both under way; page N's answer says one token is left, but page N+1
    // may take it: page N+2 must wait.
    RateLimitPacer pacer([this] { return m_now; }, 1000);
    pacer.requestSent(); // page N
    pacer.requestSent(); // page N+1, asked for ahead
    pacer.observe(answer(1));
    pacer.requestEnded();
    QCOMPARE(pacer.delayBeforeNextMs(), 2000);

    // With two tokens left there is one for page N+2.
    RateLimitPacer roomy([this] { return m_now; }, 1000);
    roomy.requestSent();
    roomy.requestSent();
    roomy.observe(answer(2));
    roomy.requestEnded();
    QCOMPARE(roomy.delayBeforeNextMs(), 0);
}

void TestRateLimitPacer::requestsSentAfterAnAnswerCountToo()
{
    RateLimitPacer pacer([this] { return m_now; }, 1000);
    pacer.requestSent();
    pacer.observe(answer(2));
    pacer.requestEnded();
    pacer.requestSent(); // takes one of the two
    QCOMPARE(pacer.delayBeforeNextMs(), 0);
    pacer.requestSent(); // takes the last: the next waits
    QCOMPARE(pacer.delayBeforeNextMs(), 2000);
    // A request dropped before its answer no longer counts as under way.
    pacer.requestEnded();
    pacer.requestEnded();
    pacer.requestSent();
    pacer.observe(answer(3));
    pacer.requestEnded();
    m_now += 2000;
    QCOMPARE(pacer.delayBeforeNextMs(), 0);
}

void TestRateLimitPacer::tooManyRequestsWaitsRetryAfterButAtLeastTheFloor()
{
    RateLimitPacer pacer([this] { return m_now; }, 1000);
    pacer.requestSent();
    pacer.observe(answer(0, 429));
    pacer.requestEnded();
    QCOMPARE(pacer.delayBeforeNextMs(), 1000); // "Retry-After: 0" means the floor
    QCOMPARE(pacer.retryDelayMs(0, 1), 1000);
    QCOMPARE(pacer.retryDelayMs(-1, 3), 4000);
}

QTEST_APPLESS_MAIN(TestRateLimitPacer)
#include "tst_ratelimitpacer.moc"
