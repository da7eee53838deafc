#include "auth/PrivateKeyFile.h"

#include "auth/SecureRandom.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace accessdesk {

namespace {

using Problem = PrivateKeyFile::Problem;

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

// Maps what the system said to a problem the user can act on. folder and file are shown as the
// user chose them, never the temporary name.
Problem explain(int error, const QString &folder, const QString &file, QString *message)
{
    switch (error) {
    case ENOENT:
    case ENOTDIR:
        *message = PrivateKeyFile::tr("The folder \"%1\" does not exist. Choose an existing "
                                      "folder for the private key.")
                       .arg(shown(folder));
        return Problem::FolderMissing;
    case EACCES:
    case EPERM:
    case EROFS:
        *message = PrivateKeyFile::tr("AccessDesk may not write in the folder \"%1\". Choose a "
                                      "folder you can write to.")
                       .arg(shown(folder));
        return Problem::FolderNotWritable;
    case EEXIST:
        *message = PrivateKeyFile::tr("\"%1\" already exists. Choose another file name, or "
                                      "confirm that the existing file may be replaced.")
                       .arg(shown(file));
        return Problem::FileExists;
    case EISDIR:
        *message = PrivateKeyFile::tr("\"%1\" is a folder. Choose a file name for the private "
                                      "key.")
                       .arg(shown(file));
        return Problem::IsAFolder;
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
        *message = PrivateKeyFile::tr("There is not enough space to write \"%1\" (the disk or "
                                      "your quota is full). Free some space or choose another "
                                      "folder.")
                       .arg(shown(file));
        return Problem::DiskFull;
    default:
        *message = PrivateKeyFile::tr("Could not write \"%1\": %2.")
                       .arg(shown(file), qt_error_string(error));
        return Problem::WriteFailed;
    }
}

bool writeAll(int fd, const QByteArray &bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t written = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        done += written;
    }
    return true;
}

// A new file only its owner may read, under a random name next to the target. fchmod makes the
// mode exactly 0600 whatever the umask, which can only have narrowed it.
int createTemporary(const QString &target, QByteArray *temporary)
{
    for (int attempt = 0; attempt < 8; ++attempt) {
        const QFileInfo info(target);
        *temporary = QFile::encodeName(info.absolutePath() + QStringLiteral("/.") +
                                       info.fileName() + QLatin1Char('.') +
                                       QString::fromLatin1(secureRandom::fromAlphabet(
                                           10, "abcdefghijklmnopqrstuvwxyz0123456789")) +
                                       QStringLiteral(".tmp"));
        const int fd = ::open(temporary->constData(),
                              O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (fd >= 0 && ::fchmod(fd, 0600) == 0)
            return fd;
        if (fd >= 0) {
            const int saved = errno;
            ::close(fd);
            ::unlink(temporary->constData());
            errno = saved;
            return -1;
        }
        if (errno != EEXIST)
            return -1;
    }
    return -1;
}

// Gives the temporary file its final name. Without permission to replace, link(2) does it
// atomically and fails with EEXIST if the name was taken meanwhile; on file systems without hard
// links, check-then-rename is the best there is.
bool publish(const QByteArray &temporary, const QByteArray &target,
             PrivateKeyFile::Existing existing)
{
    if (existing == PrivateKeyFile::Existing::Replace)
        return ::rename(temporary.constData(), target.constData()) == 0;
    if (::link(temporary.constData(), target.constData()) == 0) {
        ::unlink(temporary.constData());
        return true;
    }
    if (errno != EPERM && errno != EOPNOTSUPP && errno != ENOSYS)
        return false;
    struct stat status;
    if (::lstat(target.constData(), &status) == 0) {
        errno = EEXIST;
        return false;
    }
    return ::rename(temporary.constData(), target.constData()) == 0;
}

// Makes the new directory entry durable too; a failure here loses nothing already written.
void syncFolder(const QString &folder)
{
    const int fd =
        ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

PrivateKeyFile::Problem PrivateKeyFile::write(const QString &path, const QByteArray &secret,
                                              Existing existing, QString *error)
{
    QString message;
    const auto fail = [&](int code, const QString &folder, const QString &file) {
        const Problem problem = explain(code, folder, file, &message);
        if (error)
            *error = message;
        return problem;
    };
    if (path.trimmed().isEmpty()) {
        if (error)
            *error = tr("Choose a file to write the private key to.");
        return Problem::NoPath;
    }
    const QFileInfo info(path);
    const QString target = info.absoluteFilePath();
    const QString folder = info.absolutePath();
    const QByteArray encodedTarget = QFile::encodeName(target);

    struct stat status;
    if (::stat(QFile::encodeName(folder).constData(), &status) != 0)
        return fail(errno, folder, target);
    if (!S_ISDIR(status.st_mode))
        return fail(ENOTDIR, folder, target);
    if (::lstat(encodedTarget.constData(), &status) == 0) {
        if (S_ISDIR(status.st_mode))
            return fail(EISDIR, folder, target);
        if (existing == Existing::Refuse)
            return fail(EEXIST, folder, target);
    }

    QByteArray temporary;
    const int fd = createTemporary(target, &temporary);
    if (fd < 0)
        return fail(errno, folder, target);
    const bool written = writeAll(fd, secret) && ::fsync(fd) == 0;
    const int writeError = errno;
    const bool closed = ::close(fd) == 0;
    if (!written || !closed) {
        const int code = written ? errno : writeError;
        ::unlink(temporary.constData());
        return fail(code, folder, target);
    }
    if (!publish(temporary, encodedTarget, existing)) {
        const int code = errno;
        ::unlink(temporary.constData());
        return fail(code, folder, target);
    }
    syncFolder(folder);
    if (error)
        error->clear();
    return Problem::None;
}

} // namespace accessdesk
