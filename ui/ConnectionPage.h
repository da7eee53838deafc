#pragma once

#include "AuthKind.h"

#include <QString>
#include <QWidget>

class QLabel;
class QNetworkAccessManager;
class QPushButton;
class QTableWidget;

namespace accessdesk {

class ConnectionDialog;
class ConnectionTester;
class OfflineCache;
class ProfileRemoval;
class ProfileStore;
class SecretStore;
struct ProbeReport;

// The "Connection" page: the stored profiles with Add…, Edit…, Remove… (asks first, and also
// deletes the profile's keychain entries and cached lists), Test and Connect, plus a read-only
// box describing the current connection. Connecting is the owner's business: the page only
// emits connectRequested().
class ConnectionPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionPage)

public:
    enum Column { Name, Server, SignIn, User, Pinned, ColumnCount };

    // secrets and network must not be null; cache may be null (nothing cached to forget). All
    // must outlive the page.
    ConnectionPage(ProfileStore &profiles, SecretStore *secrets, QNetworkAccessManager *network,
                   OfflineCache *cache, QWidget *parent = nullptr);
    ~ConnectionPage() override;

    // Reads the profiles again (e.g. after the switcher or the CLI changed them).
    void reload();
    // What the owner is connected to now; report may be null (not probed yet, or offline).
    void setCurrent(const QString &profileName, const ProbeReport *report);

    // The dialog for the very first start, with a short welcome.
    ConnectionDialog *openFirstRunDialog();
    ConnectionDialog *openAddDialog();
    ConnectionDialog *openEditDialog(const QString &name);
    // Asks through ConfirmationDialog, then removes the profile, its secrets and cached lists.
    void removeProfile(const QString &name);
    // Tests a stored profile with its stored secret; the result shows in statusText().
    void testProfile(const QString &name);

    QString selectedProfile() const;
    bool selectProfile(const QString &name);
    QString statusText() const;
    QString currentText() const; // the "Current connection" box as plain text, for tests
    static QString authKindText(AuthKind kind);

    QTableWidget *table() const { return m_table; }
    ConnectionTester *tester() const { return m_tester; }

signals:
    void connectRequested(const QString &name);
    void profileSaved(const QString &name);
    // After the profile, its cached lists and its keychain entries are gone.
    void profileRemoved(const QString &name);

private:
    ConnectionDialog *newDialog();
    void updateButtons();
    void setStatus(const QString &text, bool problem);
    void onTested();
    void onRemoved(const ProfileRemoval &removal);

    ProfileStore &m_profiles;
    SecretStore *m_secrets;
    QNetworkAccessManager *m_network;
    OfflineCache *m_cache;
    ConnectionTester *m_tester;
    QString m_current;

    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QPushButton *m_test;
    QPushButton *m_connect;
    QLabel *m_status;
    QLabel *m_currentProfile;
    QLabel *m_currentServer;
    QLabel *m_currentVersion;
    QLabel *m_currentAddress;
    QLabel *m_currentUser;
    QLabel *m_currentAdmin;
};

} // namespace accessdesk
