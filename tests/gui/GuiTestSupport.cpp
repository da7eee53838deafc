#include "GuiTestSupport.h"

#include "services/Translations.h"

#include <QAbstractButton>
#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QListWidget>
#include <QMainWindow>
#include <QStatusBar>
#include <QTest>

namespace accessdesk {

QList<QStringList> parseCsv(QByteArray data)
{
    if (data.startsWith("\xEF\xBB\xBF"))
        data.remove(0, 3);
    const QString text = QString::fromUtf8(data);
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c != QLatin1Char('"')) {
                cell += c;
            } else if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                cell += c;
                ++i;
            } else {
                quoted = false;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            row << cell;
            cell.clear();
        } else if (c == QLatin1Char('\n')) {
            row << cell;
            rows << row;
            row.clear();
            cell.clear();
        } else if (c != QLatin1Char('\r')) {
            cell += c;
        }
    }
    if (!cell.isEmpty() || !row.isEmpty())
        rows << (row << cell);
    return rows;
}

QStringList columnTexts(const QAbstractItemModel *model, int column)
{
    QStringList texts;
    for (int row = 0; row < model->rowCount(); ++row)
        texts << model->index(row, column).data().toString();
    return texts;
}

int rowOf(const QAbstractItemModel *model, int column, const QString &text)
{
    return int(columnTexts(model, column).indexOf(text));
}

std::unique_ptr<QMainWindow> frameFor(QWidget *page, int currentRow)
{
    auto window = std::make_unique<QMainWindow>();
    auto *central = new QWidget(window.get());
    auto *layout = new QHBoxLayout(central);
    auto *navigation = new QListWidget(central);
    navigation->addItems({QStringLiteral("My access"), QStringLiteral("Administration"),
                          QStringLiteral("Activity"), QStringLiteral("Connection")});
    navigation->setSpacing(4);
    navigation->setFixedWidth(navigation->sizeHintForColumn(0) + 40);
    navigation->setCurrentRow(currentRow);
    layout->addWidget(navigation);
    layout->addWidget(page, 1);
    window->setCentralWidget(central);
    window->statusBar()->showMessage(QStringLiteral("Connected"));
    window->resize(1280, 800);
    return window;
}

void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("ACCESSDESK_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QCoreApplication::processEvents(); // layouts settle before the picture
    widget->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
}

ConfirmationDialog *clickConfirmed(QAbstractButton *button, QObject *owner,
                                   ConfirmationDialog::Answer answer)
{
    if (!button->isEnabled())
        return nullptr;
    ConfirmationDialog::setNextAnswer(answer);
    QTest::mouseClick(button, Qt::LeftButton);
    return owner->findChild<ConfirmationDialog *>();
}

std::optional<bool> answerOf(ConfirmationDialog *dialog, int timeoutMs)
{
    QSignalSpy answered(dialog, &ConfirmationDialog::answered);
    if (!answered.wait(timeoutMs))
        return std::nullopt;
    return answered.first().first().toBool();
}

bool saveThroughFileDialog(QAbstractButton *button, QObject *owner, const QString &path)
{
    QTest::mouseClick(button, Qt::LeftButton);
    auto *dialog = owner->findChild<QFileDialog *>();
    if (!dialog)
        return false;
    dialog->selectFile(path);
    static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept() is protected
    return true;
}

bool TempDatabase::open()
{
    return m_dir.isValid() && m_database.open(m_dir.filePath(QStringLiteral("accessdesk.sqlite")));
}

QString TempDatabase::errorString() const
{
    return m_dir.isValid() ? m_database.errorString() : m_dir.errorString();
}

bool TempSettings::open()
{
    if (!m_dir.isValid())
        return false;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("config"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("data"))));
    m_settings.emplace(m_dir.filePath(QStringLiteral("profiles.ini")), QSettings::IniFormat);
    m_profiles.emplace(*m_settings);
    return true;
}

QByteArray TempSettings::contents()
{
    m_settings->sync();
    QFile file(m_settings->fileName());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace accessdesk

namespace {
// The widget tests read the app's English as its users do ("1 grant", not "1 grant(s)"), whatever
// language the machine running them is set to; tst_languages switches language itself.
void installEnglishForTests()
{
    accessdesk::translations::install(QStringLiteral("en"));
}
} // namespace
Q_COREAPP_STARTUP_FUNCTION(installEnglishForTests)
