#include "Seed.h"

#include "Store.h"
#include "auth/Crypto.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>

namespace trackersim::seed {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

// A fresh RSA public key (bare base64 SubjectPublicKeyInfo, as Jira stores consumer keys).
QString newPublicKey()
{
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048), &EVP_PKEY_free);
    unsigned char *der = nullptr;
    const int length = i2d_PUBKEY(key.get(), &der);
    const QByteArray bytes(reinterpret_cast<const char *>(der), length);
    OPENSSL_free(der);
    return QString::fromLatin1(bytes.toBase64());
}

bool addUsers(Store &store)
{
    struct User
    {
        const char *name, *key, *display;
        bool admin, sysadmin;
        const char *zone;
    };
    const User people[] = {
        {"admin", "JIRAUSER10000", "Ada Admin", true, true, "UTC"},
        {"alice", "JIRAUSER10100", "Alice Able", false, false, "Europe/Berlin"},
        {"bob", "JIRAUSER10200", "Bob Baker", false, false, "America/New_York"},
    };
    bool ok = true;
    for (const User &u : people) {
        const QString name = QString::fromLatin1(u.name);
        // As on Jira development instances, each password equals the user name.
        ok = ok &&
             store.exec(
                 QStringLiteral("INSERT INTO users (name, user_key, display_name, email, password,"
                                " admin, sysadmin, time_zone) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                 {name, QString::fromLatin1(u.key), QString::fromLatin1(u.display),
                  QString(name + QStringLiteral("@example.test")), name, u.admin, u.sysadmin,
                  QString::fromLatin1(u.zone)});
    }
    return ok;
}

bool addProjects(Store &store, qint64 now)
{
    bool ok = store.exec(
        QStringLiteral("INSERT INTO projects (id, project_key, name, public, lead) VALUES"
                       " (10000, 'PUB', 'Public Roadmap', 1, 'admin'),"
                       " (10001, 'SEC', 'Secret Launch', 0, 'alice')"));
    ok = ok &&
         store.exec(QStringLiteral("INSERT INTO project_members (project_key, user_name) VALUES"
                                   " ('SEC', 'alice'), ('SEC', 'admin')"));
    const struct
    {
        int id;
        const char *key, *project, *summary, *description;
    } issues[] = {
        {10100, "PUB-1", "PUB", "Publish the public roadmap", "Everyone may read this issue."},
        {10101, "PUB-2", "PUB", "Collect feedback on the roadmap", "Public feedback round."},
        {10200, "SEC-1", "SEC", "Prepare the secret launch", "Only members of SEC may read this."},
        {10201, "SEC-2", "SEC", "Negotiate launch partners", "Confidential partner list."},
    };
    for (const auto &issue : issues) {
        ok = ok &&
             store.exec(QStringLiteral(
                            "INSERT INTO issues (id, issue_key, project_key, summary, description,"
                            " created_at) VALUES (?, ?, ?, ?, ?, ?)"),
                        {issue.id, QString::fromLatin1(issue.key),
                         QString::fromLatin1(issue.project), QString::fromLatin1(issue.summary),
                         QString::fromLatin1(issue.description), now - 20 * kDayMs});
    }
    return ok;
}

struct DemoLink
{
    const char *id, *type, *name, *url;
    bool primary;
    const char *consumerKey; // incoming consumer, or nullptr
    const char *consumerName;
    const char *description;
    const char *callback;
};

const DemoLink kDemoLinks[] = {
    {"4a3c1b7e-58f2-3d4e-9c61-0f2b7a9d1e01", "bamboo", "Bamboo", "http://bamboo.example.test:8085",
     true, "bamboo:4a3c1b7e-58f2-3d4e-9c61-0f2b7a9d1e01", "Bamboo",
     "Atlassian Bamboo at http://bamboo.example.test:8085", nullptr},
    {"8d2e5f10-3a4b-3c5d-8e6f-7a8b9c0d1e02", "confluence", "Confluence", "http://wiki.example.test",
     true, "confluence:8d2e5f10-3a4b-3c5d-8e6f-7a8b9c0d1e02", "Confluence",
     "Atlassian Confluence at http://wiki.example.test", nullptr},
    {"c5b7a913-2d4f-3e6a-b8c0-d1e2f3a4b503", "generic", "Release Radar",
     "http://radar.example.test", false, "release-radar", "Release Radar",
     "Release Radar reads your issues to plan releases. https://radar.example.test/about",
     "http://radar.example.test/oauth/callback"},
    {"e7f8a9b0-c1d2-3e4f-a5b6-c7d8e9f0a104", "stash", "Bitbucket", "http://git.example.test:7990",
     true, nullptr, nullptr, nullptr, nullptr},
};

