#pragma once

#include <QDialog>

#include <chrono>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QStackedWidget;

namespace accessdesk {

class PersonalTokenController;
struct PersonalToken;

// "New personal access token": a name and an expiry (days, or never), then — in the same dialog —
// the new token, shown this once, with Copy. The copied token is wiped from the clipboard after a
// minute if it is still there. Closing the dialog forgets the token. Opens without blocking
// (open(); deleted on close).
class CreateTokenDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreateTokenDialog)

public:
    static constexpr std::chrono::milliseconds kClipboardClearDelay{60000};

    CreateTokenDialog(PersonalTokenController *controller, QWidget *parent = nullptr);
    ~CreateTokenDialog() override;

    // Tests shorten the wait; the wording next to Copy still speaks of a minute.
    void setClipboardClearDelay(std::chrono::milliseconds delay) { m_clearDelay = delay; }

    bool isShowingToken() const;
    // Whether anything in the dialog still holds the token (false once it is closed).
    bool holdsToken() const;

    QLineEdit *nameEdit() const { return m_name; }
    QSpinBox *daysSpin() const { return m_days; }
    QRadioButton *expiresRadio() const { return m_expires; }
    QPushButton *createButton() const { return m_create; }

    void done(int result) override;

signals:
    // A token was made: My access should list again.
    void tokenCreated();

private:
    QWidget *buildForm();
    QWidget *buildTokenView();
    void submit();
    void updateCreateButton();
    void showToken(const PersonalToken &token);
    void showError(const QString &message);
    // The spin box's maximum and the hint below it: the server's limit once it stated one, else
    // Jira's default.
    void applyExpiryLimit();
    void copyToken();
    void forgetToken();

    PersonalTokenController *m_controller;
    std::chrono::milliseconds m_clearDelay = kClipboardClearDelay;
    bool m_waiting = false;
    bool m_waitingShown = false; // applyExpiryLimit() keeps a longer value the user typed
    QStackedWidget *m_pages;
    QLineEdit *m_name;
    QRadioButton *m_expires;
    QSpinBox *m_days;
    QRadioButton *m_never;
    QLabel *m_limitHint;
    QLabel *m_error;
    QPushButton *m_create;
    QPushButton *m_cancel;
    QLabel *m_tokenTitle;
    QLabel *m_tokenExpiry;
    QLineEdit *m_token;
    QPushButton *m_copy;
    QLabel *m_copyNote;
    QPushButton *m_done;
};

} // namespace accessdesk
