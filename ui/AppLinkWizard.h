#pragma once

#include "services/AppLinkOutcome.h"

#include <QPointer>
#include <QWizard>

#include <optional>

namespace accessdesk {

class AppLinkAddressPage;
class AppLinkAuthenticationPage;
class AppLinkCreatePage;
class AppLinkCreator;
class AppLinkDetailsPage;
class AppLinksController;
class AppLinkWizardPage;

// "New application link": the address (Jira asks what answers there and fills in type and name
// from its manifest, or offers a generic link; when nothing answers it creates one only if the
// user insists) → name, display URL, primary → for Atlassian applications, OAuth on this end or
// the two-way link with the remote administrator's credentials → create, with each step's
// progress. A step that fails says why under the field it concerns, on that field's page, with
// everything typed kept; Back, fix, Create again. The remote password goes to the creator when
// Create is pressed and its field is cleared at once; the creator forgets it after its one use.
// Opens without blocking (open()); deleted on close.
class AppLinkWizard final : public QWizard
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppLinkWizard)

public:
    enum PageId { AddressPage, DetailsPage, AuthenticationPage, CreatePage };
    Q_ENUM(PageId)

    AppLinkWizard(AppLinksController *links, QWidget *parent = nullptr);
    ~AppLinkWizard() override;

    // Null once the app has switched to another server (the wizard then closes).
    AppLinkCreator *creator() const;
    std::optional<bool> callerIsSysadmin() const;
    bool isBusy() const;
    // Whether the link exists now (or may: the answer was lost), so Create is not offered again.
    bool isDone() const { return m_done; }

    // Asks the server what answers at url (the address page's Next).
    void probe(const QString &url);
    // Copies what the pages hold into the creator's draft (never the remote password).
    void syncDraft();
    // Creates the link from what the pages hold (the create page's Create).
    void create();

    void reject() override;

signals:
    void probeFinished();
    void createFinished();

private:
    void onCreatorFinished();
    void updateButtons();
    void showCreateFailure(const AppLinkOutcome &outcome);
    AppLinkWizardPage *pageFor(const QString &field) const;

    AppLinksController *m_links;
    QPointer<AppLinkCreator> m_creator;
    AppLinkAddressPage *m_address;
    AppLinkDetailsPage *m_details;
    AppLinkAuthenticationPage *m_authentication;
    AppLinkCreatePage *m_create;
    bool m_creating = false;
    bool m_done = false;
};

} // namespace accessdesk
