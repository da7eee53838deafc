#include "AppLinkWizardPages.h"

#include "AdminRows.h"
#include "AppLinkWizard.h"
#include "DialogParts.h"
#include "services/AppLinkCreator.h"

#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace accessdesk {

namespace {

using Step = AppLinkOutcome::Step;

} // namespace

AppLinkCreatePage::AppLinkCreatePage(QWidget *parent)
    : AppLinkWizardPage(parent)
    , m_summary(DialogParts::wrappedLabel(QString(), this))
    , m_steps(new QListWidget(this))
    , m_result(DialogParts::wrappedLabel(QString(), this))
{
    setTitle(tr("Create the link"));
    setSubTitle(tr("Check what Jira will create, then press Create."));
    setButtonText(QWizard::FinishButton, tr("&Create"));
    m_summary->setObjectName(QStringLiteral("createSummary"));
    m_summary->setAccessibleName(tr("What will be created"));
    m_steps->setObjectName(QStringLiteral("createSteps"));
    m_steps->setAccessibleName(tr("Steps of the creation"));
    m_steps->setFocusPolicy(Qt::NoFocus);
    m_steps->setSelectionMode(QAbstractItemView::NoSelection);
    m_result->setObjectName(QStringLiteral("createResult"));
    m_result->setAccessibleName(tr("Result"));
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Room for every step, and no more: the result below it is what the user reads next.
    m_steps->setMaximumHeight(m_steps->fontMetrics().lineSpacing() * 6 + 8);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_steps);
    layout->addWidget(m_result);
    layout->addWidget(m_problem);
    layout->addStretch();
}

void AppLinkCreatePage::initializePage()
{
    AppLinkWizard *wizard = linkWizard();
    if (!wizard->creator())
        return;
    wizard->syncDraft();
    const NewAppLinkDraft &draft = wizard->creator()->draft();
    const QString type = AdminRows::typeLabel(draft.typeId);
    const bool atlassian = NewAppLinkRules::isAtlassianType(draft.typeId);
    QStringList summary;
    summary
        << tr("Jira creates the link “%1” to %2 (%3).").arg(draft.name.trimmed(), draft.url, type);
    if (draft.primary)
        summary << tr("It becomes the primary link to %1.").arg(type);
    if (draft.twoWay && !draft.remoteUser.isEmpty())
        summary << tr("It also creates the other end on %1 with the administrator account "
                      "“%2”, and sets up OAuth on both ends.")
                       .arg(draft.url, draft.remoteUser);
    else if (draft.twoWay)
        summary << tr("It also creates the other end on %1 with an administrator account there, "
                      "and sets up OAuth on both ends.")
                       .arg(draft.url);
    else if (atlassian)
        summary << tr("OAuth on this end: incoming %1, outgoing %2.")
                       .arg(AdminRows::oauthText(oauthConfigFor(draft.incoming)),
                            AdminRows::oauthText(oauthConfigFor(draft.outgoing)));
    else
        summary << tr("A generic link has no OAuth of its own: to let the application act for "
                      "Jira's users, approve its consumer on the OAuth consumers tab afterwards.");
    m_summary->setText(summary.join(QLatin1Char(' ')));

    m_stepOrder = {Step::Check, Step::Create, Step::Confirm};
    if (draft.primary)
        m_stepOrder << Step::MakePrimary;
    const bool oauth = !draft.twoWay && atlassian &&
                       !(draft.incoming == LinkOAuth::Off && draft.outgoing == LinkOAuth::Off);
    if (oauth)
        m_stepOrder << Step::ConfigureOAuth;
    m_steps->clear();
    for (const Step step : std::as_const(m_stepOrder)) {
        switch (step) {
        case Step::Check:
            m_steps->addItem(tr("Check the name and address against Jira's links"));
            break;
        case Step::Create:
            m_steps->addItem(draft.twoWay ? tr("Create both ends of the link")
                                          : tr("Create the link"));
            break;
        case Step::Confirm:
            m_steps->addItem(tr("Read the new link back from Jira"));
            break;
        case Step::MakePrimary:
            m_steps->addItem(tr("Make it the primary link"));
            break;
        default:
            m_steps->addItem(tr("Set up OAuth on this end"));
            break;
        }
        mark(m_steps->count() - 1, Mark::Pending);
    }
    m_result->clear();
    clearMessages();
}

void AppLinkCreatePage::mark(int row, Mark state)
{
    QListWidgetItem *item = m_steps->item(row);
    if (!item)
        return;
    QString text = item->data(Qt::UserRole).toString();
    if (text.isEmpty()) {
        text = item->text();
        item->setData(Qt::UserRole, text);
    }
    // Words as well as marks, so a screen reader says how each step stands.
    switch (state) {
    case Mark::Pending:
        item->setText(tr("○  %1").arg(text));
        break;
    case Mark::Running:
        item->setText(tr("…  %1 (under way)").arg(text));
        break;
    case Mark::Done:
        item->setText(tr("✓  %1 (done)").arg(text));
        break;
    case Mark::Failed:
        item->setText(tr("✗  %1 (failed)").arg(text));
        break;
    }
}

void AppLinkCreatePage::showStep(Step step)
{
    const int at = int(m_stepOrder.indexOf(step));
    if (at < 0)
        return;
    for (int row = 0; row < m_steps->count(); ++row)
        mark(row, row < at ? Mark::Done : row == at ? Mark::Running : Mark::Pending);
}

void AppLinkCreatePage::showResult(const AppLinkOutcome &outcome, const QString &doneText)
{
    if (outcome.succeeded()) {
        for (int row = 0; row < m_steps->count(); ++row)
            mark(row, Mark::Done);
        m_result->setText(doneText);
        return;
    }
    const int at = int(m_stepOrder.indexOf(outcome.step));
    for (int row = 0; row < m_steps->count(); ++row)
        mark(row, at < 0 || row > at ? Mark::Pending : row < at ? Mark::Done : Mark::Failed);
    m_result->setText(FieldMessages::describe(outcome));
}

bool AppLinkCreatePage::isComplete() const
{
    return linkWizard() && !linkWizard()->isBusy() && linkWizard()->creator();
}

bool AppLinkCreatePage::validatePage()
{
    AppLinkWizard *wizard = linkWizard();
    if (wizard->isDone())
        return true;
    wizard->create();
    return false;
}
} // namespace accessdesk
