#include "SimProcess.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

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
    return launch(QStringLiteral("0"));
}

bool SimProcess::restart()
{
    const QString port = QString::number(QUrl(m_url).port());
    stop();
    m_url.clear();
    return launch(port);
}

void SimProcess::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(5000);
}

bool SimProcess::launch(const QString &port)
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start(binary(), QStringList{QStringLiteral("--port"), port} + m_arguments);
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

QUrl answerOAuth2Consent(const QString &simUrl, const QUrl &authorizeUrl, const QString &user,
                         bool approve, QString *problem)
{
    QNetworkAccessManager browser; // its own cookie jar: the user's session
    browser.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    const auto request = [](const QUrl &url) {
        QNetworkRequest r(url);
        r.setRawHeader("User-Agent", "AccessDesk-tests/1.0");
        return r;
    };
    const auto failed = [problem](const QString &step, const HttpResult &result) {
        *problem = QStringLiteral("%1 answered %2: %3")
                       .arg(step)
                       .arg(result.status)
                       .arg(QString::fromUtf8(result.body.left(1500)));
        return QUrl();
    };
    QNetworkRequest login = request(QUrl(simUrl + QStringLiteral("/login.jsp")));
    login.setRawHeader("Content-Type", "application/x-www-form-urlencoded");
    const HttpResult signedIn = httpSend(
        browser, login, "POST", "os_username=" + user.toUtf8() + "&os_password=" + user.toUtf8());
    if (signedIn.status != 302)
        return failed(QStringLiteral("login"), signedIn);
    const HttpResult authorize = httpSend(browser, request(authorizeUrl), "GET");
    if (authorize.status != 303)
        return failed(QStringLiteral("authorize"), authorize);
    const HttpResult consent =
        httpSend(browser, request(QUrl::fromEncoded(authorize.header("Location"))), "GET");
    if (consent.status != 200)
        return failed(QStringLiteral("the consent page"), consent);
    // The form's hidden fields (state, atl_token, …), as the browser would send them back.
    static const QRegularExpression hidden(
        QStringLiteral("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">"));
    QUrlQuery form;
    for (auto it = hidden.globalMatch(QString::fromUtf8(consent.body)); it.hasNext();) {
        const auto match = it.next();
        QString value = match.captured(2);
        value.replace(QStringLiteral("&amp;"), QStringLiteral("&"))
            .replace(QStringLiteral("&quot;"), QStringLiteral("\""))
            .replace(QStringLiteral("&#39;"), QStringLiteral("'"))
            .replace(QStringLiteral("&lt;"), QStringLiteral("<"))
            .replace(QStringLiteral("&gt;"), QStringLiteral(">"));
        form.addQueryItem(match.captured(1), QString::fromLatin1(QUrl::toPercentEncoding(value)));
    }
    if (!form.hasQueryItem(QStringLiteral("atl_token")))
        return failed(QStringLiteral("the consent page (no atl_token)"), consent);
    form.addQueryItem(approve ? QStringLiteral("approve") : QStringLiteral("deny"),
                      approve ? QStringLiteral("Allow") : QStringLiteral("Deny"));
    QNetworkRequest post =
        request(QUrl(simUrl + QStringLiteral("/plugins/servlet/oauth2/consent")));
    post.setRawHeader("Content-Type", "application/x-www-form-urlencoded");
    const HttpResult decided =
        httpSend(browser, post, "POST", form.query(QUrl::FullyEncoded).toLatin1());
    if (decided.status != 302)
        return failed(QStringLiteral("the consent answer"), decided);
    const QUrl back = QUrl::fromEncoded(decided.header("Location"));
    const HttpResult returned = httpSend(browser, request(back), "GET");
    if (returned.status != 200)
        return failed(QStringLiteral("the loopback redirect"), returned);
    return back;
}
