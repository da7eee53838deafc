#include "RevokeProgressDialog.h"

#include "services/MyAccessController.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace accessdesk {

RevokeProgressDialog::RevokeProgressDialog(MyAccessController *controller, QWidget *parent)
    : QDialog(parent)
    , m_controller(controller)
    , m_headline(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_details(new QPlainTextEdit(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_retry(new QPushButton(tr("Retry failed"), this))
    , m_close(new QPushButton(tr("Close"), this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Revoking access"));
    setAccessibleName(tr("Revoking access"));
    m_headline->setObjectName(QStringLiteral("revokeHeadline"));
    m_headline->setWordWrap(true);
    m_headline->setTextFormat(Qt::PlainText);
    m_headline->setAccessibleName(tr("Revoke progress"));
    m_bar->setObjectName(QStringLiteral("revokeProgress"));
    m_bar->setAccessibleName(tr("Revoke progress bar"));
    m_bar->setFormat(tr("%v of %m"));
    m_details->setReadOnly(true);
    m_details->setObjectName(QStringLiteral("revokeSummary"));
    m_details->setAccessibleName(tr("Revoke summary"));
    m_details->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_cancel->setObjectName(QStringLiteral("cancelRevoke"));
    m_cancel->setAccessibleName(tr("Cancel revoking"));
    m_cancel->setToolTip(tr("Stop after the grant being revoked now; the rest stay as they are."));
    m_retry->setObjectName(QStringLiteral("retryFailed"));
    m_retry->setAccessibleName(tr("Retry failed"));
    m_retry->setToolTip(tr("Try to revoke the grants that failed once more."));
    m_close->setObjectName(QStringLiteral("closeRevoke"));
    m_close->setAccessibleName(tr("Close"));

    connect(m_cancel, &QPushButton::clicked, this, &RevokeProgressDialog::reject);
    connect(m_retry, &QPushButton::clicked, m_controller, &MyAccessController::retryFailed);
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_controller, &MyAccessController::revokeStarted, this, [this] {
        m_summary = false;
        m_cancelling = false;
        showProgress();
    });
    connect(m_controller, &MyAccessController::revokeProgress, this,
            &RevokeProgressDialog::showProgress);
    connect(m_controller, &MyAccessController::revokeFinished, this,
            &RevokeProgressDialog::showSummary);
    connect(m_controller, &MyAccessController::stateChanged, this,
            &RevokeProgressDialog::renderButtons);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_retry);
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_headline);
    layout->addWidget(m_bar);
    layout->addWidget(m_details, 1);
    layout->addLayout(buttons);
    setMinimumWidth(480);
    showProgress();
}

void RevokeProgressDialog::start(const QList<AccessGrant> &grants)
{
    open();
    m_controller->revoke(grants);
    if (!m_controller->isRevoking())
        QDialog::reject();
}

QString RevokeProgressDialog::headline() const
{
    return m_headline->text();
}

QString RevokeProgressDialog::details() const
{
    return m_summary ? m_details->toPlainText() : QString();
}

void RevokeProgressDialog::reject()
{
    if (m_summary || !m_controller->isRevoking()) {
        QDialog::reject();
        return;
    }
    m_cancelling = true;
    m_controller->cancelRevoke();
    showProgress();
}

void RevokeProgressDialog::showProgress()
{
    const RevokeRun &run = m_controller->revokeRun();
    const auto total = run.grants.size();
    const auto done = run.outcomes.size();
    setWindowTitle(tr("Revoking access")); // again on Retry
    m_bar->setRange(0, int(qMax<qsizetype>(total, 1)));
    m_bar->setValue(int(done));
    m_bar->show();
    m_details->hide();
    if (done < total) {
        const QString application = run.grants.at(done).application;
        m_headline->setText(
            m_cancelling ? tr("Cancelling: waiting for %1 to finish…").arg(application)
                         : tr("Revoking %1 of %2: %3").arg(done + 1).arg(total).arg(application));
    } else {
        // Every request is answered; the list is fetched again to see what is really gone.
        m_headline->setText(tr("Checking which grants the server still lists…"));
    }
    renderButtons();
}

void RevokeProgressDialog::showSummary()
{
    const RevokeRun &run = m_controller->revokeRun();
    m_summary = true;
    setWindowTitle(tr("Revoke access — summary")); // nothing is under way any more
    const auto total = run.grants.size();
    const int revoked = run.revokedCount();
    const QList<RevokeGrantsJob::Outcome> notRevoked = run.notRevoked();
    const QList<RevokeGrantsJob::Outcome> unconfirmed = run.unconfirmed();
    const QList<AccessGrant> skipped = run.notAttempted();

    // Counts come from the list fetched after the requests: "revoked" means the server no longer
    // lists the grant.
    QString headline;
    if (total == 1 && revoked == 1)
        headline =
            tr("Revoked. %1 can now see only public data.").arg(run.grants.first().application);
    else if (total == 1 && notRevoked.size() == 1)
        headline = tr("%1 was not revoked: the server still lists it.")
                       .arg(run.grants.first().application);
    else if (total == 1 && unconfirmed.size() == 1)
        headline = tr("Not confirmed that %1 was revoked: check the list.")
                       .arg(run.grants.first().application);
    else if (revoked == total)
        headline = tr("Revoked all %1 grants.").arg(total);
    else if (run.cancelled)
        headline = tr("Cancelled: revoked %1 of %2 grants.").arg(revoked).arg(total);
    else
        headline = tr("Revoked %1 of %2 grants.").arg(revoked).arg(total);
    if (!notRevoked.isEmpty() && total > 1)
        headline += QLatin1Char(' ') + tr("%n not revoked (still listed by the server).", nullptr,
                                          int(notRevoked.size()));
    if (!unconfirmed.isEmpty() && total > 1)
        headline += QLatin1Char(' ') +
                    tr("%n not confirmed (check the list).", nullptr, int(unconfirmed.size()));
    m_headline->setText(headline);

    QStringList lines;
    auto section = [&lines](const QString &title) {
        if (!lines.isEmpty())
            lines << QString();
        lines << title;
    };
    if (!notRevoked.isEmpty()) {
        section(tr("Not revoked (the server still lists them, so they are still active):"));
        for (const RevokeGrantsJob::Outcome &outcome : notRevoked)
            lines << tr("• %1: %2").arg(outcome.grant.application, outcome.reason);
    }
    if (!unconfirmed.isEmpty()) {
        section(tr("Not confirmed — check the list (the server may or may not have revoked "
                   "them):"));
        for (const RevokeGrantsJob::Outcome &outcome : unconfirmed)
            lines << tr("• %1: %2").arg(outcome.grant.application, outcome.reason);
    }
    QStringList notes; // revoked, although the request reported a problem
    for (const RevokeGrantsJob::Outcome &outcome : run.outcomes) {
        if (outcome.isRevoked() && !outcome.reason.isEmpty())
            notes << tr("• %1: %2").arg(outcome.grant.application, outcome.reason);
    }
    if (!notes.isEmpty()) {
        section(tr("Revoked, although the request reported a problem:"));
        lines << notes;
    }
    if (!skipped.isEmpty()) {
        section(tr("Not revoked because you cancelled (still active):"));
        for (const AccessGrant &grant : skipped)
            lines << tr("• %1").arg(grant.application);
    }
    m_details->setPlainText(lines.join(QLatin1Char('\n')));
    m_details->setVisible(!lines.isEmpty());
    m_bar->hide();
    renderButtons();
    m_close->setFocus();
    emit summaryShown();
}

void RevokeProgressDialog::renderButtons()
{
    const bool failures = m_summary && !m_controller->revokeRun().failures().isEmpty();
    m_cancel->setVisible(!m_summary);
    m_cancel->setEnabled(!m_cancelling);
    m_retry->setVisible(failures);
    m_retry->setEnabled(failures && m_controller->canChange() && !m_controller->isRevoking());
    m_retry->setToolTip(m_controller->canChange()
                            ? tr("Try to revoke the grants that failed once more.")
                            : m_controller->readOnlyReason());
    m_close->setVisible(m_summary);
    m_close->setDefault(m_summary);
}

} // namespace accessdesk
