#include "storage/PrivateFiles.h"

#include "storage/StorageLogging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace accessdesk::privatefiles {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(PrivateFiles)
};

bool failed(QString *error, const QString &message)
{
    qCWarning(lcStorage) << message;
    if (error)
        *error = message;
    return false;
}

} // namespace

bool ensureFolder(const QString &path, QString *error)
{
    if (!QDir().mkpath(path))
        return failed(
            error,
            Text::tr("The folder %1 could not be created.").arg(QDir::toNativeSeparators(path)));
    if (!QFile::setPermissions(path, kFolder))
        return failed(error, Text::tr("Access to the folder %1 could not be limited to you.")
                                 .arg(QDir::toNativeSeparators(path)));
    return true;
}

bool ensureFile(const QString &path, QString *error)
{
    const QFileInfo info(path);
    if (info.isSymLink() || (info.exists() && !info.isFile()))
        return failed(error,
                      Text::tr("%1 is not a regular file.").arg(QDir::toNativeSeparators(path)));
    if (!info.exists()) {
        QFile file(path);
        // Another process (the app and the CLI share these files) may create it first: fine.
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kFile) &&
            !QFileInfo::exists(path))
            return failed(error, Text::tr("%1 could not be created: %2")
                                     .arg(QDir::toNativeSeparators(path), file.errorString()));
    }
    if (!QFile::setPermissions(path, kFile))
        return failed(error, Text::tr("Access to %1 could not be limited to you.")
                                 .arg(QDir::toNativeSeparators(path)));
    return true;
}

QString settingsFilePath(const QString &folder)
{
    return folder + QStringLiteral("/profiles.ini");
}

QString settingsFile(const QString &folder)
{
    const QString path = settingsFilePath(folder);
    // QSettings still reads and writes the file when this fails; the warning is logged.
    if (ensureFolder(folder))
        ensureFile(path);
    return path;
}

bool restrictFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists() || !info.isFile() || info.isSymLink())
        return true;
    if (QFile::setPermissions(path, kFile))
        return true;
    return failed(
        nullptr,
        Text::tr("Access to %1 could not be limited to you.").arg(QDir::toNativeSeparators(path)));
}

} // namespace accessdesk::privatefiles
