// Server text shown as plain text, the clipboard for secrets, and exports only the user can read,
// with real widgets on the offscreen platform and a real trackersim. A personal token named like
// markup ("<b>evil</b><img src=x>") must appear as those characters wherever the app shows it.
#include "../unit/FileModes.h"
#include "AccessGrantModel.h"
#include "DisplayText.h"
#include "GuiTestSupport.h"
#include "SimSession.h"
#include "services/MyAccessController.h"
#include "ui/ConfirmationDialog.h"
#include "ui/MainWindow.h"
#include "ui/MyAccessPage.h"
#include "ui/PlainText.h"
#include "ui/SecretClipboard.h"
#include "ui/TableExport.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTextDocument>

#include <sys/stat.h>

#include <memory>

using namespace accessdesk;
using namespace std::chrono_literals;

namespace {

const QString kEvil = QStringLiteral("<b>evil</b><img src=x>");

// What a tooltip string renders as.
QString renderedToolTip(const QString &toolTip)
{
    if (!Qt::mightBeRichText(toolTip))
        return toolTip;
    QTextDocument document;
    document.setHtml(toolTip);
    return document.toPlainText();
}

} // namespace

class TestPlainText final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void grantNamedLikeMarkupShowsLiterally();
    void everyLabelWithServerTextIsPlain();
    void connectionProblemBoxIsPlain();
    void helpersShowMarkupLiterally();
    void secretOnTheClipboardCarriesThePasswordManagerHint();
    void secretIsWipedOnQuit();
    void quitLeavesWhatTheUserCopiedSince();
    void exportIsReadableByTheUserOnly();

private:
    SimSession m_session; // as alice
    std::unique_ptr<MyAccessController> m_controller;
    std::unique_ptr<MainWindow> m_window;
};

void TestPlainText::initTestCase()
{
    QVERIFY2(m_session.start(QStringLiteral("alice")), qPrintable(m_session.errorText()));
    // A token alice names herself: the server stores and returns the name as typed.
    const HttpResult made = m_session.server().sendJson(
        "POST", QStringLiteral("/rest/pat/latest/tokens"),
        QJsonDocument(QJsonObject{{QStringLiteral("name"), kEvil},
                                  {QStringLiteral("expirationDuration"), 30}})
            .toJson(),
        "alice");
    QVERIFY2(made.status == 201 || made.status == 200, made.body.constData());

    m_controller =
        std::make_unique<MyAccessController>(m_session.connection(), nullptr, m_session.who());
    m_window = std::make_unique<MainWindow>(m_controller.get());
    m_window->show();
    QSignalSpy loaded(m_controller.get(), &MyAccessController::grantsChanged);
    m_controller->probe();
    m_controller->refresh();
    QVERIFY(loaded.wait(30000));
}

void TestPlainText::cleanupTestCase()
{
    m_window.reset();
    m_controller.reset();
    m_session.stop();
}

void TestPlainText::grantNamedLikeMarkupShowsLiterally()
{
    MyAccessPage *page = m_window->myAccessPage();
    QTableView *table = child<QTableView>(page, QStringLiteral("grantTable"));
    QAbstractItemModel *model = table->model();
    int row = -1;
    for (int r = 0; r < model->rowCount(); ++r) {
        for (int c = 0; c < model->columnCount(); ++c) {
            if (model->index(r, c).data().toString() == kEvil)
                row = r;
        }
    }
    QVERIFY2(row >= 0, "the token named like markup is not listed");
    // Tooltips are rich text whenever they look like it: each cell's renders as the server's
    // text, whatever the column.
    for (int c = 0; c < model->columnCount(); ++c) {
        const QString tip = model->index(row, c).data(Qt::ToolTipRole).toString();
        QVERIFY2(!renderedToolTip(tip).contains(QLatin1String("evil")) ||
                     renderedToolTip(tip).contains(kEvil),
                 qPrintable(tip));
    }
    table->selectRow(row);
    const auto *details = child<QTextBrowser>(page, QStringLiteral("grantDetails"));
    QVERIFY2(details->toPlainText().contains(kEvil), qPrintable(details->toPlainText()));
    saveScreenshot(m_window.get(), QStringLiteral("plaintext-grant"));
}

void TestPlainText::everyLabelWithServerTextIsPlain()
{
    // The status bar names the server and the user the server says we are.
    const QList<QLabel *> statusLabels = m_window->statusBar()->findChildren<QLabel *>();
    QVERIFY(!statusLabels.isEmpty());
    for (const QLabel *label : statusLabels)
        QCOMPARE(label->textFormat(), Qt::PlainText);

    // The confirmation before a revoke quotes the token's name.
    MyAccessPage *page = m_window->myAccessPage();
    QTableView *table = child<QTableView>(page, QStringLiteral("grantTable"));
    for (int r = 0; r < table->model()->rowCount(); ++r) {
        if (table->model()->index(r, 0).data().toString() == kEvil)
            table->selectRow(r);
    }
    QCOMPARE(page->selectedGrants().size(), 1);
    page->revokeSelected();
    auto *confirmation = m_window->findChild<ConfirmationDialog *>();
    QVERIFY(confirmation);
    int shown = 0;
    for (const QWidget *top :
         {static_cast<QWidget *>(m_window.get()), static_cast<QWidget *>(confirmation)}) {
        for (const QLabel *label : top->findChildren<QLabel *>()) {
            if (!label->text().contains(QLatin1String("evil")))
                continue;
            ++shown;
            QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->text()));
            QVERIFY(label->text().contains(kEvil));
        }
    }
    QVERIFY(shown >= 1);
    saveScreenshot(confirmation, QStringLiteral("plaintext-confirmation"));
    confirmation->reject(); // nothing is revoked
}

