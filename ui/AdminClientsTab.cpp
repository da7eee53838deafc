#include "AdminClientsTab.h"

#include "AdminListTab.h"
#include "AdminRows.h"
#include "ClientSecretDialog.h"
#include "ConfirmationDialog.h"
#include "DialogParts.h"
#include "OAuth2ClientDialog.h"
#include "services/OAuth2ClientRemoval.h"
#include "services/OAuth2ClientSecretReset.h"
#include "services/OAuth2ClientsController.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace accessdesk {

namespace {

enum Page { ListPage, UnavailablePage };

} // namespace

AdminClientsTab::AdminClientsTab(OAuth2ClientsController *clients, QWidget *parent)
    : QWidget(parent)
    , m_clients(clients)
    , m_pages(new QStackedWidget(this))
    , m_list(new AdminListTab(tr("OAuth 2.0 clients"), AdminRows::clientHeaders(),
                              QStringLiteral("oauth2-clients.csv"), this))
    , m_unavailable(DialogParts::wrappedLabel(QString(), this))
    , m_create(new QPushButton(tr("&Create…"), this))
    , m_edit(new QPushButton(tr("&Edit…"), this))
    , m_reset(new QPushButton(tr("Reset &secret…"), this))
    , m_delete(new QPushButton(tr("&Delete…"), this))
{
    setObjectName(QStringLiteral("oauth2ClientsTab"));
    setAccessibleName(tr("OAuth 2.0 clients"));
    m_list->setObjectName(QStringLiteral("oauth2Clients"));
    m_list->setEmptyText(tr("No OAuth 2.0 clients are registered on this server."));
    m_create->setObjectName(QStringLiteral("createClient"));
    m_create->setAccessibleName(tr("Create an OAuth 2.0 client"));
    m_edit->setObjectName(QStringLiteral("editClient"));
    m_edit->setAccessibleName(tr("Edit the selected OAuth 2.0 client"));
    m_reset->setObjectName(QStringLiteral("resetClientSecret"));
    m_reset->setAccessibleName(tr("Reset the secret of the selected OAuth 2.0 client"));
    m_reset->setToolTip(tr("Give the client a new secret; the old one stops working (asks "
                           "first)"));
    m_delete->setObjectName(QStringLiteral("deleteClient"));
    m_delete->setAccessibleName(tr("Delete the selected OAuth 2.0 client"));
    m_delete->setToolTip(tr("Delete the client and every authorisation made through it (asks "
                            "first)"));
    int position = 1;
    for (QPushButton *button : {m_create, m_edit, m_reset, m_delete})
        m_list->toolbar()->insertWidget(position++, button);

    connect(m_create, &QPushButton::clicked, this, &AdminClientsTab::openCreateDialog);
    connect(m_edit, &QPushButton::clicked, this, &AdminClientsTab::openEditDialog);
    connect(m_reset, &QPushButton::clicked, this, &AdminClientsTab::resetSelected);
    connect(m_delete, &QPushButton::clicked, this, &AdminClientsTab::deleteSelected);
    connect(m_list, &AdminListTab::refreshRequested, m_clients, &OAuth2ClientsController::refresh);
    connect(m_list, &AdminListTab::selectionChanged, this, &AdminClientsTab::renderButtons);
    connect(m_clients, &OAuth2ClientsController::changed, this, &AdminClientsTab::render);
    connect(m_clients, &OAuth2ClientsController::changeFinished, this, &AdminClientsTab::onChanged);

    m_pages->addWidget(m_list);
    m_pages->addWidget(buildUnavailablePage());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);
    render();
}

QWidget *AdminClientsTab::buildUnavailablePage()
{
    auto *page = new QWidget(m_pages);
    m_unavailable->setParent(page);
    m_unavailable->setObjectName(QStringLiteral("oauth2Unavailable"));
    m_unavailable->setAccessibleName(tr("OAuth 2.0 clients are not available"));
    auto *title = new QLabel(tr("No OAuth 2.0 provider on this server"), page);
    DialogParts::makeTitle(title);
    auto *check = new QPushButton(tr("Check &again"), page);
    check->setObjectName(QStringLiteral("checkOAuth2Again"));
    check->setAccessibleName(tr("Check again whether the server has OAuth 2.0 clients"));
    connect(check, &QPushButton::clicked, m_clients, &OAuth2ClientsController::refresh);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(title);
    layout->addWidget(m_unavailable);
    layout->addWidget(check, 0, Qt::AlignLeft);
    layout->addStretch();
    return page;
}

bool AdminClientsTab::showsUnavailable() const
{
    return m_pages->currentIndex() == UnavailablePage;
}

