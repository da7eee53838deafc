#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace accessdesk {

// Writes a secret (a private key) to a file the user chose, readable by its owner only. The
// file never exists with wider permissions, not even for a moment, and never half-written: the
// bytes go to a new temporary file in the same folder, created with O_CREAT|O_EXCL and mode
// 0600, flushed to disk, then given the chosen name in one step. Blocking (it waits for fsync):
// call it from a worker thread in the app. Logs nothing.
class PrivateKeyFile
{
    Q_DECLARE_TR_FUNCTIONS(PrivateKeyFile)

public:
    enum class Existing { Refuse, Replace };
    enum class Problem {
        None,
        NoPath,
        FolderMissing,
        FolderNotWritable,
        FileExists, // only with Existing::Refuse; the existing file is left untouched
        IsAFolder,
        DiskFull, // no space, quota reached or the file size limit
        WriteFailed,
    };

    // Problem::None on success; otherwise *error says what happened and what to do, and no file
    // (temporary or final) is left behind.
    static Problem write(const QString &path, const QByteArray &secret, Existing existing,
                         QString *error);
};

} // namespace accessdesk