void TestPlainText::connectionProblemBoxIsPlain()
{
    m_window->showConnectionProblem(kEvil + QStringLiteral(" refused the connection."));
    auto *box = child<QMessageBox>(m_window.get(), QStringLiteral("connectionProblem"));
    QCOMPARE(box->textFormat(), Qt::PlainText);
    QCOMPARE(box->text(), kEvil + QStringLiteral(" refused the connection."));
    const auto *label = box->findChild<QLabel *>(QStringLiteral("qt_msgbox_label"));
    QVERIFY(label);
    QCOMPARE(label->textFormat(), Qt::PlainText);
    QCOMPARE(label->text(), box->text());
    saveScreenshot(box, QStringLiteral("plaintext-problem-box"));
    box->close();
}

void TestPlainText::helpersShowMarkupLiterally()
{
    QWidget parent;
    QLabel *label = PlainText::label(new QLabel(kEvil, &parent));
    QCOMPARE(label->textFormat(), Qt::PlainText);
    QCOMPARE(label->text(), kEvil);

    auto *widget = new QWidget(&parent);
    PlainText::setToolTip(widget, kEvil + QStringLiteral("\nsecond line"));
    QCOMPARE(renderedToolTip(widget->toolTip()), kEvil + QStringLiteral("\nsecond line"));

    QMessageBox *warning = PlainText::warning(&parent, QStringLiteral("Export failed"), kEvil);
    QCOMPARE(warning->textFormat(), Qt::PlainText);
    QCOMPARE(warning->text(), kEvil);
    QVERIFY(warning->testAttribute(Qt::WA_DeleteOnClose));
    warning->close();

    // Item models of server data answer tooltips that render literally too.
    AccessGrant grant;
    grant.id = QStringLiteral("oauth1:evil");
    grant.application = kEvil;
    grant.description = QStringLiteral("<i>reads</i> your <a href=\"http://x\">issues</a>");
    grant.applicationUrl = QStringLiteral("http://x.example/<script>");
    AccessGrantModel model;
    model.setGrants({grant});
    const QString descriptionTip =
        model.index(0, AccessGrantModel::Description).data(Qt::ToolTipRole).toString();
    QCOMPARE(renderedToolTip(descriptionTip), grant.description);
    const QString urlTip =
        model.index(0, AccessGrantModel::Application).data(Qt::ToolTipRole).toString();
    QCOMPARE(renderedToolTip(urlTip), grant.applicationUrl);
}

void TestPlainText::secretOnTheClipboardCarriesThePasswordManagerHint()
{
    QClipboard *clipboard = QApplication::clipboard();
    SecretClipboard::copy(QStringLiteral("s3cret-token"), 1h);
    QCOMPARE(clipboard->text(), QStringLiteral("s3cret-token"));
    const QMimeData *data = clipboard->mimeData();
    QVERIFY(data);
    QVERIFY(data->hasFormat(QStringLiteral("x-kde-passwordManagerHint")));
    QCOMPARE(data->data(QStringLiteral("x-kde-passwordManagerHint")), QByteArray("secret"));
    QVERIFY(SecretClipboard::holdsSecret());
    SecretClipboard::wipe();
    QVERIFY(clipboard->text().isEmpty());
    QVERIFY(!SecretClipboard::holdsSecret());
}

void TestPlainText::secretIsWipedOnQuit()
{
    QClipboard *clipboard = QApplication::clipboard();
    SecretClipboard::copy(QStringLiteral("another-s3cret"), 1h); // long before its timed wipe
    QCOMPARE(clipboard->text(), QStringLiteral("another-s3cret"));
    // What QCoreApplication::exec() emits as the app quits.
    QVERIFY(QMetaObject::invokeMethod(qApp, "aboutToQuit", Qt::DirectConnection));
    QVERIFY(clipboard->text().isEmpty());
}

void TestPlainText::quitLeavesWhatTheUserCopiedSince()
{
    QClipboard *clipboard = QApplication::clipboard();
    SecretClipboard::copy(QStringLiteral("third-s3cret"), 1h);
    clipboard->setText(QStringLiteral("the user's own text"));
    QVERIFY(!SecretClipboard::holdsSecret());
    QVERIFY(QMetaObject::invokeMethod(qApp, "aboutToQuit", Qt::DirectConnection));
    QCOMPARE(clipboard->text(), QStringLiteral("the user's own text"));
}

void TestPlainText::exportIsReadableByTheUserOnly()
{
    const mode_t old = ::umask(0); // 0600 must not come from the umask
    QTemporaryDir dir;
    QStandardItemModel model(1, 1);
    model.setHeaderData(0, Qt::Horizontal, QStringLiteral("Application"));
    model.setData(model.index(0, 0), kEvil);
    const QString fresh = dir.filePath(QStringLiteral("fresh.csv"));
    QString error;
    const bool written = TableExport::writeCsv(model, fresh, &error);
    // An older export others could read, replaced.
    const QString older = dir.filePath(QStringLiteral("older.csv"));
    {
        QFile file(older);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("old");
    }
    QVERIFY(QFile::setPermissions(older, QFileDevice::Permissions(0x6644)));
    const bool replaced = TableExport::writeCsv(model, older, &error);
    ::umask(old);
    QVERIFY2(written && replaced, qPrintable(error));
    QCOMPARE(QString::number(modeOf(fresh), 8), QStringLiteral("600"));
    QCOMPARE(QString::number(modeOf(older), 8), QStringLiteral("600"));
    QFile read(older);
    QVERIFY(read.open(QIODevice::ReadOnly));
    QVERIFY(read.readAll().contains(kEvil.toUtf8()));
}

QTEST_MAIN(TestPlainText)
#include "tst_plaintext.moc"
