#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace trackersim {

// Faults tests switch on per route through /__trackersim/faults (see README).
struct Fault
{
    enum class Action {
        Respond,   // answer with status/body/contentType/headers instead of the real handler
        Truncate,  // real answer, but the body stops half-way and the connection closes
        Malformed, // real status and Content-Type, body replaced by broken JSON
        Latency,   // wait delayMs, then answer normally
        Reset,     // close the connection without answering
        Stall,     // answer nothing; close after delayMs (0: keep the connection open)
    };

    int id = 0;
    QByteArray method; // empty: any method
    QString path;      // exact path, or a prefix when it ends with '*'
    Action action = Action::Respond;
    int status = 500;
    QByteArray body;
    QByteArray contentType = "text/plain;charset=UTF-8";
    QList<QPair<QByteArray, QByteArray>> headers;
    int delayMs = 0;
    int remaining = -1; // how many more requests it applies to; -1 means every one

    static std::optional<Fault> fromJson(const QJsonObject &object, QString *error);
    QJsonObject toJson() const;
    bool matches(const QByteArray &requestMethod, const QString &requestPath) const;
};

class FaultInjector final
{
public:
    int add(Fault fault);
    void clear() { m_faults.clear(); }
    bool remove(int id);
    QJsonArray toJson() const;
    // The fault for this request, counting it as used.
    std::optional<Fault> take(const QByteArray &method, const QString &path);

private:
    QList<Fault> m_faults;
    int m_nextId = 1;
};

} // namespace trackersim
