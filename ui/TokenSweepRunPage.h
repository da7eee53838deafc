#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace accessdesk {

class TextFilterModel;
class TokenOutcomeModel;
class TokenSweepController;

// The part of a TokenSweepDialog that shows a revoke run: "Revoking 300 tokens…" with a progress
// bar and Cancel (between batches), "Checking that the server no longer lists them…", then what
// happened — a count per outcome, each reason a token was not revoked, a table of every token's
// outcome — and "Save receipt…" (CSV, readable by its owner only; a failed write says why).
class TokenSweepRunPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenSweepRunPage)

public:
    TokenSweepRunPage(TokenSweepController *controller, QWidget *parent);

    void render();
    QString headline() const;
    QString summary() const;

private:
    void renderProgress();
    void renderSummary();
    void saveReceipt();

    TokenSweepController *m_controller;
    TokenOutcomeModel *m_model;
    TextFilterModel *m_proxy;
    QLabel *m_headline;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
    QLabel *m_summary;
    QTableView *m_table;
    QLabel *m_problem;
    QLabel *m_receiptStatus;
    QPushButton *m_saveReceipt;
    bool m_shownResults = false;
};

} // namespace accessdesk
