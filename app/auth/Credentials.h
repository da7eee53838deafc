#pragma once

#include "AuthKind.h"

#include <QByteArray>
#include <QString>
#include <QStringView>
#include <QtGlobal>

#include <optional>

class QNetworkRequest;

namespace accessdesk {

// A credential that puts itself on each outgoing request. Implementations hold their secrets in
// memory only and never print them. They are immutable and shared between jobs (hold them in a
// std::shared_ptr<const Credentials>); a refreshed token is a new Credentials object.
class Credentials
{
public:
    virtual ~Credentials() = default;
    Q_DISABLE_COPY_MOVE(Credentials)

    virtual AuthKind kind() const = 0;

    // Adds the headers that authenticate this request. Call it last, after the URL and the
    // Content-Type are final: OAuth 1.0a signs the method, the URL and, for form bodies, the body.
    virtual void authorize(QNetworkRequest &request, const QByteArray &method,
                           const QByteArray &body) const = 0;

protected:
    Credentials() = default;
};

} // namespace accessdesk
