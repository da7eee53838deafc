#include "DocShotsSupport.h"

#include "SimProcess.h"
#include "secrets/SecretStore.h"

#include <QAbstractItemModel>
#include <QJsonDocument>
#include <QPainter>
#include <QPixmap>
#include <QProcess>
#include <QWidget>

#include <cstdio>
#include <memory>

namespace docshots {

QPalette darkPalette()
{
    // The colours of a typical dark Fusion theme (Breeze Dark, Adwaita-dark are close).
    const QColor window(0x2b, 0x2d, 0x31);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor dimmed(0x8a, 0x8d, 0x93);
    const QColor highlight(0x3d, 0x6f, 0xb4);
    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    palette.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x42));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, dimmed);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3c));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    palette.setColor(QPalette::Link, QColor(0x7a, 0xb0, 0xff));
    palette.setColor(QPalette::LinkVisited, QColor(0xb0, 0x9a, 0xff));
    palette.setColor(QPalette::Highlight, highlight);
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x52));
    palette.setColor(QPalette::Midlight, QColor(0x3e, 0x41, 0x46));
    palette.setColor(QPalette::Mid, QColor(0x25, 0x26, 0x29));
    palette.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    palette.setColor(QPalette::Shadow, Qt::black);
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, dimmed);
    return palette;
}

bool fail(const QString &what)
{
    std::fprintf(stderr, "docshots: %s\n", qPrintable(what));
    return false;
}

int rowOf(const QAbstractItemModel *model, int column, const QString &text)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, column).data().toString().contains(text))
            return row;
    }
    return -1;
}

void drawDialog(QPixmap &windowPicture, QWidget *window, QWidget *dialog)
{
    QPainter painter(&windowPicture);
    const QPalette palette = dialog->palette();
    QFont titleFont = dialog->font();
    titleFont.setBold(true);
    const int barHeight = QFontMetrics(titleFont).height() + 12;
    const QPoint at = window->mapFromGlobal(dialog->mapToGlobal(QPoint(0, 0)));
    const QRect frame(at.x() - 1, at.y() - barHeight - 1, dialog->width() + 2,
                      dialog->height() + barHeight + 2);

    for (int i = 1; i <= 8; ++i) // the shadow fades out over 8 px
        painter.fillRect(frame.adjusted(-i, -i + 3, i, i + 3), QColor(0, 0, 0, 9));
    const QRect bar(at.x(), at.y() - barHeight, dialog->width(), barHeight);
    painter.fillRect(bar, palette.color(QPalette::Window).darker(112));
    painter.setFont(titleFont);
    painter.setPen(palette.color(QPalette::WindowText));
    painter.drawText(bar, Qt::AlignCenter, dialog->windowTitle());
    painter.drawPixmap(at, dialog->grab());
    painter.setPen(palette.color(QPalette::Dark));
    painter.drawRect(frame.adjusted(0, 0, -1, -1));
}

bool addFault(QNetworkAccessManager &network, const QString &serverUrl, const QJsonObject &fault)
{
    QNetworkRequest request = jsonRequest(serverUrl + QStringLiteral("/__trackersim/faults"));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    const HttpResult result =
        httpSend(network, request, "POST", QJsonDocument(fault).toJson(QJsonDocument::Compact));
    return result.status == 201 ||
           fail(QStringLiteral("fault not added: HTTP %1").arg(result.status));
}

bool clearFaults(QNetworkAccessManager &network, const QString &serverUrl)
{
    const HttpResult result = httpSend(
        network, jsonRequest(serverUrl + QStringLiteral("/__trackersim/faults")), "DELETE");
    return (result.status >= 200 && result.status < 300) ||
           fail(QStringLiteral("faults not cleared: HTTP %1").arg(result.status));
}

QJsonObject runConsumer(const QStringList &arguments, const QByteArray &input)
{
    QProcess python;
    python.start(QStringLiteral(STORY_PYTHON),
                 QStringList{QStringLiteral(STORY_CONSUMER)} + arguments);
    python.write(input);
    python.closeWriteChannel();
    if (!python.waitForFinished(120000))
        return {{QStringLiteral("error"), QStringLiteral("the consumer did not finish")}};
    const QJsonObject answer = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    if (answer.isEmpty())
        return {{QStringLiteral("error"), QString::fromUtf8(python.readAllStandardError())}};
    return answer;
}

bool storePassword(accessdesk::SecretStore &secrets, const QString &profile,
                   const QByteArray &password)
{
    using accessdesk::SecretJob;
    std::unique_ptr<SecretJob> job(
        secrets.writeSecret({profile, accessdesk::SecretKind::Password}, password));
    job->setAutoDelete(false);
    QSignalSpy written(job.get(), &SecretJob::finished);
    return written.wait(kWaitMs) && !job->hasError() && !job->isMemoryOnly();
}

void forgetSecrets(const QStringList &profiles)
{
    using accessdesk::SecretJob;
    accessdesk::SecretStore secrets;
    for (const QString &profile : profiles) {
        std::unique_ptr<SecretJob> job(secrets.deleteAllFor(profile));
        job->setAutoDelete(false);
        QSignalSpy done(job.get(), &SecretJob::finished);
        done.wait(kWaitMs);
    }
}

} // namespace docshots
