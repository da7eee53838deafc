#include "AppLinkChangeDialogs.h"

#include "ConfirmationDialog.h"
#include "DialogParts.h"
#include "services/AppLinksController.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace accessdesk {

AppLinkChangeDialog::AppLinkChangeDialog(AppLinksController *links, AppLink link,
                                         const QString &okText, QWidget *parent)
    : QDialog(parent)
    , m_links(links)
    , m_link(std::move(link))
    , m_intro(DialogParts::wrappedLabel(QString(), this))
    , m_form(new QFormLayout)
    , m_problem(DialogParts::errorLabel(this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setAccessibleName(tr("Problem"));
    m_problem->hide();
    m_intro->hide();

    auto *buttons = new QDialogButtonBox(this);
    m_ok = buttons->addButton(okText, QDialogButtonBox::AcceptRole);
    m_ok->setObjectName(QStringLiteral("ok"));
    m_ok->setAccessibleName(okText);
    m_ok->setDefault(true);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancel"));
    m_cancel->setAccessibleName(tr("Cancel"));
    connect(m_ok, &QPushButton::clicked, this, &AppLinkChangeDialog::submit);
    connect(m_cancel, &QPushButton::clicked, this, &AppLinkChangeDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(m_form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    setMinimumWidth(560);
}

AppLinkChangeDialog::~AppLinkChangeDialog() = default;

void AppLinkChangeDialog::setIntro(const QString &text)
{
    m_intro->setText(text);
    m_intro->setVisible(!text.isEmpty());
}

void AppLinkChangeDialog::addField(const QString &label, QWidget *field, const QString &key,
                                   const QString &problemName)
{
    auto *buddy = new QLabel(label, this);
    buddy->setBuddy(field);
    m_form->addRow(buddy, field);
    m_messages.addRow(m_form, key, field, problemName);
}

void AppLinkChangeDialog::submit()
{
    if (m_change)
        return;
    m_messages.clear();
    m_problem->hide();
    AppLinkChange *change = makeChange();
    m_change = change;
    connect(change, &AppLinkChange::finished, this, [this, change] { onFinished(change); });
    // Gone before it ended: the app switched to another server, where this link is not.
    m_gone = connect(change, &QObject::destroyed, this, &AppLinkChangeDialog::close);
    setBusy(true);
    change->start();
}

void AppLinkChangeDialog::onFinished(AppLinkChange *change)
{
    const AppLinkOutcome &outcome = change->outcome();
    if (outcome.result == AppLinkOutcome::Result::NeedsConfirmation) {
        confirm(change);
        return;
    }
    disconnect(m_gone);
    m_change = nullptr;
    setBusy(false);
    emit changeEnded(outcome.succeeded());
    if (outcome.succeeded()) {
        accept();
        return;
    }
    showFailure(outcome);
}

void AppLinkChangeDialog::confirm(AppLinkChange *change)
{
    disconnect(m_gone);
    m_links->discard(change);
    m_change = nullptr;
    setBusy(false);
    showFailure(change->outcome());
}

void AppLinkChangeDialog::showFailure(const AppLinkOutcome &outcome)
{
    setBusy(false);
    m_messages.showOutcome(outcome, m_problem);
    DialogParts::fitHeight(this);
}

void AppLinkChangeDialog::setBusy(bool busy)
{
    m_ok->setEnabled(!busy);
    m_ok->setText(busy ? tr("Working…") : m_ok->accessibleName());
}

void AppLinkChangeDialog::reject()
{
    // Cancel while the change is under way stops it; the dialog then says what that left.
    if (m_change) {
        m_change->cancel();
        return;
    }
    QDialog::reject();
}

// --- AppLinkEditDialog -----------------------------------------------------------------------

AppLinkEditDialog::AppLinkEditDialog(AppLinksController *links, const AppLink &link,
                                     QWidget *parent)
    : AppLinkChangeDialog(links, link, tr("Save"), parent)
    , m_name(new QLineEdit(link.name, this))
    , m_displayUrl(new QLineEdit(link.displayUrl, this))
    , m_rpcUrl(new QLineEdit(link.rpcUrl, this))
{
    setWindowTitle(tr("Edit application link “%1”").arg(link.name));
    setAccessibleName(tr("Edit application link"));
    setObjectName(QStringLiteral("editLinkDialog"));
    setIntro(tr("The display URL is the address users see; the application URL is the one Jira "
                "calls. After a server move, Relocate changes both."));
    m_name->setObjectName(QStringLiteral("linkName"));
    m_name->setAccessibleName(tr("Link name"));
    m_displayUrl->setObjectName(QStringLiteral("linkDisplayUrl"));
    m_displayUrl->setAccessibleName(tr("Display URL"));
    m_rpcUrl->setObjectName(QStringLiteral("linkRpcUrl"));
    m_rpcUrl->setAccessibleName(tr("Application URL"));
    addField(tr("&Name:"), m_name, QStringLiteral("name"), tr("Link name problem"));
    addField(tr("&Display URL:"), m_displayUrl, QStringLiteral("displayUrl"),
             tr("Display URL problem"));
    addField(tr("&Application URL:"), m_rpcUrl, QStringLiteral("rpcUrl"),
             tr("Application URL problem"));
    DialogParts::fitHeight(this);
}

AppLinkChange *AppLinkEditDialog::makeChange()
{
    return m_links->updater(m_link,
                            AppLinkEdit{m_name->text(), m_displayUrl->text(), m_rpcUrl->text()});
}

// --- AppLinkRelocateDialog -------------------------------------------------------------------

AppLinkRelocateDialog::AppLinkRelocateDialog(AppLinksController *links, const AppLink &link,
                                             QWidget *parent)
    : AppLinkChangeDialog(links, link, tr("Relocate"), parent)
    , m_newUrl(new QLineEdit(this))
{
    setWindowTitle(tr("Relocate application link “%1”").arg(link.name));
    setAccessibleName(tr("Relocate application link"));
    setObjectName(QStringLiteral("relocateLinkDialog"));
    setIntro(tr("“%1” points at %2. If the application now answers at another address (a "
                "server move, a new host name or port), enter it: Jira then calls it there and "
                "shows users the new address. Nothing else about the link changes.")
                 .arg(link.name, link.rpcUrl));
    m_newUrl->setObjectName(QStringLiteral("relocateUrl"));
    m_newUrl->setAccessibleName(tr("New address of the application"));
    m_newUrl->setPlaceholderText(tr("For example: https://wiki.example.com"));
    addField(tr("&New address:"), m_newUrl, QStringLiteral("newUrl"), tr("New address problem"));
    DialogParts::fitHeight(this);
}

AppLinkChange *AppLinkRelocateDialog::makeChange()
{
    return m_links->relocator(m_link, m_newUrl->text());
}

void AppLinkRelocateDialog::confirm(AppLinkChange *change)
{
    auto *relocator = qobject_cast<AppLinkRelocator *>(change);
    if (!relocator) {
        AppLinkChangeDialog::confirm(change);
        return;
    }
    auto *ask = new ConfirmationDialog(tr("Relocate to an address that does not answer?"),
                                       relocator->describe(), tr("Move anyway"), this);
    ask->setObjectName(QStringLiteral("confirmRelocate"));
    const QPointer<AppLinkRelocator> guarded(relocator);
    connect(ask, &ConfirmationDialog::answered, this, [this, guarded](bool accepted) {
        if (!guarded)
            return;
        if (accepted) {
            guarded->moveAnyway();
            return;
        }
        AppLinkChangeDialog::confirm(guarded);
    });
    ask->open();
}

} // namespace accessdesk
