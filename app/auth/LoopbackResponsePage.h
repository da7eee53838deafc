#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace accessdesk {

// The small HTTP answers the loopback redirect listener gives the browser.
class LoopbackResponsePage
{
    Q_DECLARE_TR_FUNCTIONS(LoopbackResponsePage)

public:
    LoopbackResponsePage() = delete;

    // A complete HTTP/1.1 response with a self-contained HTML page: title, message (both
    // HTML-escaped here) and the line telling the user to go back to AccessDesk.
    static QByteArray response(int status, const QString &title, const QString &message);

    static QByteArray signedIn();
    static QByteArray denied();
    static QByteArray failed(const QString &reason);
    // 400 for a redirect whose state is not the sign-in's; the sign-in goes on waiting.
    static QByteArray wrongState();
    static QByteArray notFound();
    static QByteArray methodNotAllowed();
    static QByteArray badRequest();
};

} // namespace accessdesk
