#pragma once

#include "AppLink.h"
#include "services/AppLinkChanges.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QAction;
class QProgressBar;
class QPushButton;

namespace accessdesk {

class AdminListTab;
class AppLinksController;
class OAuth2ClientsController;

// Administration → Application links: the server's links with their OAuth levels and health,
// and what an administrator does with them: create (a wizard), edit, relocate, make primary,
// delete (this end or both, after asking), check one or all. Renders what the controller holds
// and forwards the user's intent; sends nothing itself.
class AdminLinksTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminLinksTab)

public:
    // clients: the OAuth 2.0 clients, which the server also lists among its links.
    AdminLinksTab(AppLinksController *links, OAuth2ClientsController *clients,
                  QWidget *parent = nullptr);

    void loadIfNeeded();

    // What the buttons do.
    void openCreateWizard();
    void editSelected();
    void relocateSelected();
    void makeSelectedPrimary();
    void deleteSelected(AppLinkDeletion scope);
    void checkSelected();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void buildActions();
    // Nine columns seldom fit: the URLs (in full in their tooltips and the details) give way
    // first, so that health and OAuth stay in view.
    void fitColumns();
    void render();
    void renderActions();
    // The one selected link; empty when none or several are selected.
    std::optional<AppLink> selectedLink() const;
    QList<AppLink> selectedLinks() const;
    // Why a change to the selected link cannot be made now; empty when it can.
    QString whyNoChange() const;
    void runChange(AppLinkChange *change, const QString &doneText);

    AppLinksController *m_links;
    OAuth2ClientsController *m_clients;
    AdminListTab *m_list;
    QPushButton *m_create;
    QPushButton *m_edit;
    QPushButton *m_relocate;
    QPushButton *m_primary;
    QPushButton *m_delete;
    QAction *m_deleteThisEnd;
    QAction *m_deleteBothEnds;
    QPushButton *m_check;
    QPushButton *m_checkAll;
    QProgressBar *m_progress;
    QPushButton *m_cancelCheck;
    QPointer<AppLinkChange> m_change; // a change started here (primary, delete)
    QString m_note;
    QString m_changeError;
};

} // namespace accessdesk
