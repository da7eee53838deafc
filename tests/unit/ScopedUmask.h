#pragma once

#include <QtGlobal>

#include <sys/stat.h>

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
