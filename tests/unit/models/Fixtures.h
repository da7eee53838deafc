#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QFile>
#include <QString>

// Reads tests/fixtures/models/<name>; an unreadable fixture gives an empty body, which every
// decoder rejects, so a missing file fails the test instead of passing quietly.
inline QByteArray fixture(const char *name)
{
    QFile file(QStringLiteral(ACCESSDESK_FIXTURES "/models/") + QString::fromLatin1(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

inline QDateTime utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toUTC();
}
