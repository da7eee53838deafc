#pragma once

#include "AppLink.h"
#include "FieldMessages.h"

#include <QDialog>
#include <QPointer>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace accessdesk {

class AppLinkChange;
class AppLinksController;
struct AppLinkOutcome;

// The frame of the dialogs that change one application link: a form, an OK button that starts
// the change (from the controller), and the outcome said where it belongs — under the field the
// server or the check named, else above the buttons — with everything typed kept for another try.
// Closes once the server shows the change; the controller then fetches the list again. Opens
// without blocking (open()); deleted on close.
class AppLinkChangeDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppLinkChangeDialog)

public:
    ~AppLinkChangeDialog() override;

    const FieldMessages &messages() const { return m_messages; }
    bool isBusy() const { return m_change != nullptr; }

    void reject() override;

signals:
    // The change ended (succeeded or not); outcome() of the change said how.
    void changeEnded(bool succeeded);

protected:
    AppLinkChangeDialog(AppLinksController *links, AppLink link, const QString &okText,
                        QWidget *parent);

    // The change for what the form holds, from the controller; not yet started.
    virtual AppLinkChange *makeChange() = 0;
    // The change needs the user's word (a relocation to an address that does not answer): ask,
    // then send it on or discard it. By default it is discarded.
    virtual void confirm(AppLinkChange *change);
    // Adds a field with its label (a buddy) and its message row.
    void addField(const QString &label, QWidget *field, const QString &key,
                  const QString &problemName);
    void setIntro(const QString &text);
    // Shows a failure (keeping the form as typed) and makes the form usable again.
    void showFailure(const AppLinkOutcome &outcome);
    void submit();

    AppLinksController *m_links;
    AppLink m_link;

private:
    void onFinished(AppLinkChange *change);
    void setBusy(bool busy);

    QPointer<AppLinkChange> m_change;
    QMetaObject::Connection m_gone; // m_change deleted before it ended
    FieldMessages m_messages;
    QLabel *m_intro;
    QFormLayout *m_form;
    QLabel *m_problem;
    QPushButton *m_ok;
    QPushButton *m_cancel;
};

// "Edit application link": its name, display URL and application (RPC) URL.
class AppLinkEditDialog final : public AppLinkChangeDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppLinkEditDialog)

public:
    AppLinkEditDialog(AppLinksController *links, const AppLink &link, QWidget *parent = nullptr);

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *displayUrlEdit() const { return m_displayUrl; }

protected:
    AppLinkChange *makeChange() override;

private:
    QLineEdit *m_name;
    QLineEdit *m_displayUrl;
    QLineEdit *m_rpcUrl;
};

// "Relocate application link": the application's new address after a server move. When nothing
// answers there it asks before moving the link anyway.
class AppLinkRelocateDialog final : public AppLinkChangeDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppLinkRelocateDialog)

public:
    AppLinkRelocateDialog(AppLinksController *links, const AppLink &link,
                          QWidget *parent = nullptr);

protected:
    AppLinkChange *makeChange() override;
    void confirm(AppLinkChange *change) override;

private:
    QLineEdit *m_newUrl;
};

} // namespace accessdesk
