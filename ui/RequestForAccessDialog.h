#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace accessdesk {

class RequestForAccessController;

// "Request for Access" without a browser: the user pastes the authorisation link an application
// gave them, reads who asks and what it could do, and allows or denies. After Allow it shows the
// verification code when the application has no address to come back to. Opens without blocking
// (open(); deleted on close).
class RequestForAccessDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestForAccessDialog)

public:
    enum Step { PasteLink, Ask, Result };

    RequestForAccessDialog(RequestForAccessController *controller, QWidget *parent = nullptr);

    Step step() const;

    void done(int result) override;

signals:
    // The user allowed an application: My access should list again.
    void accessAllowed();
    // Closed after the request was answered. The application's access token exists only once it
    // has exchanged its request token (often while this dialog was still open, after the user
    // passed the code on), so My access lists again now as well.
    void closedAfterAnswer();

private:
    QWidget *buildLinkPage();
    QWidget *buildAskPage();
    QWidget *buildResultPage();
    void render();
    void renderAsk();
    void renderResult();

    RequestForAccessController *m_controller;
    QStackedWidget *m_pages;
    QLineEdit *m_link;
    QPushButton *m_check;
    QLabel *m_error;
    QLabel *m_question;
    QLabel *m_description;
    QLabel *m_permissions;
    QPushButton *m_allow;
    QPushButton *m_deny;
    QPushButton *m_decideLater = nullptr; // the default of the question
    QLabel *m_result;
    QLabel *m_verifierNote;
    QLineEdit *m_verifier;
    QPushButton *m_copyVerifier;
    QPushButton *m_return;
    QLabel *m_callbackText;
    QLabel *m_revokeHint;
};

} // namespace accessdesk
