// bench_seed_grants KEY N: stores N made-up grants (bench::makeGrants) in the offline cache of
// the app's own database, under KEY, as if My access had last listed them just now. KEY is what
// GrantListCache::keyFor gives: a profile name, or "<user>@<server URL>" for a connection made
// from the command line. The database is where the app finds it (XDG_DATA_HOME decides).
#include "BenchGrants.h"

#include "services/GrantListCache.h"
#include "storage/Database.h"
#include "storage/OfflineCache.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QStandardPaths>

#include <cstdio>

using namespace accessdesk;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // The app's names (app/main.cpp), so the same folder is found.
    QCoreApplication::setOrganizationName(QStringLiteral("AccessDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("AccessDesk"));
    if (argc < 3) {
        std::fputs("usage: bench_seed_grants KEY N\n", stderr);
        return 2;
    }
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    Database database;
    if (!database.open(dir + QStringLiteral("/accessdesk.sqlite"))) {
        std::fprintf(stderr, "bench_seed_grants: %s\n", qPrintable(database.errorString()));
        return 1;
    }
    OfflineCache cache(database);
    const QString key = QString::fromLocal8Bit(argv[1]);
    if (!GrantListCache(&cache).store(key, bench::makeGrants(QByteArray(argv[2]).toInt()),
                                      QDateTime::currentDateTimeUtc())) {
        std::fprintf(stderr, "bench_seed_grants: %s\n", qPrintable(cache.lastError()));
        return 1;
    }
    return 0;
}
