// libFuzzer harness: ErrorMapper of app/api, which reads every error body a server or a proxy
// sends (spec 1.4 E1–E9: JSON, XML, HTML, plain text and form-encoded OAuth problems) and the
// headers that say more than the status. Built with app/api/ErrorMapper.cpp (see run.sh).
//
// An input that starts with "HTTP/" is a whole reply: a status line, headers up to the first
// empty line, then the body (the seeds in seeds/errors are written so). Anything else is a body,
// mapped as a 400 without headers and read under each content type a server might claim.
#include "FuzzCheck.h"
#include "api/ErrorMapper.h"

#include <cstdlib>

namespace {

using accessdesk::RawReply;

// The message is shown to people in one line: clipped to 300 characters, nothing around it.
void checkMessage(const QString &message)
{
    if (message.size() > 300 || message != message.trimmed())
        std::abort();
}

RawReply replyFrom(const QByteArray &input)
{
    RawReply reply;
    reply.status = 400;
    if (!input.startsWith("HTTP/")) {
        reply.body = input;
        return reply;
    }
    const qsizetype headEnd = input.indexOf("\n\n");
    const QByteArray head = headEnd < 0 ? input : input.left(headEnd);
    reply.body = headEnd < 0 ? QByteArray() : input.mid(headEnd + 2);
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> statusLine = lines.first().split(' ');
    // Any number, 0 (no HTTP answer) and the 1xx/3xx the mapper calls malformed included.
    reply.status = statusLine.size() > 1 ? statusLine.at(1).toInt() : 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            reply.headers.append({lines.at(i).left(colon), lines.at(i).mid(colon + 1).trimmed()});
    }
    return reply;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const RawReply reply = replyFrom(input);
    const accessdesk::ApiError error = accessdesk::errormapper::fromReply(reply);
    checkMessage(error.serverMessage());
    (void)error.userMessage();
    if (reply.status != 0 && error.httpStatus() != reply.status)
        std::abort();
    for (const QByteArray &type :
         {QByteArray(), QByteArrayLiteral("application/json"), QByteArrayLiteral("text/html"),
          QByteArrayLiteral("application/xml"), QByteArrayLiteral("text/plain")})
        checkMessage(accessdesk::errormapper::extractMessage(reply.body, type));
    return 0;
}