bool addAppLinks(Store &store, qint64 now)
{
    bool ok = true;
    for (const DemoLink &link : kDemoLinks) {
        const QString id = QString::fromLatin1(link.id);
        const bool atlassian = QByteArrayView(link.type) != "generic";
        ok = ok &&
             store.exec(QStringLiteral(
                            "INSERT INTO applinks (id, type_id, name, display_url, rpc_url,"
                            " is_primary, is_system, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)"),
                        {id, QString::fromLatin1(link.type), QString::fromLatin1(link.name),
                         QString::fromLatin1(link.url), QString::fromLatin1(link.url), link.primary,
                         now - 90 * kDayMs});
        const bool oauth = link.consumerKey != nullptr;
        ok = ok &&
             store.exec(QStringLiteral(
                            "INSERT INTO applink_oauth (link_id, incoming_enabled, incoming_2lo,"
                            " outgoing_enabled, outgoing_2lo) VALUES (?, ?, ?, ?, ?)"),
                        {id, oauth, oauth && atlassian, oauth && atlassian, oauth && atlassian});
        if (!oauth)
            continue;
        ok = ok &&
             store.exec(QStringLiteral(
                            "INSERT INTO oauth_consumers (consumer_key, link_id, name, description,"
                            " public_key, callback, two_lo_allowed, created_at)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                        {QString::fromLatin1(link.consumerKey), id,
                         QString::fromLatin1(link.consumerName),
                         QString::fromLatin1(link.description), newPublicKey(),
                         link.callback ? QVariant(QString::fromLatin1(link.callback)) : QVariant(),
                         atlassian, now - 90 * kDayMs});
        ok = ok &&
             store.exec(
                 QStringLiteral("INSERT INTO applink_auth_providers (link_id, provider, module)"
                                " VALUES (?, ?, ?)"),
                 {id,
                  QStringLiteral(
                      "com.atlassian.applinks.api.auth.types.OAuthAuthenticationProvider"),
                  QStringLiteral(
                      "com.atlassian.applinks.oauth.auth.OAuthAuthenticatorProviderPluginModule")});
    }
    return ok;
}

bool addOAuth1Tokens(Store &store, qint64 now)
{
    // Alice authorised Bamboo a month ago and Release Radar three days ago (5-year access tokens).
    const struct
    {
        const char *consumer;
        qint64 ageDays;
    } grants[] = {
        {"bamboo:4a3c1b7e-58f2-3d4e-9c61-0f2b7a9d1e01", 30},
        {"release-radar", 3},
    };
    bool ok = true;
    for (const auto &grant : grants) {
        const qint64 created = now - grant.ageDays * kDayMs;
        ok = ok &&
             store.exec(QStringLiteral(
                            "INSERT INTO oauth1_tokens (token, secret, consumer_key, kind, version,"
                            " user_name, authorization, created_at, expires_at, session_handle,"
                            " session_expires_at) VALUES (?, ?, ?, 'access', '1.0a', 'alice', 1, "
                            "?, ?, ?, ?)"),
                        {crypto::randomAlphanumeric(32), crypto::randomAlphanumeric(32),
                         QString::fromLatin1(grant.consumer), created, created + 5 * 365 * kDayMs,
                         crypto::randomAlphanumeric(32), created + (5 * 365 + 30) * kDayMs});
    }
    return ok;
}

bool addOAuth2(Store &store, qint64 now)
{
    const QString clientId = QStringLiteral("d3f1a2b4c5e6f708192a3b4c5d6e7f80");
    bool ok = store.exec(
        QStringLiteral("INSERT INTO oauth2_clients (id, client_id, client_secret, name, redirects,"
                       " user_key, scope, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        {QStringLiteral("6b1d9e2f-4c3a-4b5d-8e7f-9a0b1c2d3e4f"), clientId, crypto::randomHex(32),
         QStringLiteral("Deploy Dashboard"),
         QString::fromUtf8(
             QJsonDocument(QJsonArray{QStringLiteral("http://127.0.0.1:8765/callback")})
                 .toJson(QJsonDocument::Compact)),
         QStringLiteral("JIRAUSER10000"), QStringLiteral("WRITE"), now - 40 * kDayMs});
    // Alice authorised it a week ago; its refresh token lasts 90 days.
    const qint64 created = now - 7 * kDayMs;
    ok = ok &&
         store.exec(
             QStringLiteral(
                 "INSERT INTO oauth2_tokens (id, client_id, user_name, scope, access_hash,"
                 " access_expires_at, refresh_hash, refresh_expires_at, created_at, last_used_at)"
                 " VALUES (?, ?, 'alice', 'WRITE', ?, ?, ?, ?, ?, ?)"),
             {crypto::randomHex(16), clientId, crypto::sha256Hex(crypto::randomBytes(32)),
              created + 3600 * 1000, crypto::sha256Hex(crypto::randomBytes(32)),
              created + 90 * kDayMs, created, now - 2 * kDayMs});
    return ok;
}

