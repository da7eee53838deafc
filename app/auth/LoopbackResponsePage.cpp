#include "auth/LoopbackResponsePage.h"

namespace accessdesk {

namespace {

QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    default:
        return "Error";
    }
}

} // namespace

QByteArray LoopbackResponsePage::response(int status, const QString &title, const QString &message)
{
    const QString html =
        QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>") +
        title.toHtmlEscaped() +
        QStringLiteral(" - AccessDesk</title><style>body{font-family:sans-serif;margin:3em;}"
                       "</style></head><body><h1>") +
        title.toHtmlEscaped() + QStringLiteral("</h1><p>") + message.toHtmlEscaped() +
        QStringLiteral("</p><p id=\"close-hint\">") +
        tr("You may close this window and return to AccessDesk.").toHtmlEscaped() +
        QStringLiteral("</p></body></html>\n");
    const QByteArray body = html.toUtf8();
    // No caching, no referrer (the URL held the code), no scripts, no sniffing, one request only.
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status) +
           "\r\n"
           "Content-Type: text/html; charset=utf-8\r\n"
           "Content-Length: " +
           QByteArray::number(body.size()) +
           "\r\n"
           "Cache-Control: no-store\r\n"
           "Referrer-Policy: no-referrer\r\n"
           "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'\r\n"
           "X-Content-Type-Options: nosniff\r\n"
           "Connection: close\r\n\r\n" +
           body;
}

QByteArray LoopbackResponsePage::signedIn()
{
    return response(200, tr("Signed in"), tr("AccessDesk received the authorisation."));
}

QByteArray LoopbackResponsePage::denied()
{
    return response(200, tr("Access not granted"),
                    tr("You did not allow AccessDesk to access your account."));
}

QByteArray LoopbackResponsePage::failed(const QString &reason)
{
    return response(400, tr("Sign-in failed"), reason);
}

QByteArray LoopbackResponsePage::wrongState()
{
    return response(400, tr("Not this sign-in"),
                    tr("This answer does not belong to the sign-in AccessDesk is waiting for "
                       "(state mismatch). It was ignored; AccessDesk still waits for the right "
                       "one."));
}

QByteArray LoopbackResponsePage::notFound()
{
    return response(404, tr("Not found"), tr("This address is not part of the sign-in."));
}

QByteArray LoopbackResponsePage::methodNotAllowed()
{
    return response(405, tr("Not allowed"), tr("Only the browser's redirect is accepted here."));
}

QByteArray LoopbackResponsePage::badRequest()
{
    return response(400, tr("Bad request"), tr("The request could not be read."));
}

} // namespace accessdesk
