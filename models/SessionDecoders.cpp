#include "SessionDecoders.h"

#include "JsonReader.h"

namespace accessdesk {

Decoded<SessionCookie> decodeSessionLogin(const QByteArray &json)
{
    Decoded<SessionCookie> decoded = json::decodeObject<SessionCookie>(
        json, QStringLiteral("session login"), [](json::ObjectReader &reader) {
            json::ObjectReader session(reader.object("session"), reader.pathOf("session"),
                                       reader.errorSink());
            return SessionCookie{session.string("name"), session.string("value")};
        });
    if (decoded && (decoded->name.isEmpty() || decoded->value.isEmpty()))
        return Decoded<SessionCookie>::failure(
            QStringLiteral("session: the answer carries no session cookie"));
    return decoded;
}

} // namespace accessdesk
