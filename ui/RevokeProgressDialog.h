#pragma once

#include "AccessGrant.h"

#include <QDialog>
#include <QList>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace accessdesk {

class MyAccessController;

// Shows a revoke run from first grant to summary in one place: "Revoking 3 of 7: <app>" with a
// progress bar and Cancel, the check of the list afterwards, then what was revoked (no longer
// listed), what was not (still listed, with what its request got), what is not confirmed (check
// the list), what Cancel left out, and "Retry failed" (again in this dialog) or Close. It only
// renders the controller's run and forwards the buttons; it opens without blocking and deletes
// itself when closed.
class RevokeProgressDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RevokeProgressDialog)

public:
    RevokeProgressDialog(MyAccessController *controller, QWidget *parent);

    // Opens the dialog and has the controller revoke grants (in this order). Closes again at once
    // when the controller will not start (a run is going, or nothing can be changed now).
    void start(const QList<AccessGrant> &grants);

    QString headline() const;
    QString details() const; // the summary's lists, empty while running
    bool showsSummary() const { return m_summary; }

    // Esc and the window's close button cancel the run rather than hide it.
    void reject() override;

signals:
    void summaryShown();

private:
    void showProgress();
    void showSummary();
    void renderButtons();

    MyAccessController *m_controller;
    QLabel *m_headline;
    QProgressBar *m_bar;
    QPlainTextEdit *m_details;
    QPushButton *m_cancel;
    QPushButton *m_retry;
    QPushButton *m_close;
    bool m_summary = false;
    bool m_cancelling = false;
};

} // namespace accessdesk
