#pragma once

#include "api/CertificateInfo.h"

#include <QCoreApplication>
#include <QMap>
#include <QString>

namespace accessdesk {

// Everything that can go wrong with one server call, typed so that callers decide by kind and
// users read one translated sentence. Built in one place: ErrorMapper.
class ApiError final
{
    Q_DECLARE_TR_FUNCTIONS(ApiError)

public:
    enum class Kind {
        None,
        Network,         // no answer: refused, reset, unknown host, dropped connection
        Tls,             // the certificate was refused (see certificate())
        Timeout,         // no data within the request's timeout
        Unauthenticated, // credentials missing, wrong or expired
        WebSudoRequired, // the server wants the admin password again (secure session)
        Forbidden,       // authenticated but not allowed (incl. XSRF refusals)
        NotFound,
        Conflict,
        Validation,        // the server refused the input; fieldErrors() says where
        RateLimited,       // 429; retryAfterSeconds() says when to try again
        Server,            // 5xx
        MalformedResponse, // an answer the client cannot read (HTML where JSON belongs, bad JSON,
                           // …)
        Cancelled,         // the caller cancelled
    };

    ApiError() = default;
    ApiError(Kind kind, int httpStatus, QString serverMessage);

    Kind kind() const { return m_kind; }
    bool isError() const { return m_kind != Kind::None; }
    // After this error the server may or may not have carried out the request: the answer was
    // lost (network, timeout, cancelled in flight) or was not one the client can read (5xx,
    // malformed). Only a check of what the server holds can tell.
    bool leavesOutcomeOpen() const;
    int httpStatus() const { return m_httpStatus; }
    // What the server said, in its words, or for network, TLS, timeout and unreadable answers the
    // client's own finding (may be empty); never contains credentials.
    const QString &serverMessage() const { return m_serverMessage; }
    const QMap<QString, QString> &fieldErrors() const { return m_fieldErrors; }
    int retryAfterSeconds() const { return m_retryAfterSeconds; }
    const QString &oauthProblem() const { return m_oauthProblem; }
    const CertificateInfo &certificate() const { return m_certificate; }

    ApiError &withFieldError(const QString &field, const QString &message);
    ApiError &withRetryAfter(int seconds);
    ApiError &withOAuthProblem(const QString &problem);
    ApiError &withCertificate(const CertificateInfo &certificate);

    // One translated sentence for people, with the server's own words appended when useful.
    QString userMessage() const;
    static QString kindName(Kind kind); // stable, untranslated: "rate-limited", for logs and JSON

private:
    Kind m_kind = Kind::None;
    int m_httpStatus = 0;
    QString m_serverMessage;
    QMap<QString, QString> m_fieldErrors;
    int m_retryAfterSeconds = -1;
    QString m_oauthProblem;
    CertificateInfo m_certificate;
};

} // namespace accessdesk
