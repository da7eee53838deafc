#pragma once

#include "PersonalToken.h"
#include "services/StaleTokenRule.h"

#include <QDialog>
#include <QSet>

#include <optional>

class QLabel;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QStackedWidget;
class QTableView;

namespace accessdesk {

class AdminTokenController;
class PersonalTokenFilterModel;
class PersonalTokenModel;
class TokenSweepController;
class TokenSweepRunPage;

// "Sweep stale tokens…": pick a rule (never used; unused for N days; expired; expiring within N
// days) → Find shows exactly which tokens match and whose they are, loading page by page → Revoke
// asks first, naming the count and the tokens → the revoke runs with progress and Cancel → what
// happened to each token, and "Save receipt…". The tab's "Revoke selected…" uses the same dialog
// from its third step. It opens without blocking, deletes itself when closed, and renders what its
// TokenSweepController says; the rule chosen stays when a step fails.
class TokenSweepDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenSweepDialog)

public:
    // Opens the dialog at the rule.
    static TokenSweepDialog *openForRule(AdminTokenController *tokens, QWidget *parent);
    // Asks (ConfirmationDialog) and, if confirmed, opens the dialog revoking these tokens.
    static void askAndRevoke(AdminTokenController *tokens, const QList<PersonalToken> &tokenList,
                             QWidget *parent);

    // The confirmation's text: the count, each token and its owner (the first ones, when many),
    // and what follows for whatever uses them. ruleText, when given, says why these tokens.
    static QString confirmationText(const QList<PersonalToken> &tokens, const QString &ruleText);
    // "never used", "not used for 90 days", …: the rule in words, for sentences.
    static QString ruleText(const StaleTokenRule &rule);

    // Esc and the window's close button cancel a revoke under way rather than hide it.
    void reject() override;

private:
    TokenSweepDialog(AdminTokenController *tokens, QWidget *parent);

    QWidget *buildRulePage();
    std::optional<StaleTokenRule> chosenRule() const;
    void find();
    void askToSweep();
    void startSweep();
    void render();
    QString previewStatus() const;

    TokenSweepController *m_controller;
    PersonalTokenModel *m_model;
    PersonalTokenFilterModel *m_proxy;
    QStackedWidget *m_pages;
    QRadioButton *m_neverUsed;
    QRadioButton *m_unused;
    QSpinBox *m_unusedDays;
    QRadioButton *m_expired;
    QRadioButton *m_expiring;
    QSpinBox *m_expiringDays;
    QPushButton *m_find;
    QPushButton *m_stop;
    QLabel *m_previewStatus;
    QLabel *m_problem;
    QTableView *m_table;
    QPushButton *m_revoke;
    TokenSweepRunPage *m_run;
    QPushButton *m_close;
    QSet<QString> m_owners; // of the tokens found, to say whose they are
};

} // namespace accessdesk
