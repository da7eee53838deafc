#pragma once

#include "SimResponse.h"

#include <QString>

// The plain Jira-like page frame the servlets (login, websudo, OAuth pages) render into.
namespace trackersim::html {

class Page final
{
public:
    explicit Page(const QString &title)
        : m_title(title)
    {}
    Page &add(const QString &markup)
    {
        m_body += markup;
        return *this;
    }
    SimResponse response(int status) const
    {
        SimResponse response = SimResponse::html(
            status,
            QStringLiteral(
                "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>") +
                m_title.toHtmlEscaped() +
                QStringLiteral(
                    "</title></head>\n<body id=\"jira\">\n<main id=\"main\" role=\"main\">\n") +
                m_body + QStringLiteral("\n</main>\n</body></html>\n"));
        // Jira's anti-framing headers.
        response.withHeader("X-Frame-Options", "SAMEORIGIN")
            .withHeader("Content-Security-Policy", "frame-ancestors 'self'");
        return response;
    }

private:
    QString m_title;
    QString m_body;
};

} // namespace trackersim::html
