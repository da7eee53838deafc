#pragma once

#include "FieldErrors.h"
#include "OAuth2Client.h"

#include <QDialog>
#include <QMap>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace accessdesk {

class OAuth2ClientsController;
struct OAuth2ClientChange;

// "New OAuth 2.0 client" and "Edit OAuth 2.0 client": name, redirect URLs one per line, scope.
// Checked as Jira checks them while typing (a name another client has, a redirect URL Jira would
// refuse — the line at fault is marked); the server's refusals land at the same fields and
// nothing typed is lost. Closes itself when the change is made (a new client's secret is shown by
// the tab, once). Opens without blocking (open(); deleted on close).
class OAuth2ClientDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OAuth2ClientDialog)

public:
    // existing: the client to edit; nullptr for a new one.
    OAuth2ClientDialog(OAuth2ClientsController *clients, const OAuth2Client *existing,
                       QWidget *parent = nullptr);

    // The form as it stands: the redirect URLs as typed, line by line.
    OAuth2Client draft() const;
    bool isEditing() const { return !m_id.isEmpty(); }
    // The redirect lines marked as wrong (0-based line numbers).
    QList<int> markedLines() const;

    QLineEdit *nameEdit() const { return m_name; }
    QString fieldError(const QString &key) const { return m_errors.text(key); }

private:
    void check();
    void markLines(const QMap<int, QString> &lines);
    void submit();
    void onFinished(const OAuth2ClientChange &change);
    void updateControls();
    // Says what is wrong above the buttons and goes to the first field at fault.
    void sayProblem(const QString &problem);

    OAuth2ClientsController *m_clients;
    QString m_id; // of the client edited
    FieldErrors m_errors;
    QMap<QString, QString> m_serverErrors; // each until its field changes
    QMap<int, QString> m_serverLines;
    bool m_waiting = false;
    bool m_triedToSave = false;
    QLineEdit *m_name;
    QPlainTextEdit *m_redirects;
    QComboBox *m_scope;
    QLabel *m_problem;
    QPushButton *m_save;
    QPushButton *m_cancel;
};

} // namespace accessdesk
