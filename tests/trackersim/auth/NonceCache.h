#pragma once

#include <QHash>
#include <QString>

namespace trackersim {

// OAuth 1.0a replay protection: a (consumer, token, timestamp, nonce) may be used once while its
// timestamp is inside the accepted window.
class NonceCache final
{
public:
    // False when the combination was seen before.
    bool remember(const QString &key, qint64 timestampSeconds, qint64 nowSeconds,
                  qint64 windowSeconds)
    {
        if (++m_insertions % 256 == 0)
            m_seen.removeIf([&](auto it) { return it.value() < nowSeconds - windowSeconds; });
        if (m_seen.contains(key))
            return false;
        m_seen.insert(key, timestampSeconds);
        return true;
    }

private:
    QHash<QString, qint64> m_seen;
    quint64 m_insertions = 0;
};

} // namespace trackersim
