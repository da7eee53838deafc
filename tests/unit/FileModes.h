#pragma once

// File permissions in tests: what mode a file has, and a umask that cannot explain it away.
#include <QFile>
#include <QString>
#include <QtGlobal>

#include <sys/stat.h>

// The permission bits of path, or 07777 (never a mode a test expects) when it cannot be read.
inline mode_t modeOf(const QString &path)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return 07777;
    return info.st_mode & 07777;
}

// A permissive umask for one test, so that a file's 0600 or a folder's 0700 cannot come from the
// umask the tests happen to run under.
class ScopedUmask final
{
public:
    explicit ScopedUmask(mode_t mask)
        : m_old(::umask(mask))
    {}
    ~ScopedUmask() { ::umask(m_old); }
    Q_DISABLE_COPY_MOVE(ScopedUmask)

private:
    mode_t m_old;
};
