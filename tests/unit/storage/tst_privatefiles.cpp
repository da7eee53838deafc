// What AccessDesk writes about the user's servers is the user's alone: the local database with
// its WAL and shared-memory files, and the profiles file, are 0600 in 0700 folders, also under a
// permissive umask and when an older version left them readable by others.
#include "../FileModes.h"
#include "storage/Database.h"
#include "storage/PrivateFiles.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace accessdesk;

namespace {

QString octal(mode_t mode)
{
    return QString::number(mode, 8);
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

} // namespace

class TestPrivateFiles final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void folderIsCreatedAndRestricted();
    void fileIsCreatedAndRestricted();
    void databaseAndItsWalFilesAreOwnerOnly();
    void olderReadableDatabaseIsRestrictedOnOpen();
    void profilesFileStaysOwnerOnlyAfterQSettingsWrites();
    void aLinkIsNotFollowed();
};

void TestPrivateFiles::folderIsCreatedAndRestricted()
{
    const ScopedUmask umask(0);
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QString folder = home.filePath(QStringLiteral("a/b/accessdesk"));
    QString error;
    QVERIFY2(privatefiles::ensureFolder(folder, &error), qPrintable(error));
    QCOMPARE(octal(modeOf(folder)), QStringLiteral("700"));

    // A folder an older version made 0777 is restricted too.
    const QString old = home.filePath(QStringLiteral("old"));
    QVERIFY(QDir().mkpath(old));
    QVERIFY(QFile::setPermissions(old, QFileDevice::Permissions(0x7777)));
    QCOMPARE(octal(modeOf(old)), QStringLiteral("777"));
    QVERIFY(privatefiles::ensureFolder(old));
    QCOMPARE(octal(modeOf(old)), QStringLiteral("700"));
}

void TestPrivateFiles::fileIsCreatedAndRestricted()
{
    const ScopedUmask umask(0);
    QTemporaryDir home;
    const QString fresh = home.filePath(QStringLiteral("fresh"));
    QVERIFY(privatefiles::ensureFile(fresh));
    QCOMPARE(octal(modeOf(fresh)), QStringLiteral("600"));
    QCOMPARE(QFileInfo(fresh).size(), qint64(0));

    const QString existing = home.filePath(QStringLiteral("existing"));
    QVERIFY(writeFile(existing, "kept"));
    QCOMPARE(octal(modeOf(existing)), QStringLiteral("666"));
    QVERIFY(privatefiles::ensureFile(existing));
    QCOMPARE(octal(modeOf(existing)), QStringLiteral("600"));
    QFile read(existing);
    QVERIFY(read.open(QIODevice::ReadOnly));
    QCOMPARE(read.readAll(), QByteArray("kept")); // restricted, not truncated

    QVERIFY(privatefiles::restrictFile(home.filePath(QStringLiteral("missing")))); // no error
    QVERIFY(!QFileInfo::exists(home.filePath(QStringLiteral("missing"))));
}

void TestPrivateFiles::databaseAndItsWalFilesAreOwnerOnly()
{
    const ScopedUmask umask(0);
    QTemporaryDir home;
    const QString dataDir = home.filePath(QStringLiteral("data"));
    QVERIFY(privatefiles::ensureFolder(dataDir));
    const QString path = dataDir + QStringLiteral("/accessdesk.sqlite");
    Database db;
    QVERIFY2(db.open(path), qPrintable(db.errorString()));
    // A write in WAL mode brings the -wal and -shm files into being while the database is open.
    QSqlQuery query(db.connection());
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE probe (x INTEGER)")));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO probe VALUES (1)")));
    for (const QString &file :
         QStringList{path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")}) {
        QVERIFY2(QFileInfo::exists(file), qPrintable(file));
        QCOMPARE(octal(modeOf(file)), QStringLiteral("600"));
    }
    QCOMPARE(octal(modeOf(dataDir)), QStringLiteral("700"));
}

void TestPrivateFiles::olderReadableDatabaseIsRestrictedOnOpen()
{
    const ScopedUmask umask(0);
    QTemporaryDir home;
    const QString path = home.filePath(QStringLiteral("accessdesk.sqlite"));
    {
        Database db;
        QVERIFY(db.open(path));
    }
    const QString wal = path + QStringLiteral("-wal");
    QVERIFY(writeFile(wal, QByteArray())); // as an older version's crash would leave it
    const auto readable = QFileDevice::Permissions(0x6644);
    QVERIFY(QFile::setPermissions(path, readable));
    QVERIFY(QFile::setPermissions(wal, readable));
    QCOMPARE(octal(modeOf(path)), QStringLiteral("644"));

    Database db;
    QVERIFY2(db.open(path), qPrintable(db.errorString()));
    QCOMPARE(octal(modeOf(path)), QStringLiteral("600"));
    if (QFileInfo::exists(wal)) // SQLite may have checkpointed it away
        QCOMPARE(octal(modeOf(wal)), QStringLiteral("600"));
}

void TestPrivateFiles::profilesFileStaysOwnerOnlyAfterQSettingsWrites()
{
    const ScopedUmask umask(0);
    QTemporaryDir home;
    const QString folder = home.filePath(QStringLiteral("config/accessdesk"));
    const QString path = privatefiles::settingsFile(folder);
    QCOMPARE(path, folder + QStringLiteral("/profiles.ini"));
    QCOMPARE(octal(modeOf(folder)), QStringLiteral("700"));
    QCOMPARE(octal(modeOf(path)), QStringLiteral("600"));
    for (int round = 0; round < 2; ++round) {
        // QSettings replaces the file on every sync (write a copy, rename it over).
        QSettings settings(path, QSettings::IniFormat);
        settings.setValue(QStringLiteral("profiles/one/baseUrl"),
                          QStringLiteral("https://jira%1.example.com").arg(round));
        settings.sync();
        QCOMPARE(settings.status(), QSettings::NoError);
        QCOMPARE(octal(modeOf(path)), QStringLiteral("600"));
    }
    QSettings reread(path, QSettings::IniFormat);
    QCOMPARE(reread.value(QStringLiteral("profiles/one/baseUrl")).toString(),
             QStringLiteral("https://jira1.example.com"));
}

void TestPrivateFiles::aLinkIsNotFollowed()
{
    QTemporaryDir home;
    const QString target = home.filePath(QStringLiteral("elsewhere"));
    QVERIFY(writeFile(target, "someone else's"));
    QVERIFY(QFile::setPermissions(target, QFileDevice::Permissions(0x6644)));
    const QString link = home.filePath(QStringLiteral("profiles.ini"));
    QVERIFY(QFile::link(target, link));
    QString error;
    QVERIFY(!privatefiles::ensureFile(link, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(octal(modeOf(target)), QStringLiteral("644")); // left alone
}

QTEST_GUILESS_MAIN(TestPrivateFiles)
#include "tst_privatefiles.moc"
