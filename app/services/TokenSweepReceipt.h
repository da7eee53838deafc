#pragma once

#include "services/TokenSweep.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace accessdesk {

// The receipt of a sweep: one CSV row per token (id, name, owner's user name, created, expires,
// last used — ISO 8601 UTC, empty for none — outcome key and reason), through CsvWriter.
//
// The file holds who owns which token, so it is created readable by its owner only (0600, never
// wider whatever the umask). An existing file is replaced only when the caller allows it, and
// then only a regular file: never a link (it could point anywhere) nor a device or folder. A
// replaced file is written beside it and renamed over it, so it is never wider than 0600 even for
// a moment and never half-written.
class TokenSweepReceipt final
{
    Q_DECLARE_TR_FUNCTIONS(TokenSweepReceipt)

public:
    enum class Existing {
        Refuse,             // an existing file is an error
        ReplaceRegularFile, // an existing regular file is replaced
    };

    static QByteArray csv(const QList<TokenSweep::Item> &items);

    // Why path cannot be written under that rule, or empty. Check before revoking, so that a
    // mistyped path costs nothing.
    static QString checkPath(const QString &path, Existing existing);
    // False with *error set when the file could not be written (nothing is left behind then).
    static bool write(const QString &path, const QByteArray &data, Existing existing,
                      QString *error);
};

} // namespace accessdesk
