#include "OAuth1Provider.h"

#include "store/Store.h"

// The consumer store: Atlassian's ServiceProviderConsumerStore (incoming, RSA-SHA1) and the
// consumer service's third-party entries (outgoing, HMAC-SHA1) share one table here.
namespace trackersim::routes::oauth1sp {

namespace {

QVariant orNull(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

// A null QString binds as SQL NULL; NOT NULL text columns want an empty string instead.
QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

Consumer fromRow(const QVariantMap &row)
{
    Consumer consumer;
    consumer.key = row.value(QStringLiteral("consumer_key")).toString();
    consumer.linkId = row.value(QStringLiteral("link_id")).toString();
    consumer.name = row.value(QStringLiteral("name")).toString();
    consumer.description = row.value(QStringLiteral("description")).toString();
    consumer.publicKey = row.value(QStringLiteral("public_key")).toString();
    consumer.sharedSecret = row.value(QStringLiteral("shared_secret")).toString();
    consumer.callback = row.value(QStringLiteral("callback")).toString();
    consumer.twoLOAllowed = row.value(QStringLiteral("two_lo_allowed")).toBool();
    consumer.executingTwoLOUser = row.value(QStringLiteral("executing_two_lo_user")).toString();
    consumer.twoLOImpersonationAllowed =
        row.value(QStringLiteral("two_lo_impersonation_allowed")).toBool();
    consumer.outgoing = row.value(QStringLiteral("outgoing")).toBool();
    return consumer;
}

bool removeWithTokens(Store &store, const QString &key)
{
    return store.exec(QStringLiteral("DELETE FROM oauth1_tokens WHERE consumer_key = ?"), {key}) &&
           store.exec(QStringLiteral("DELETE FROM oauth_consumers WHERE consumer_key = ?"), {key});
}

} // namespace

QString Consumer::signatureMethod() const
{
    return outgoing ? QStringLiteral("HMAC_SHA1") : QStringLiteral("RSA_SHA1");
}

std::optional<Consumer> findConsumer(const Store &store, const QString &key)
{
    const auto row =
        store.one(QStringLiteral("SELECT * FROM oauth_consumers WHERE consumer_key = ?"), {key});
    if (!row)
        return std::nullopt;
    return fromRow(*row);
}

std::optional<Consumer> incomingConsumerOf(const Store &store, const QString &linkId)
{
    const auto row = store.one(
        QStringLiteral("SELECT * FROM oauth_consumers WHERE link_id = ? AND outgoing = 0"),
        {linkId});
    if (!row)
        return std::nullopt;
    return fromRow(*row);
}

bool putConsumer(Store &store, const Consumer &consumer, qint64 nowMs)
{
    store.transaction();
    bool ok = true;
    if (!consumer.outgoing) {
        const auto previous = incomingConsumerOf(store, consumer.linkId);
        if (previous && previous->key != consumer.key)
            ok = removeWithTokens(store, previous->key);
    }
    // A key already used elsewhere moves to this link: the consumer store is keyed by key alone.
    ok = ok &&
         store.exec(
             QStringLiteral(
                 "INSERT INTO oauth_consumers (consumer_key, link_id, name, description,"
                 " public_key, shared_secret, signature_method, callback, two_lo_allowed,"
                 " executing_two_lo_user, two_lo_impersonation_allowed, outgoing, created_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                 " ON CONFLICT(consumer_key) DO UPDATE SET link_id = excluded.link_id,"
                 " name = excluded.name, description = excluded.description,"
                 " public_key = excluded.public_key, shared_secret = excluded.shared_secret,"
                 " signature_method = excluded.signature_method, callback = excluded.callback,"
                 " two_lo_allowed = excluded.two_lo_allowed,"
                 " executing_two_lo_user = excluded.executing_two_lo_user,"
                 " two_lo_impersonation_allowed = excluded.two_lo_impersonation_allowed,"
                 " outgoing = excluded.outgoing"),
             {consumer.key, orNull(consumer.linkId), notNull(consumer.name),
              notNull(consumer.description), orNull(consumer.publicKey),
              orNull(consumer.sharedSecret), consumer.signatureMethod(), orNull(consumer.callback),
              consumer.twoLOAllowed, orNull(consumer.executingTwoLOUser),
              consumer.twoLOImpersonationAllowed, consumer.outgoing, nowMs});
    if (!ok) {
        store.rollback();
        return false;
    }
    return store.commit();
}

bool removeIncomingConsumer(Store &store, const QString &linkId)
{
    const auto consumer = incomingConsumerOf(store, linkId);
    if (!consumer)
        return true;
    store.transaction();
    if (!removeWithTokens(store, consumer->key)) {
        store.rollback();
        return false;
    }
    return store.commit();
}

} // namespace trackersim::routes::oauth1sp
