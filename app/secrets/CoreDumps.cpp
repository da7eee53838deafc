#include "secrets/CoreDumps.h"

#include "secrets/SecretsLogging.h"

#if defined(Q_OS_UNIX)
#include <sys/resource.h>
#endif
#if defined(Q_OS_LINUX)
#include <sys/prctl.h>
#endif

#include <cerrno>
#include <cstring>

namespace accessdesk::secrets {

void keepOutOfCoreDumps()
{
#if defined(Q_OS_UNIX)
    // A core size limit of 0 stops the kernel writing a core file, and crash collectors that
    // receive the core through a pipe (systemd-coredump, apport) honour it too. Only the soft
    // limit: programs started from here (the browser for a sign-in) inherit it, and may raise it
    // again for themselves.
    rlimit limit{};
    if (::getrlimit(RLIMIT_CORE, &limit) == 0) {
        limit.rlim_cur = 0;
        if (::setrlimit(RLIMIT_CORE, &limit) != 0)
            qCWarning(lcSecrets) << "cannot switch off core dumps:" << std::strerror(errno);
    }
#endif
#if defined(Q_OS_LINUX)
    // Not dumpable: no core even where the limit is not asked (a pipe collector that ignores it),
    // and other processes of the same user cannot attach with ptrace or read /proc/<pid>/mem.
    // execve() resets the flag, so programs started from here are unaffected. (Debuggers must
    // start the program rather than attach to it; AddressSanitizer lifts the flag while it looks
    // for leaks.)
    if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
        qCWarning(lcSecrets) << "cannot make the process non-dumpable:" << std::strerror(errno);
#endif
}

} // namespace accessdesk::secrets
