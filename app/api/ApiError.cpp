#include "api/ApiError.h"

namespace accessdesk {

ApiError::ApiError(Kind kind, int httpStatus, QString serverMessage)
    : m_kind(kind)
    , m_httpStatus(httpStatus)
    , m_serverMessage(std::move(serverMessage))
{}

ApiError &ApiError::withFieldError(const QString &field, const QString &message)
{
    m_fieldErrors.insert(field, message);
    return *this;
}

ApiError &ApiError::withRetryAfter(int seconds)
{
    m_retryAfterSeconds = seconds;
    return *this;
}

ApiError &ApiError::withOAuthProblem(const QString &problem)
{
    m_oauthProblem = problem;
    return *this;
}

ApiError &ApiError::withCertificate(const CertificateInfo &certificate)
{
    m_certificate = certificate;
    return *this;
}

QString ApiError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::Network:
        return QStringLiteral("network");
    case Kind::Tls:
        return QStringLiteral("tls");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::Unauthenticated:
        return QStringLiteral("unauthenticated");
    case Kind::WebSudoRequired:
        return QStringLiteral("websudo-required");
    case Kind::Forbidden:
        return QStringLiteral("forbidden");
    case Kind::NotFound:
        return QStringLiteral("not-found");
    case Kind::Conflict:
        return QStringLiteral("conflict");
    case Kind::Validation:
        return QStringLiteral("validation");
    case Kind::RateLimited:
        return QStringLiteral("rate-limited");
    case Kind::Server:
        return QStringLiteral("server");
    case Kind::MalformedResponse:
        return QStringLiteral("malformed-response");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

bool ApiError::leavesOutcomeOpen() const
{
    switch (m_kind) {
    case Kind::Network:
    case Kind::Timeout:
    case Kind::Server:
    case Kind::MalformedResponse:
    case Kind::Cancelled:
        return true;
    default:
        return false;
    }
}

QString ApiError::userMessage() const
{
    QString sentence;
    switch (m_kind) {
    case Kind::None:
        return {};
    case Kind::Network:
        sentence = tr("The server could not be reached.");
        break;
    case Kind::Tls:
        sentence = tr("The server's certificate is not trusted, so the connection was refused.");
        break;
    case Kind::Timeout:
        sentence = tr("The server did not answer in time.");
        break;
    case Kind::Unauthenticated:
        sentence = m_oauthProblem.isEmpty()
                       ? tr("The server did not accept the credentials. Check the user name and "
                            "password or token.")
                       : tr("The server refused the OAuth request (%1).").arg(m_oauthProblem);
        break;
    case Kind::WebSudoRequired:
        sentence = tr(
            "This administration task needs your password again (a secure administrator session).");
        break;
    case Kind::Forbidden:
        sentence = tr("You are signed in, but not allowed to do this.");
        break;
    case Kind::NotFound:
        sentence = tr("The server does not have this item (it may have been removed already).");
        break;
    case Kind::Conflict:
        sentence =
            tr("The server refused the change because it conflicts with what it already has.");
        break;
    case Kind::Validation:
        sentence = tr("The server refused the input.");
        break;
    case Kind::RateLimited:
        sentence = m_retryAfterSeconds > 0
                       ? tr("The server is limiting requests; try again in %n second(s).", nullptr,
                            m_retryAfterSeconds)
                       : tr("The server is limiting requests; try again shortly.");
        break;
    case Kind::Server:
        sentence = tr("The server had an internal error (HTTP %1).").arg(m_httpStatus);
        break;
    case Kind::MalformedResponse:
        sentence = tr("The server's answer could not be read.");
        break;
    case Kind::Cancelled:
        return tr("Cancelled.");
    }
    if (m_serverMessage.isEmpty())
        return sentence;
    // For these kinds the words are the client's own finding (the network stack's error, a pin
    // that does not match, an answer too large or unreadable), not something the server said.
    const bool clientWords = m_kind == Kind::Network || m_kind == Kind::Tls ||
                             m_kind == Kind::Timeout || m_kind == Kind::MalformedResponse;
    sentence += QLatin1Char(' ') + (clientWords ? tr("Details: %1").arg(m_serverMessage)
                                                : tr("The server said: “%1”").arg(m_serverMessage));
    return sentence;
}

} // namespace accessdesk
