#pragma once

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QStringList>
#include <QUrl>

#include <memory>

// A real trackersim process for one test: started on a free loopback port, stopped with SIGTERM.
class SimProcess final
{
public:
    explicit SimProcess(QStringList arguments = {});
    ~SimProcess();
    Q_DISABLE_COPY_MOVE(SimProcess)

    bool start(); // waits for the "listening on" line; false (with errorText) when it did not come
    void stop();  // SIGTERM and wait, as a user's Ctrl+C would
    void kill();  // SIGKILL and wait: a crash, or an operator's kill -9, mid-request
    // Starts again with the same arguments on the port it had (so clients keep their URL) and,
    // with --data, on the same data; false (with errorText) when it did not come up.
    bool restart();
    QString url() const { return m_url; }
    QString fingerprint() const { return m_fingerprint; }
    QString errorText() const { return m_error; }
    int exitCode() const { return m_process.exitCode(); }
    static QString binary();

private:
    bool launch(const QString &port);

    QStringList m_arguments;
    QProcess m_process;
    QString m_url;
    QString m_fingerprint;
    QString m_error;
};

// A finished reply with its status, body and transport error.
struct HttpResult
{
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QList<QSslError> sslErrors;
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray header(const QByteArray &name) const;
};

// Sends one request and waits for it to finish (QSignalSpy-style waiting is fine in tests).
HttpResult httpSend(QNetworkAccessManager &manager, QNetworkRequest request,
                    const QByteArray &method, const QByteArray &body = {}, int timeoutMs = 20000);
QNetworkRequest jsonRequest(const QString &url, const QByteArray &basicUser = {});

// A user's browser on trackersim's OAuth 2.0 consent (the password equals the user name, as
// seeded): signs in, follows authorizeUrl to the consent page, presses Allow (approve) or Deny and
// follows the answer back to the loopback redirect. Returns that redirect address; an empty URL
// with *problem when a step did not answer as Jira's pages do.
QUrl answerOAuth2Consent(const QString &simUrl, const QUrl &authorizeUrl, const QString &user,
                         bool approve, QString *problem);
