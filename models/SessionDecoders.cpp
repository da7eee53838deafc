#include "SessionDecoders.h"

#include "JsonReader.h"

namespace accessdesk {

Decoded<SessionCookie> decodeSessionLogin(const QByteArray &json)
{
    QString error;
    QJsonObject root;
    if (!json::expectObject(json::parse(json), QStringLiteral("session login"), &root, &error))
        return Decoded<SessionCookie>::failure(error);
    json::ObjectReader reader(root, QString(), &error);
    json::ObjectReader session(reader.object("session"), reader.pathOf("session"), &error);
    SessionCookie cookie{session.string("name"), session.string("value")};
    if (!error.isEmpty())
        return Decoded<SessionCookie>::failure(error);
    if (cookie.name.isEmpty() || cookie.value.isEmpty())
        return Decoded<SessionCookie>::failure(
            QStringLiteral("session: the answer carries no session cookie"));
    return Decoded<SessionCookie>::success(cookie);
}

} // namespace accessdesk