void AdminClientsTab::loadIfNeeded()
{
    if (AdminListTab::needsLoading(m_clients->state()))
        m_clients->refresh();
}

void AdminClientsTab::render()
{
    const AdminListState &state = m_clients->state();
    m_unavailable->setText(m_clients->unavailableText());
    m_pages->setCurrentIndex(m_clients->isAvailable() ? ListPage : UnavailablePage);
    m_list->setRows(AdminRows::clients(m_clients->clients()));
    const int count = int(m_clients->clients().size());
    m_list->showState(state, m_clients->errorText(),
                      count == 1 ? tr("1 OAuth 2.0 client")
                                 : tr("%1 OAuth 2.0 clients").arg(count));
    m_change.showOn(m_list, state, m_clients->errorText(), m_clients->isChanging());
    renderButtons();
}

void AdminClientsTab::renderButtons()
{
    // Only a list the server showed can be changed: a refused or unloaded one offers nothing.
    const bool ready =
        m_clients->state().loaded && m_clients->isAvailable() && !m_clients->isChanging();
    const bool one = selectedClient().has_value();
    m_create->setEnabled(ready);
    m_edit->setEnabled(ready && one);
    m_reset->setEnabled(ready && one);
    m_delete->setEnabled(ready && one);
}

std::optional<OAuth2Client> AdminClientsTab::selectedClient() const
{
    const QList<AdminRow> rows = m_list->selectedRows();
    if (rows.size() != 1)
        return std::nullopt;
    for (const OAuth2Client &client : m_clients->clients()) {
        if (client.id == rows.first().key)
            return client;
    }
    return std::nullopt;
}

void AdminClientsTab::openCreateDialog()
{
    if (m_create->isEnabled())
        (new OAuth2ClientDialog(m_clients, nullptr, this))->open();
}

void AdminClientsTab::openEditDialog()
{
    const auto client = selectedClient();
    if (client && m_edit->isEnabled())
        (new OAuth2ClientDialog(m_clients, &*client, this))->open();
}

void AdminClientsTab::resetSelected()
{
    const auto client = selectedClient();
    if (!client || !m_reset->isEnabled())
        return;
    confirmThen(tr("Reset client secret"),
                tr("Reset the secret of the OAuth 2.0 client “%1” (client ID %2)?")
                    .arg(client->name, client->clientId),
                OAuth2ClientSecretReset::consequences(*client), tr("Reset secret"),
                &OAuth2ClientsController::resetSecret);
}

void AdminClientsTab::deleteSelected()
{
    const auto client = selectedClient();
    if (!client || !m_delete->isEnabled())
        return;
    confirmThen(
        tr("Delete OAuth 2.0 client"),
        tr("Delete the OAuth 2.0 client “%1” (client ID %2)?").arg(client->name, client->clientId),
        OAuth2ClientRemoval::consequences(*client), tr("Delete client"),
        &OAuth2ClientsController::remove);
}

void AdminClientsTab::confirmThen(const QString &title, const QString &question,
                                  const QString &consequences, const QString &acceptText,
                                  void (OAuth2ClientsController::*change)(const QString &))
{
    auto *dialog = new ConfirmationDialog(title, question + QStringLiteral("\n\n") + consequences,
                                          acceptText, this);
    connect(dialog, &ConfirmationDialog::answered, this,
            [this, id = selectedClient()->id, change](bool accepted) {
                if (!accepted)
                    return;
                m_change.clear();
                (m_clients->*change)(id);
            });
    dialog->open();
}

void AdminClientsTab::onChanged(const OAuth2ClientChange &change)
{
    const AdminOutcome &outcome = change.outcome;
    // The form says its own refusals at its fields; the rest is said here.
    const bool formSaysIt = !outcome.succeeded() && change.secret.isEmpty() &&
                            (change.kind == OAuth2ClientChange::Kind::Create ||
                             change.kind == OAuth2ClientChange::Kind::Update);
    if (!formSaysIt)
        m_change.take(outcome);
    render();
    if (change.secret.isEmpty())
        return;
    // The one moment the secret is shown: also when reading back failed, since the client
    // exists and its secret would otherwise be lost.
    const auto occasion = change.kind == OAuth2ClientChange::Kind::ResetSecret
                              ? ClientSecretDialog::Occasion::SecretReset
                              : ClientSecretDialog::Occasion::Created;
    (new ClientSecretDialog(occasion, change.client, change.secret,
                            outcome.succeeded() ? QString() : outcome.message, this))
        ->open();
}

} // namespace accessdesk
