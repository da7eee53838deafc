#pragma once

#include "FieldErrors.h"
#include "OAuthConsumer.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace accessdesk {

class ConsumerKeyEditor;
class ConsumersController;
class RemoteConsumerFetch;
struct AdminOutcome;

// "Approve consumer": makes an application an OAuth 1.0a consumer of this Jira on one of its
// application links — consumer key, name, description, RSA public key (checked as it is typed:
// RSA, at least 2048 bits, with its SHA-256 fingerprint shown), callback URL and the two-legged
// options. "Fetch from the remote" fills key, name and public key from the application's
// consumer-info; "Generate key pair…" makes a new key. Errors appear at the field they concern;
// nothing typed is lost when the server refuses. On success the form says what Jira stored.
// Opens without blocking (open(); deleted on close).
class ApproveConsumerDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApproveConsumerDialog)

public:
    // linkId: the link to preselect (the tab's selection); empty for the first.
    ApproveConsumerDialog(ConsumersController *consumers, const QString &linkId,
                          QWidget *parent = nullptr);

    // The form as it stands, the public key as typed.
    OAuthConsumer draft() const;
    QString linkId() const;
    bool isWaiting() const { return m_waiting; }
    bool hasApproved() const { return m_approved; }

    QLineEdit *nameEdit() const { return m_name; }
    // The error shown under a field ("key", "publicKey", …); empty when none.
    QString fieldError(const QString &key) const { return m_errors.text(key); }

private:
    QLayout *buildLinkRows();
    QLayout *buildFields();
    QWidget *buildTwoLegged();
    void linkChosen();
    void fill(const OAuthConsumer &filled);
    // The live check: the key's fingerprint, and the errors of the fields given so far (all of
    // them once the admin tried to approve).
    void check();
    void submit();
    void onFinished(const AdminOutcome &outcome);
    void updateControls();
    // Says what is wrong above the buttons and goes to the first field at fault.
    void sayProblem(const QString &problem);

    ConsumersController *m_consumers;
    FieldErrors m_errors;
    bool m_waiting = false;
    bool m_approved = false;
    bool m_triedToApprove = false;
    QMap<QString, QString> m_serverErrors; // the server's, each until its field changes
    QComboBox *m_link;
    QLabel *m_linkNote;
    RemoteConsumerFetch *m_remote;
    QLineEdit *m_key;
    QLineEdit *m_name;
    QPlainTextEdit *m_description;
    ConsumerKeyEditor *m_publicKey;
    QLineEdit *m_callback;
    QCheckBox *m_twoLegged;
    QLineEdit *m_executeAs;
    QCheckBox *m_impersonation;
    QLabel *m_problem;
    QLabel *m_result;
    QPushButton *m_approve;
    QPushButton *m_close;
};

} // namespace accessdesk
