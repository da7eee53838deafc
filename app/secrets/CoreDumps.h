#pragma once

namespace accessdesk::secrets {

// Keeps this process's memory out of core dumps and away from other processes of the same user.
// AccessDesk holds passwords, tokens, OAuth secrets and private keys in memory while it works; a
// crash would otherwise write all of it into a core file (in the working folder with the kernel's
// default pattern, or to systemd-coredump/apport), readable long after the run. Called first
// thing in main() of both the desktop app and accessdesk-cli, before any secret is read. Failing
// is not fatal: the program still runs, only without this protection.
void keepOutOfCoreDumps();

} // namespace accessdesk::secrets
