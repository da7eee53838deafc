#include "services/TokenSweepReceipt.h"

#include "storage/CsvWriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include <filesystem>

namespace accessdesk {

namespace {

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

QString isoUtc(const std::optional<QDateTime> &time)
{
    return time && time->isValid() ? time->toUTC().toString(Qt::ISODateWithMs) : QString();
}

bool writeAll(QFileDevice &file, const QByteArray &data)
{
    return file.write(data) == data.size() && file.flush();
}

} // namespace

QByteArray TokenSweepReceipt::csv(const QList<TokenSweep::Item> &items)
{
    CsvWriter writer({QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("owner"),
                      QStringLiteral("created"), QStringLiteral("expires"),
                      QStringLiteral("last used"), QStringLiteral("outcome"),
                      QStringLiteral("error")});
    for (const TokenSweep::Item &item : items) {
        const PersonalToken &token = item.token;
        writer.addRow({QString::number(token.id), token.name,
                       token.owner ? token.owner->username : QString(), isoUtc(token.createdAt),
                       isoUtc(token.expiresAt), isoUtc(token.lastUsedAt),
                       TokenSweep::outcomeKey(item.outcome), item.reason});
    }
    return writer.data();
}

QString TokenSweepReceipt::checkPath(const QString &path, Existing existing)
{
    if (path.isEmpty())
        return tr("No file name was given for the receipt.");
    const QFileInfo info(path);
    if (info.exists() || info.isSymLink()) { // a dangling link does not "exist"
        if (existing == Existing::Refuse)
            return tr("“%1” already exists.").arg(path);
        if (info.isSymLink())
            return tr("“%1” is a link; give the path of a regular file.").arg(path);
        if (!info.isFile())
            return tr("“%1” is not a regular file.").arg(path);
    }
    const QFileInfo folder(info.absolutePath());
    if (!folder.isDir())
        return tr("The folder “%1” does not exist.").arg(folder.filePath());
    if (!folder.isWritable())
        return tr("The folder “%1” cannot be written to.").arg(folder.filePath());
    return {};
}

bool TokenSweepReceipt::write(const QString &path, const QByteArray &data, Existing existing,
                              QString *error)
{
    *error = checkPath(path, existing);
    if (!error->isEmpty())
        return false;
    const QFileInfo info(path);
    if (!info.exists()) {
        // O_EXCL: a file that appeared since the check is not overwritten.
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerOnly)) {
            *error = tr("“%1” could not be created: %2").arg(path, file.errorString());
            return false;
        }
        if (!writeAll(file, data)) {
            *error = tr("“%1” could not be written: %2").arg(path, file.errorString());
            file.remove();
            return false;
        }
        return true;
    }
    // QTemporaryFile creates its file 0600, beside the target so the rename stays on one disk.
    QTemporaryFile temporary(info.absolutePath() + QStringLiteral("/.receipt-XXXXXX"));
    if (!temporary.open() || !temporary.setPermissions(kOwnerOnly) || !writeAll(temporary, data)) {
        *error = tr("“%1” could not be written: %2").arg(path, temporary.errorString());
        return false;
    }
    temporary.close();
    std::error_code failure;
    std::filesystem::rename(QFile::encodeName(temporary.fileName()).toStdString(),
                            QFile::encodeName(path).toStdString(), failure);
    if (failure) {
        *error = tr("“%1” could not be replaced: %2")
                     .arg(path, QString::fromLocal8Bit(failure.message()));
        return false; // the temporary file removes itself
    }
    temporary.setAutoRemove(false); // it has become the receipt
    return true;
}

} // namespace accessdesk