bool addPersonalToken(Store &store, const QString &user, const QString &name, qint64 created,
                      const QVariant &expiring, const QVariant &lastUsed)
{
    // The id is 12 random digits, as in Jira's token format; the secret itself is discarded.
    // Among 100,000 tokens two ids collide now and then, so a taken one is drawn again.
    QString id;
    do
        id = QStringLiteral("1") + crypto::randomDigits(11);
    while (store.one(QStringLiteral("SELECT 1 FROM pats WHERE id = ?"), {id.toLongLong()}));
    const QByteArray raw = QByteArray(id.toLatin1() + ':' + crypto::randomBytes(20)).toBase64();
    return store.exec(
        QStringLiteral(
            "INSERT INTO pats (id, user_name, user_key, name, secret_hash, created_at,"
            " expiring_at, last_accessed_at) VALUES (?, ?, (SELECT user_key FROM users WHERE"
            " lower(name) = lower(?)), ?, ?, ?, ?, ?)"),
        {id.toLongLong(), user, user, name, crypto::sha256Hex(raw), created, expiring, lastUsed});
}

bool addPersonalTokens(Store &store, qint64 now)
{
    const QVariant never;
    return addPersonalToken(store, QStringLiteral("alice"), QStringLiteral("laptop-cli"),
                            now - 87 * kDayMs, now + 3 * kDayMs,
                            now - 1 * kDayMs) // expires within 5 days
           && addPersonalToken(store, QStringLiteral("alice"), QStringLiteral("ci-pipeline"),
                               now - 10 * kDayMs, never, never) // never expires, never used
           && addPersonalToken(store, QStringLiteral("bob"), QStringLiteral("reporting"),
                               now - 30 * kDayMs, now + 60 * kDayMs, now - 4 * 3600 * 1000LL) &&
           addPersonalToken(store, QStringLiteral("bob"), QStringLiteral("old-import"),
                            now - 200 * kDayMs, now + 165 * kDayMs, never); // never used
}

bool addScaleTokens(Store &store, qint64 now, int count)
{
    // Up to ten tokens a user, as Jira's per-user cap allows.
    bool ok = true;
    const int userCount = (count + 9) / 10;
    for (int u = 0; u < userCount && ok; ++u) {
        const QString name = QStringLiteral("user%1").arg(u + 1, 4, 10, QLatin1Char('0'));
        ok = store.exec(
            QStringLiteral("INSERT INTO users (name, user_key, display_name, email, password)"
                           " VALUES (?, ?, ?, ?, ?)"),
            {name, QStringLiteral("JIRAUSER2%1").arg(u + 1, 4, 10, QLatin1Char('0')),
             QStringLiteral("Scale User %1").arg(u + 1),
             QString(name + QStringLiteral("@example.test")), name});
    }
    for (int i = 0; i < count && ok; ++i) {
        const QString user = QStringLiteral("user%1").arg(i / 10 + 1, 4, 10, QLatin1Char('0'));
        const qint64 created = now - (i % 365) * kDayMs;
        const QVariant expiring =
            (i % 7 == 0) ? QVariant() : QVariant(created + (30 + i % 300) * kDayMs);
        const QVariant used = (i % 3 == 0) ? QVariant() : QVariant(created + (i % 5) * kDayMs);
        ok = addPersonalToken(store, user, QStringLiteral("token-%1").arg(i + 1), created, expiring,
                              used);
    }
    return ok;
}

} // namespace

bool apply(Store &store, const QString &kind, qint64 nowMs, QString *error)
{
    int scaleCount = 0;
    if (kind.startsWith(QLatin1String("scale:"))) {
        bool numeric = false;
        scaleCount = kind.mid(6).toInt(&numeric);
        if (!numeric || scaleCount < 0) {
            *error = QStringLiteral("--seed scale:N needs a non-negative number");
            return false;
        }
    } else if (kind != QLatin1String("demo") && kind != QLatin1String("none")) {
        *error = QStringLiteral("--seed must be demo, none or scale:N");
        return false;
    }

    store.transaction();
    bool ok = addUsers(store);
    if (kind != QLatin1String("none")) {
        ok = ok && addProjects(store, nowMs) && addAppLinks(store, nowMs) &&
             addOAuth1Tokens(store, nowMs) && addOAuth2(store, nowMs) &&
             addPersonalTokens(store, nowMs);
    }
    ok = ok && addScaleTokens(store, nowMs, scaleCount);
    if (!ok) {
        store.rollback();
        *error = QStringLiteral("seeding the database failed");
        return false;
    }
    return store.commit();
}

} // namespace trackersim::seed
