#pragma once

#include "api/CertificateInfo.h"

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QPair>
#include <QString>

namespace accessdesk {

// One finished HTTP exchange, detached from QNetworkReply so that mapping and decoding are pure
// functions tests can feed directly.
struct RawReply
{
    int status = 0; // 0: no HTTP answer at all
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorText;
    bool cancelledByCaller = false;
    CertificateInfo refusedCertificate; // set when TLS verification refused the server

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    bool isSuccess() const { return status >= 200 && status < 300; }
};

} // namespace accessdesk
