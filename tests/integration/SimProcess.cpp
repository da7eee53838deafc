#include "SimProcess.h"

#include <QSignalSpy>
#include <QTest>

#include <csignal>

SimProcess::SimProcess(QStringList arguments)
    : m_arguments(std::move(arguments))
{}

SimProcess::~SimProcess()
{
    stop();
}

QString SimProcess::binary()
{
    return QStringLiteral(TRACKERSIM_PATH);
}

bool SimProcess::start()
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start(binary(),
                    QStringList{QStringLiteral("--port"), QStringLiteral("0")} + m_arguments);
    if (!m_process.waitForStarted(10000)) {
        m_error = m_process.errorString();
        return false;
    }
    QByteArray buffered;
    while (m_url.isEmpty()) {
        if (!m_process.canReadLine() && !m_process.waitForReadyRead(60000)) {
            m_error = QStringLiteral("no \"listening\" line; stderr: ") +
                      QString::fromUtf8(m_process.readAllStandardError());
            return false;
        }
        while (m_process.canReadLine()) {
            const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
            if (line.startsWith(QLatin1String("trackersim certificate sha256 ")))
                m_fingerprint = line.section(QLatin1Char(' '), -1);
            if (line.startsWith(QLatin1String("trackersim listening on ")))
                m_url = line.section(QLatin1Char(' '), -1);
        }
    }
    return true;
}

void SimProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpResult httpSend(QNetworkAccessManager &manager, QNetworkRequest request,
                    const QByteArray &method, const QByteArray &body, int timeoutMs)
{
    request.setTransferTimeout(timeoutMs);
    // A custom "HEAD" verb would make QNAM wait for a body that never comes.
    QNetworkReply *reply =
        method == "HEAD" ? manager.head(request) : manager.sendCustomRequest(request, method, body);
    HttpResult result;
    QObject::connect(reply, &QNetworkReply::sslErrors, reply,
                     [&result](const QList<QSslError> &errors) { result.sslErrors = errors; });
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(timeoutMs + 5000);
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.error = reply->error();
    result.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return result;
}

QNetworkRequest jsonRequest(const QString &url, const QByteArray &basicUser)
{
    QNetworkRequest request{QUrl(url)};
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("User-Agent", "AccessDesk-tests/1.0");
    if (!basicUser.isEmpty())
        request.setRawHeader("Authorization",
                             "Basic " + QByteArray(basicUser + ':' + basicUser).toBase64());
    return request;
}
