#pragma once

#include "ConfirmationDialog.h"
#include "TlsTrustDialog.h"
#include "services/ConnectionTester.h"

#include <QDialog>
#include <QMap>
#include <QPointer>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPushButton;
class QSpinBox;

namespace accessdesk {

class BrowserSignInPanel;
class ProfileStore;
class SecretStore;

// Adds or edits a connection profile: server address, sign-in method and its secret, and the
// advanced settings (timeout, CA file, pinned certificate). "Test connection" and "Save" run in
// the ConnectionTester; Save tests first and saves only when the server accepted the credentials.
// Failures are shown next to the field they concern and nothing typed is cleared. A refused
// certificate opens the TlsTrustDialog; a secret bound for plain http:// on another computer asks
// "Send my password unencrypted" first (ConfirmationDialog), and the consent is saved with the
// profile for that address. Editing the address to another scheme, host or port asks for the
// secret again. Opens with open(), deletes itself when closed.
class ConnectionDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionDialog)

public:
    using Field = ConnectionCheck::Field;

    // secrets and network must not be null and must outlive the dialog.
    ConnectionDialog(ProfileStore &profiles, SecretStore *secrets, QNetworkAccessManager *network,
                     QWidget *parent = nullptr);

    // Edit this stored profile: fields prefilled, the name fixed, the secret NOT read back (its
    // field says "unchanged"; left empty, the stored secret is kept while the address stays on
    // the same server).
    void setProfile(const ConnectionProfile &profile);
    // A line above the form, e.g. the welcome on first run.
    void setIntroText(const QString &text);

    bool isEditing() const { return m_editing; }
    ConnectionDraft draft() const;
    // The words shown next to a field (Field::None: the line above the buttons); empty if none.
    QString messageFor(Field field) const;
    QString keychainNotice() const;
    ConnectionTester *tester() const { return m_tester; }

    QLineEdit *nameEdit() const { return m_name; }

signals:
    void profileSaved(const QString &name);

private:
    QLabel *addMessageRow(QFormLayout *form, Field field, const QString &accessibleName);
    QWidget *buildAdvanced();
    // The control a failure names, to move the focus there; null for Field::None.
    QWidget *fieldWidget(Field field) const;
    void showMessage(Field field, const QString &text);
    void clearMessages();
    void fitToContents();
    void updateAuthRows();
    void setPin(const QString &sha256);
    void chooseCaFile();
    void onBusyChanged(bool busy);
    void onFinished();
    void askTrust(const ConnectionCheck &check);
    void askPlainHttp();
    void updateSecretPrompt();

    ConnectionTester *m_tester;
    ConnectionProfile m_base; // the edited profile, so fields not shown here survive a save
    bool m_editing = false;
    QString m_pin; // normalised SHA-256, or empty
    bool m_saving = false;

    QLabel *m_intro;
    QLabel *m_keychain;
    QFormLayout *m_form = nullptr;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QComboBox *m_authKind;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLineEdit *m_token;
    BrowserSignInPanel *m_browser;
    QSpinBox *m_timeout;
    QLineEdit *m_caFile;
    QLabel *m_pinned;
    QPushButton *m_forget;
    QPushButton *m_chooseCa;
    QLabel *m_status;
    QPushButton *m_test;
    QPushButton *m_save;
    QPushButton *m_cancel;
    struct MessageRow
    {
        QFormLayout *form;
        QLabel *label;
    };
    QMap<Field, MessageRow> m_messages;
};

} // namespace accessdesk
