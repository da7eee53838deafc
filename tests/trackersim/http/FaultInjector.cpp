#include "FaultInjector.h"

namespace trackersim {

namespace {

struct ActionName
{
    Fault::Action action;
    QLatin1StringView name;
};

constexpr ActionName kActionNames[] = {
    {Fault::Action::Respond, QLatin1StringView("respond")},
    {Fault::Action::Truncate, QLatin1StringView("truncate")},
    {Fault::Action::Malformed, QLatin1StringView("malformed")},
    {Fault::Action::Latency, QLatin1StringView("latency")},
    {Fault::Action::Reset, QLatin1StringView("reset")},
    {Fault::Action::Stall, QLatin1StringView("stall")},
};

} // namespace

std::optional<Fault> Fault::fromJson(const QJsonObject &object, QString *error)
{
    Fault fault;
    fault.method = object.value(QStringLiteral("method")).toString().toUpper().toLatin1();
    fault.path = object.value(QStringLiteral("path")).toString();
    if (!fault.path.startsWith(QLatin1Char('/'))) {
        *error = QStringLiteral("\"path\" must start with '/'");
        return std::nullopt;
    }
    const QString actionName =
        object.value(QStringLiteral("action")).toString(QStringLiteral("respond"));
    bool known = false;
    for (const ActionName &entry : kActionNames) {
        if (entry.name == actionName) {
            fault.action = entry.action;
            known = true;
        }
    }
    if (!known) {
        *error = QStringLiteral("unknown action \"%1\"").arg(actionName);
        return std::nullopt;
    }
    fault.status = object.value(QStringLiteral("status")).toInt(500);
    fault.body = object.value(QStringLiteral("body")).toString().toUtf8();
    if (object.contains(QStringLiteral("contentType")))
        fault.contentType = object.value(QStringLiteral("contentType")).toString().toLatin1();
    const QJsonObject headers = object.value(QStringLiteral("headers")).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it)
        fault.headers.append({it.key().toLatin1(), it.value().toVariant().toString().toLatin1()});
    fault.delayMs = object.value(QStringLiteral("delayMs")).toInt(0);
    fault.remaining = object.value(QStringLiteral("times")).toInt(-1);
    if (fault.status < 100 || fault.status > 599) {
        *error = QStringLiteral("\"status\" must be an HTTP status code");
        return std::nullopt;
    }
    return fault;
}

QJsonObject Fault::toJson() const
{
    QString actionName;
    for (const ActionName &entry : kActionNames) {
        if (entry.action == action)
            actionName = entry.name;
    }
    QJsonObject headerObject;
    for (const auto &[name, value] : headers)
        headerObject.insert(QString::fromLatin1(name), QString::fromLatin1(value));
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("method"), QString::fromLatin1(method)},
                       {QStringLiteral("path"), path},
                       {QStringLiteral("action"), actionName},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("body"), QString::fromUtf8(body)},
                       {QStringLiteral("contentType"), QString::fromLatin1(contentType)},
                       {QStringLiteral("headers"), headerObject},
                       {QStringLiteral("delayMs"), delayMs},
                       {QStringLiteral("times"), remaining}};
}

bool Fault::matches(const QByteArray &requestMethod, const QString &requestPath) const
{
    if (!method.isEmpty() && method != requestMethod)
        return false;
    if (path.endsWith(QLatin1Char('*')))
        return requestPath.startsWith(QStringView(path).chopped(1));
    return requestPath == path;
}

int FaultInjector::add(Fault fault)
{
    fault.id = m_nextId++;
    m_faults.append(fault);
    return fault.id;
}

bool FaultInjector::remove(int id)
{
    return m_faults.removeIf([id](const Fault &f) { return f.id == id; }) > 0;
}

QJsonArray FaultInjector::toJson() const
{
    QJsonArray list;
    for (const Fault &fault : m_faults)
        list.append(fault.toJson());
    return list;
}

std::optional<Fault> FaultInjector::take(const QByteArray &method, const QString &path)
{
    for (qsizetype i = 0; i < m_faults.size(); ++i) {
        Fault &fault = m_faults[i];
        if (!fault.matches(method, path))
            continue;
        const Fault chosen = fault;
        if (fault.remaining > 0 && --fault.remaining == 0)
            m_faults.removeAt(i);
        return chosen;
    }
    return std::nullopt;
}

} // namespace trackersim
