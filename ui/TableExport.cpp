#include "TableExport.h"

#include "PlainText.h"
#include "storage/CsvWriter.h"
#include "storage/PrivateFiles.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPointer>
#include <QSaveFile>
#include <QStandardPaths>

namespace accessdesk::TableExport {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TableExport", text);
}

QString cellText(const QModelIndex &index)
{
    const QVariant value = index.data(ExportRole);
    if (!value.isValid())
        return index.data(Qt::DisplayRole).toString();
    if (value.userType() == QMetaType::QDateTime) {
        const QDateTime time = value.toDateTime();
        return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
    }
    if (value.userType() == QMetaType::QStringList)
        return value.toStringList().join(QStringLiteral(", "));
    return value.toString();
}

} // namespace

QByteArray toCsv(const QAbstractItemModel &model)
{
    QStringList header;
    for (int column = 0; column < model.columnCount(); ++column)
        header << model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
    CsvWriter writer(header);
    writer.setByteOrderMark(true);
    for (int row = 0; row < model.rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < model.columnCount(); ++column)
            cells << cellText(model.index(row, column));
        writer.addRow(cells);
    }
    return writer.data();
}

bool writeCsv(const QAbstractItemModel &model, const QString &path, QString *error)
{
    // A device or a pipe (/dev/stdout, a FIFO a script reads) is written as it is: QSaveFile
    // would put its temporary file beside the device and rename it over the device, and the
    // device's own permissions are not ours to change.
    const QFileInfo target(path);
    if (target.exists() && !target.isFile()) {
        QFile device(path);
        if (!device.open(QIODevice::WriteOnly) || device.write(toCsv(model)) < 0 ||
            !device.flush()) {
            *error = tr("Could not write %1: %2")
                         .arg(QDir::toNativeSeparators(path), device.errorString());
            return false;
        }
        return true;
    }
    // QSaveFile: a failed export never leaves half a file where an older export was.
    QSaveFile file(path);
    // The rows are server data (who holds which access): readable by the user only, also
    // where an older export was readable by others.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(privatefiles::kFile) ||
        file.write(toCsv(model)) < 0 || !file.commit()) {
        *error =
            tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

void exportWithDialog(const QAbstractItemModel &model, const QString &suggestedName,
                      QWidget *parent)
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    auto *dialog =
        new QFileDialog(parent, tr("Export as CSV"), QDir(folder).filePath(suggestedName),
                        tr("CSV files (*.csv);;All files (*)"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QPointer<const QAbstractItemModel> source(&model);
    QObject::connect(dialog, &QFileDialog::fileSelected, parent,
                     [source, parent](const QString &path) {
                         if (!source)
                             return;
                         QString error;
                         if (!writeCsv(*source, path, &error))
                             PlainText::warning(parent, tr("Export failed"), error)
                                 ->setObjectName(QStringLiteral("exportFailed"));
                     });
    dialog->open();
}

} // namespace accessdesk::TableExport
