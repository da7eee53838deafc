#include "TokenSweepDialog.h"

#include "ConfirmationDialog.h"
#include "DialogParts.h"
#include "PersonalTokenFilterModel.h"
#include "PersonalTokenModel.h"
#include "TableViews.h"
#include "TokenSweepRunPage.h"
#include "services/AdminTokenController.h"
#include "services/TokenSweepController.h"

#include <QButtonGroup>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace accessdesk {

namespace {

using Stage = TokenSweepController::Stage;

constexpr qsizetype kNamed = 10; // tokens a confirmation names before it counts the rest

QString number(qint64 value)
{
    return QLocale().toString(value);
}

QSpinBox *daysBox(const char *name, const QString &accessibleName, int value, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(QLatin1String(name));
    box->setAccessibleName(accessibleName);
    box->setRange(1, StaleTokenRule::kMaxDays);
    box->setValue(value);
    return box;
}

} // namespace

TokenSweepDialog::TokenSweepDialog(AdminTokenController *tokens, QWidget *parent)
    : QDialog(parent)
    , m_controller(tokens->newSweep(this))
    , m_model(new PersonalTokenModel({}, this))
    , m_proxy(new PersonalTokenFilterModel(this))
    , m_pages(new QStackedWidget(this))
    , m_neverUsed(new QRadioButton(tr("&Never used"), this))
    , m_unused(new QRadioButton(tr("Not &used for"), this))
    , m_unusedDays(daysBox("unusedDays", tr("Days without use"), 90, this))
    , m_expired(new QRadioButton(tr("E&xpired"), this))
    , m_expiring(new QRadioButton(tr("Expiring &within"), this))
    , m_expiringDays(daysBox("expiringDays", tr("Days until expiry"), 30, this))
    , m_find(new QPushButton(tr("&Find matching tokens"), this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_previewStatus(DialogParts::wrappedLabel(QString(), this))
    , m_problem(DialogParts::errorLabel(this))
    , m_table(new QTableView(this))
    , m_revoke(new QPushButton(tr("Revoke…"), this))
    , m_run(new TokenSweepRunPage(m_controller, this))
    , m_close(new QPushButton(tr("Close"), this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setObjectName(QStringLiteral("tokenSweepDialog"));
    setWindowTitle(tr("Sweep stale tokens"));
    setAccessibleName(tr("Sweep stale tokens"));
    m_proxy->setSourceModel(m_model);
    m_pages->addWidget(buildRulePage());
    m_pages->addWidget(m_run);
    DialogParts::showPage(m_pages, 0);

    m_close->setObjectName(QStringLiteral("closeSweep"));
    m_close->setAccessibleName(tr("Close"));
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages, 1);
    layout->addLayout(buttons);

    connect(m_controller, &TokenSweepController::matchesFound, this,
            [this](const QList<PersonalToken> &tokens) {
                for (const PersonalToken &token : tokens)
                    m_owners.insert(token.owner ? token.owner->userKey : QString());
                const bool first = m_model->rowCount() == 0;
                m_model->appendTokens(tokens);
                if (first)
                    m_table->resizeColumnsToContents();
            });
    connect(m_controller, &TokenSweepController::previewProgress, this, &TokenSweepDialog::render);
    connect(m_controller, &TokenSweepController::stageChanged, this, &TokenSweepDialog::render);
    connect(m_controller, &TokenSweepController::sweepProgress, m_run, &TokenSweepRunPage::render);
    resize(900, 620);
    render();
}

QWidget *TokenSweepDialog::buildRulePage()
{
    auto *page = new QWidget(this);
    auto *title = DialogParts::wrappedLabel(tr("Which tokens are stale?"), page);
    DialogParts::makeTitle(title);
    auto *intro = DialogParts::wrappedLabel(
        tr("Find every user's personal access tokens that match a rule, check whose they are, "
           "then revoke them in one go. Nothing is revoked before you confirm."),
        page);

    auto *rules = new QButtonGroup(page);
    const struct
    {
        QRadioButton *button;
        const char *name;
        QString accessibleName;
    } buttons[] = {
        {m_neverUsed, "neverUsedRule", tr("Rule: never used")},
        {m_unused, "unusedRule", tr("Rule: not used for a number of days")},
        {m_expired, "expiredRule", tr("Rule: expired")},
        {m_expiring, "expiringRule", tr("Rule: expiring within a number of days")},
    };
    for (const auto &button : buttons) {
        button.button->setObjectName(QLatin1String(button.name));
        button.button->setAccessibleName(button.accessibleName);
        rules->addButton(button.button);
        connect(button.button, &QRadioButton::toggled, this, &TokenSweepDialog::render);
    }
    m_neverUsed->setChecked(true);
    auto *unusedLabel = new QLabel(tr("days"), page);
    unusedLabel->setBuddy(m_unusedDays);
    auto *expiringLabel = new QLabel(tr("days"), page);
    expiringLabel->setBuddy(m_expiringDays);
    connect(m_unusedDays, &QSpinBox::valueChanged, this, [this] { m_unused->setChecked(true); });
    connect(m_expiringDays, &QSpinBox::valueChanged, this, [this] {
        m_expiring->setChecked(true);
        render(); // the rule changed even when the button already was checked
    });
    connect(m_unusedDays, &QSpinBox::valueChanged, this, &TokenSweepDialog::render);

    auto *grid = new QGridLayout;
    grid->addWidget(m_neverUsed, 0, 0);
    grid->addWidget(m_unused, 1, 0);
    grid->addWidget(m_unusedDays, 1, 1);
    grid->addWidget(unusedLabel, 1, 2);
    grid->addWidget(m_expired, 2, 0);
    grid->addWidget(m_expiring, 3, 0);
    grid->addWidget(m_expiringDays, 3, 1);
    grid->addWidget(expiringLabel, 3, 2);
    grid->setColumnStretch(3, 1);

    m_find->setObjectName(QStringLiteral("findTokens"));
    m_find->setAccessibleName(tr("Find the tokens that match the rule"));
    m_stop->setObjectName(QStringLiteral("stopPreview"));
    m_stop->setAccessibleName(tr("Stop finding tokens"));
    m_previewStatus->setObjectName(QStringLiteral("previewStatus"));
    m_previewStatus->setAccessibleName(tr("Tokens that match the rule"));
    m_problem->setObjectName(QStringLiteral("previewProblem"));
    m_table->setObjectName(QStringLiteral("previewTable"));
    m_table->setAccessibleName(tr("Tokens that match the rule"));
    TableViews::setUpSortableTable(m_table, m_proxy, PersonalTokenModel::Owner, Qt::AscendingOrder,
                                   QAbstractItemView::ExtendedSelection);
    m_revoke->setObjectName(QStringLiteral("revokeMatches"));
    m_revoke->setAccessibleName(tr("Revoke the tokens that match"));
    connect(m_find, &QPushButton::clicked, this, &TokenSweepDialog::find);
    connect(m_stop, &QPushButton::clicked, m_controller, &TokenSweepController::stopPreview);
    connect(m_revoke, &QPushButton::clicked, this, &TokenSweepDialog::askToSweep);

    auto *findRow = new QHBoxLayout;
    findRow->addWidget(m_find);
    findRow->addWidget(m_previewStatus, 1);
    findRow->addWidget(m_stop);
    auto *revokeRow = new QHBoxLayout;
    revokeRow->addStretch(1);
    revokeRow->addWidget(m_revoke);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addLayout(grid);
    layout->addLayout(findRow);
    layout->addWidget(m_problem);
    layout->addWidget(m_table, 1);
    layout->addLayout(revokeRow);
    return page;
}

TokenSweepDialog *TokenSweepDialog::openForRule(AdminTokenController *tokens, QWidget *parent)
{
    auto *dialog = new TokenSweepDialog(tokens, parent);
    dialog->open();
    return dialog;
}

void TokenSweepDialog::askAndRevoke(AdminTokenController *tokens,
                                    const QList<PersonalToken> &tokenList, QWidget *parent)
{
    const QString accept = tokenList.size() == 1
                               ? tr("Revoke token")
                               : tr("Revoke %1 tokens").arg(number(tokenList.size()));
    auto *question = new ConfirmationDialog(tr("Revoke personal access tokens"),
                                            confirmationText(tokenList, {}), accept, parent);
    const QPointer<AdminTokenController> owner(tokens);
    connect(question, &ConfirmationDialog::answered, parent,
            [owner, tokenList, parent](bool accepted) {
                if (!accepted || !owner)
                    return;
                auto *dialog = new TokenSweepDialog(owner, parent);
                dialog->setWindowTitle(tr("Revoke personal access tokens"));
                dialog->m_controller->setTokens(tokenList);
                dialog->startSweep();
                dialog->open();
            });
    question->open();
}

QString TokenSweepDialog::ruleText(const StaleTokenRule &rule)
{
    switch (rule.kind()) {
    case StaleTokenRule::Kind::NeverUsed:
        return tr("never used");
    case StaleTokenRule::Kind::UnusedForDays:
        return rule.days() == 1 ? tr("not used for 1 day")
                                : tr("not used for %1 days").arg(number(rule.days()));
    case StaleTokenRule::Kind::Expired:
        return tr("expired");
    case StaleTokenRule::Kind::ExpiringWithinDays:
        return rule.days() == 1 ? tr("expiring within 1 day")
                                : tr("expiring within %1 days").arg(number(rule.days()));
    }
    return {};
}

QString TokenSweepDialog::confirmationText(const QList<PersonalToken> &tokens,
                                           const QString &ruleText)
{
    const qsizetype count = tokens.size();
    QStringList lines;
    if (count == 1)
        lines << (ruleText.isEmpty()
                      ? tr("Revoke this personal access token?")
                      : tr("Revoke this personal access token, which is %1?").arg(ruleText));
    else
        lines << (ruleText.isEmpty()
                      ? tr("Revoke these %1 personal access tokens?").arg(number(count))
                      : tr("Revoke these %1 personal access tokens, which are %2?")
                            .arg(number(count), ruleText));
    lines << QString();
    // A long list would push the buttons off the screen: name the first ones and count the rest,
    // unless only one or two would be left over.
    const qsizetype named = count > kNamed + 2 ? kNamed : count;
    for (const PersonalToken &token : tokens.first(named)) {
        const QString owner = PersonalTokenModel::ownerText(token);
        lines
            << tr("• “%1” of %2").arg(token.name, owner.isEmpty() ? tr("an unknown user") : owner);
    }
    if (named < count)
        lines << tr("• …and %1 more.").arg(number(count - named));
    lines << QString()
          << (count == 1 ? tr("Scripts and tools that use it will be refused by Jira from then "
                              "on. This cannot be undone: its owner would have to create a new "
                              "token.")
                         : tr("Scripts and tools that use them will be refused by Jira from then "
                              "on. This cannot be undone: each owner would have to create a new "
                              "token."));
    return lines.join(QLatin1Char('\n'));
}

std::optional<StaleTokenRule> TokenSweepDialog::chosenRule() const
{
    if (m_neverUsed->isChecked())
        return StaleTokenRule::neverUsed();
    if (m_unused->isChecked())
        return StaleTokenRule::unusedForDays(m_unusedDays->value());
    if (m_expired->isChecked())
        return StaleTokenRule::expired();
    if (m_expiring->isChecked())
        return StaleTokenRule::expiringWithinDays(m_expiringDays->value());
    return std::nullopt;
}

void TokenSweepDialog::find()
{
    const auto rule = chosenRule();
    if (!rule)
        return;
    m_model->clear();
    m_owners.clear();
    m_controller->preview(*rule);
}

void TokenSweepDialog::askToSweep()
{
    const QList<PersonalToken> &tokens = m_controller->tokens();
    if (!m_revoke->isEnabled() || tokens.isEmpty())
        return;
    const QString accept =
        tokens.size() == 1 ? tr("Revoke token") : tr("Revoke %1 tokens").arg(number(tokens.size()));
    auto *question = new ConfirmationDialog(
        tr("Revoke stale tokens"), confirmationText(tokens, ruleText(*m_controller->rule())),
        accept, this);
    connect(question, &ConfirmationDialog::answered, this, [this](bool accepted) {
        if (accepted)
            startSweep();
    });
    question->open();
}

void TokenSweepDialog::startSweep()
{
    DialogParts::showPage(m_pages, 1);
    m_controller->sweep();
    render();
}

void TokenSweepDialog::reject()
{
    const Stage stage = m_controller->stage();
    if (stage == Stage::Sweeping || stage == Stage::Verifying) {
        m_controller->cancel();
        return;
    }
    m_controller->stopPreview();
    QDialog::reject();
}

void TokenSweepDialog::render()
{
    const Stage stage = m_controller->stage();
    const bool previewing = stage == Stage::Previewing;
    const bool running = stage == Stage::Sweeping || stage == Stage::Verifying;
    if (running || stage == Stage::Done)
        DialogParts::showPage(m_pages, 1);
    m_run->render();
    m_close->setEnabled(!running);

    const bool detached = stage == Stage::Detached;
    const auto rule = chosenRule();
    const bool ruleChanged = m_controller->rule() && rule != m_controller->rule();
    const qsizetype count = m_controller->tokens().size();
    for (QWidget *input : std::initializer_list<QWidget *>{
             m_neverUsed, m_unused, m_unusedDays, m_expired, m_expiring, m_expiringDays, m_find})
        input->setEnabled(!previewing && !detached);
    m_stop->setVisible(previewing);
    m_revoke->setEnabled(stage == Stage::Chosen && count > 0 && !ruleChanged);
    m_revoke->setText(stage != Stage::Chosen || count == 0 ? tr("Revoke…")
                      : count == 1                         ? tr("Revoke 1 token…")
                                   : tr("Revoke %1 tokens…").arg(number(count)));
    QString problem = m_controller->problemText();
    if (problem.isEmpty() && ruleChanged && stage == Stage::Chosen)
        problem = tr("The rule changed since the tokens were found: press Find to see the tokens "
                     "it matches.");
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_previewStatus->setText(previewStatus());
}

QString TokenSweepDialog::previewStatus() const
{
    const qint64 found = m_controller->tokens().size();
    const qint64 checked = m_controller->checkedCount();
    const qint64 total = m_controller->estimatedTotal();
    switch (m_controller->stage()) {
    case Stage::Previewing:
        if (total == 0)
            return tr("Searching every user's tokens…");
        return total == 1 ? tr("%1 found so far; checked %2 of ~1 token…")
                                .arg(number(found), number(checked))
                          : tr("%1 found so far; checked %2 of ~%3 tokens…")
                                .arg(number(found), number(checked), number(total));
    case Stage::Chosen:
        if (found == 0)
            return tr("No token matches the rule.");
        if (found == 1)
            return tr("1 token matches the rule.");
        return m_owners.size() == 1
                   ? tr("%1 tokens match the rule, all of one user.").arg(number(found))
                   : tr("%1 tokens match the rule, of %2 users.")
                         .arg(number(found), number(m_owners.size()));
    case Stage::Choosing:
        if (!m_controller->rule())
            return tr("Choose a rule, then press Find to see which tokens match.");
        return found == 1 ? tr("1 token found before the search stopped.")
                          : tr("%1 tokens found before the search stopped.").arg(number(found));
    default:
        return {};
    }
}

} // namespace accessdesk
