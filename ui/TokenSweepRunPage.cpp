#include "TokenSweepRunPage.h"

#include "DialogParts.h"
#include "TableViews.h"
#include "TextFilterModel.h"
#include "TokenOutcomeModel.h"
#include "services/TokenSweepController.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMap>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

namespace accessdesk {

namespace {

using Outcome = TokenSweep::Outcome;
using Stage = TokenSweepController::Stage;

constexpr int kReasonsListed = 6; // distinct reasons the summary spells out

QString number(qint64 value)
{
    return QLocale().toString(value);
}

} // namespace

TokenSweepRunPage::TokenSweepRunPage(TokenSweepController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_model(new TokenOutcomeModel(this))
    , m_proxy(new TextFilterModel(TokenOutcomeModel::RawValueRole, this))
    , m_headline(DialogParts::wrappedLabel(QString(), this))
    , m_bar(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_summary(DialogParts::wrappedLabel(QString(), this))
    , m_table(new QTableView(this))
    , m_problem(DialogParts::errorLabel(this))
    , m_receiptStatus(DialogParts::wrappedLabel(QString(), this))
    , m_saveReceipt(new QPushButton(tr("Save &receipt…"), this))
{
    m_proxy->setSourceModel(m_model);
    m_headline->setObjectName(QStringLiteral("sweepHeadline"));
    m_headline->setAccessibleName(tr("What the revoke is doing"));
    DialogParts::makeTitle(m_headline);
    m_bar->setObjectName(QStringLiteral("sweepProgress"));
    m_bar->setAccessibleName(tr("Revoke progress"));
    m_cancel->setObjectName(QStringLiteral("cancelSweep"));
    m_cancel->setAccessibleName(tr("Cancel the revoke"));
    m_cancel->setToolTip(tr("Send no further batch; what was sent is still checked."));
    m_summary->setObjectName(QStringLiteral("sweepSummary"));
    m_summary->setAccessibleName(tr("What the revoke did"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setObjectName(QStringLiteral("outcomeTable"));
    m_table->setAccessibleName(tr("Each token's outcome"));
    TableViews::setUpSortableTable(m_table, m_proxy, TokenOutcomeModel::Outcome, Qt::AscendingOrder,
                                   QAbstractItemView::ExtendedSelection);
    m_problem->setObjectName(QStringLiteral("sweepProblem"));
    m_receiptStatus->setObjectName(QStringLiteral("receiptStatus"));
    m_receiptStatus->setAccessibleName(tr("Where the receipt was saved"));
    m_saveReceipt->setObjectName(QStringLiteral("saveReceipt"));
    m_saveReceipt->setAccessibleName(tr("Save a receipt of the revoke as CSV"));
    m_saveReceipt->setToolTip(tr("Every token with its outcome, as a CSV file only you can read"));

    connect(m_cancel, &QPushButton::clicked, m_controller, &TokenSweepController::cancel);
    connect(m_saveReceipt, &QPushButton::clicked, this, &TokenSweepRunPage::saveReceipt);

    auto *progress = new QHBoxLayout;
    progress->addWidget(m_bar, 1);
    progress->addWidget(m_cancel);
    auto *receipt = new QHBoxLayout;
    receipt->addWidget(m_receiptStatus, 1);
    receipt->addWidget(m_saveReceipt);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_headline);
    layout->addLayout(progress);
    layout->addWidget(m_summary);
    layout->addWidget(m_problem);
    layout->addWidget(m_table, 1);
    layout->addLayout(receipt);
    render();
}

QString TokenSweepRunPage::headline() const
{
    return m_headline->text();
}

QString TokenSweepRunPage::summary() const
{
    return m_summary->text();
}

void TokenSweepRunPage::render()
{
    const QString problem = m_controller->problemText();
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    const Stage stage = m_controller->stage();
    const bool done = stage == Stage::Done;
    m_bar->setVisible(stage == Stage::Sweeping || stage == Stage::Verifying);
    m_cancel->setVisible(m_bar->isVisible());
    m_summary->setVisible(done);
    m_table->setVisible(done);
    m_saveReceipt->setVisible(done);
    m_receiptStatus->setVisible(done);
    if (done)
        renderSummary();
    else
        renderProgress();
}

void TokenSweepRunPage::renderProgress()
{
    const QList<PersonalToken> &tokens = m_controller->tokens();
    const qsizetype total = tokens.size();
    m_cancel->setEnabled(!m_controller->wasCancelled());
    if (m_controller->stage() == Stage::Verifying) {
        m_bar->setRange(0, 0); // no measure for one search
        m_headline->setText(m_controller->wasCancelled()
                                ? tr("Stopping the check…")
                                : tr("Checking that the server no longer lists them…"));
        m_cancel->setToolTip(tr("Stop checking; the tokens not checked are reported as unknown."));
        return;
    }
    m_bar->setRange(0, int(qMax<qsizetype>(total, 1)));
    m_bar->setValue(m_controller->sweptCount());
    m_bar->setFormat(tr("%v of %m answered"));
    if (m_controller->wasCancelled())
        m_headline->setText(tr("Cancelling: waiting for the batch under way, then checking what "
                               "was revoked…"));
    else if (total == 1)
        m_headline->setText(tr("Revoking “%1”…").arg(tokens.first().name));
    else
        m_headline->setText(tr("Revoking %1 tokens…").arg(number(total)));
}

void TokenSweepRunPage::renderSummary()
{
    const QList<TokenSweep::Item> &items = m_controller->results();
    if (!m_shownResults) {
        m_shownResults = true;
        m_model->setItems(items);
        m_table->resizeColumnsToContents();
    }
    const qsizetype total = items.size();
    const int revoked = m_controller->count(Outcome::Revoked);
    QString headline;
    if (total == 1)
        headline =
            revoked == 1
                ? tr("Revoked “%1”; the server no longer lists it.").arg(items.first().token.name)
                : tr("“%1” was not revoked.").arg(items.first().token.name);
    else if (revoked == total)
        headline = tr("Revoked all %1 tokens; the server no longer lists them.").arg(number(total));
    else if (m_controller->wasCancelled())
        headline =
            tr("You cancelled: %1 of %2 tokens revoked.").arg(number(revoked), number(total));
    else
        headline = tr("%1 of %2 tokens revoked.").arg(number(revoked), number(total));
    m_headline->setText(headline);

    const struct
    {
        Outcome outcome;
        QString line;
    } outcomes[] = {
        {Outcome::Revoked, tr("Revoked, and no longer listed by the server: %1")},
        {Outcome::NotRevoked, tr("Not revoked, still listed by the server: %1")},
        {Outcome::Failed, tr("Failed, refused by the server: %1")},
        {Outcome::Unknown, tr("Not confirmed, could not be checked afterwards (search again to "
                              "check): %1")},
        {Outcome::NotAttempted, tr("Not attempted, never sent: %1")},
    };
    QStringList lines;
    for (const auto &entry : outcomes) {
        if (const int count = m_controller->count(entry.outcome))
            lines << entry.line.arg(number(count));
    }
    // Each reason once, with how many tokens it stopped.
    QMap<QString, int> reasons;
    for (const TokenSweep::Item &item : items) {
        if (item.outcome != Outcome::Revoked)
            ++reasons[item.reason];
    }
    if (!reasons.isEmpty()) {
        lines << QString() << tr("Why:");
        int listed = 0;
        for (auto it = reasons.cbegin(); it != reasons.cend() && listed < kReasonsListed;
             ++it, ++listed)
            lines << (it.value() == 1 ? tr("• %1 (1 token)").arg(it.key())
                                      : tr("• %1 (%2 tokens)").arg(it.key(), number(it.value())));
        if (reasons.size() > kReasonsListed)
            lines << tr("• …and other reasons: see the table and the receipt.");
    }
    m_summary->setText(lines.join(QLatin1Char('\n')));
}

void TokenSweepRunPage::saveReceipt()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString name =
        QStringLiteral("token-sweep-%1.csv")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm")));
    auto *dialog = new QFileDialog(this, tr("Save the receipt"), QDir(folder).filePath(name),
                                   tr("CSV files (*.csv);;All files (*)"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        QString error;
        if (m_controller->saveReceipt(path, &error)) {
            m_problem->hide();
            m_receiptStatus->setText(tr("Receipt saved as %1 (only you can read it).")
                                         .arg(QDir::toNativeSeparators(path)));
        } else {
            m_problem->setText(tr("The receipt could not be saved. %1").arg(error));
            m_problem->show();
        }
    });
    dialog->open();
}

} // namespace accessdesk
