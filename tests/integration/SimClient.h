#pragma once

#include "SimProcess.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

// An OAuth 1.0a consumer as an admin registers it: a generic application link (spec 3.4) with
// an incoming consumer (spec 4.1).
struct OAuth1ConsumerSpec
{
    QString key;
    QString name;
    QString url;           // the link's RPC and display URL
    QString description;   // not sent when empty
    QString callback = {}; // the consumer's registered callback; not sent when empty
};

// What a test keeps of a registered consumer: the private half of its key, to sign with.
struct OAuth1Consumer
{
    QString key;
    QString linkId;
    QByteArray privateKeyPem;
};

// A running trackersim seen from the test's side, never through the client code under test: its
// control interface (README "Fault injection", the clock) and what the server holds, read over
// plain HTTP as the admin or a seeded user (basic auth, password = user name).
// Runs the openssl command with input on stdin: its stdout, or nullopt when it failed.
std::optional<QByteArray> runOpenssl(const QStringList &arguments, const QByteArray &input = {});

class SimClient final
{
public:
    SimClient(QNetworkAccessManager *network, QString baseUrl);

    HttpResult get(const QString &path, const QByteArray &user = {}) const;
    // A JSON body with its Content-Type.
    HttpResult sendJson(const QByteArray &method, const QString &path, const QByteArray &json,
                        const QByteArray &user = {}) const;

    // A fault is trackersim's JSON object; true when the sim took it.
    bool addFault(const QByteArray &json) const;
    bool addFault(const QJsonObject &fault) const;
    bool clearFaults() const;
    int faultCount() const; // -1 when the list could not be read
    bool advanceClock(qint64 seconds) const;

    // The user's own personal access tokens; empty when the server refused.
    QJsonArray personalTokens(const QByteArray &user) const;
    // Every user's personal access tokens, as the admin searches them; empty when refused.
    QJsonArray allPersonalTokens() const;
    // What can act as the user: the consumers on the access-tokens page and the names of the
    // personal tokens, sorted case-insensitively; one "<… status N>" entry when refused.
    QStringList grantedApplications(const QByteArray &user) const;

    // Makes a fresh RSA key with openssl, the way an admin would, and registers the consumer with
    // its public half; nullopt (and *error) when a step failed.
    std::optional<OAuth1Consumer> registerOAuth1Consumer(const OAuth1ConsumerSpec &spec,
                                                         QString *error) const;

private:
    QNetworkRequest request(const QString &path, const QByteArray &user) const;
    std::optional<QString> linkIdOf(const QString &name) const;

    QNetworkAccessManager *m_network;
    QString m_baseUrl;
};
