#pragma once

#include "FieldMessages.h"
#include "services/AppLinkOutcome.h"

#include <QWizardPage>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace accessdesk {

class AppLinkWizard;
struct NewAppLinkDraft;

// What the create wizard's pages share: a form whose fields have their message rows, a line for
// problems that concern no field, and writing what the page holds into the creator's draft.
class AppLinkWizardPage : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppLinkWizardPage)

public:
    // Copies what the page holds into the draft (never the remote password).
    virtual void writeTo(NewAppLinkDraft &draft) const = 0;
    // Says the outcome under the field it names on this page, else on the problem line.
    void showOutcome(const AppLinkOutcome &outcome);
    void clearMessages();
    const FieldMessages &messages() const { return m_messages; }

protected:
    explicit AppLinkWizardPage(QWidget *parent = nullptr);

    AppLinkWizard *linkWizard() const;
    static QLineEdit *lineEdit(const char *objectName, const QString &accessibleName,
                               QWidget *parent);
    static QCheckBox *checkBox(const QString &text, const char *objectName,
                               const QString &accessibleName, QWidget *parent);
    // Adds field with its buddy label and a message row under it (key: AppLinkOutcome's field).
    void addField(QFormLayout *form, const QString &label, QWidget *field, const QString &key,
                  const QString &problemName);
    // The key the page shows a field's message at (some outcomes' fields live elsewhere here).
    virtual QString keyFor(const AppLinkOutcome &outcome) const { return outcome.field; }

    FieldMessages m_messages;
    QLabel *m_problem;
};

// 1. The address: Next asks the server what answers there.
class AppLinkAddressPage final : public AppLinkWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppLinkAddressPage)

public:
    explicit AppLinkAddressPage(QWidget *parent = nullptr);

    void writeTo(NewAppLinkDraft &draft) const override;
    bool isComplete() const override;
    bool validatePage() override;

    // Shows what the probe found; after a Next that asked, moves on when a link may be made.
    void onProbeFinished();

private:
    // The last probe was of the address as it stands.
    bool probedAsTyped() const;

    QLineEdit *m_url;
    QLabel *m_probeLabel;
    QCheckBox *m_createAnyway;
    QString m_probedUrl;
    bool m_leaveAfterProbe = false;
};

// 2. What was found, the link's name, display URL and whether it is primary.
class AppLinkDetailsPage final : public AppLinkWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppLinkDetailsPage)

public:
    explicit AppLinkDetailsPage(QWidget *parent = nullptr);

    void initializePage() override;
    void writeTo(NewAppLinkDraft &draft) const override;
    bool isComplete() const override;
    int nextId() const override;
    // Whether the user typed these (a new probe then keeps them).
    bool nameTyped() const { return m_nameTyped; }
    bool displayUrlTyped() const { return m_displayUrlTyped; }

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *displayUrlEdit() const { return m_displayUrl; }

private:
    QLabel *m_found;
    QLabel *m_type;
    QLineEdit *m_name;
    QLineEdit *m_displayUrl;
    QCheckBox *m_primary;
    bool m_nameTyped = false;
    bool m_displayUrlTyped = false;
};

// 3. (Atlassian applications) OAuth on this end, or the two-way link.
class AppLinkAuthenticationPage final : public AppLinkWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppLinkAuthenticationPage)

public:
    explicit AppLinkAuthenticationPage(QWidget *parent = nullptr);

    void initializePage() override;
    void writeTo(NewAppLinkDraft &draft) const override;
    // Hands the typed password over and clears its field.
    QString takePassword();

protected:
    QString keyFor(const AppLinkOutcome &outcome) const override;

private:
    QComboBox *oauthBox(const char *objectName, const QString &accessibleName);
    void updateOneWay();

    QGroupBox *m_twoWay;
    QLineEdit *m_remoteUser;
    QLineEdit *m_remotePassword;
    QCheckBox *m_shareUsers;
    QLineEdit *m_localUrl;
    QGroupBox *m_oneWay;
    QComboBox *m_incoming;
    QComboBox *m_outgoing;
};

// 4. What will be created; Create, with each step's progress; the result.
class AppLinkCreatePage final : public AppLinkWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppLinkCreatePage)

public:
    explicit AppLinkCreatePage(QWidget *parent = nullptr);

    void initializePage() override;
    void writeTo(NewAppLinkDraft &) const override {}
    bool isComplete() const override;
    bool validatePage() override;
    // Progress: the step under way, and how it ended.
    void showStep(AppLinkOutcome::Step step);
    void showResult(const AppLinkOutcome &outcome, const QString &doneText);

private:
    enum class Mark { Pending, Running, Done, Failed };
    void mark(int row, Mark state);

    QLabel *m_summary;
    QListWidget *m_steps;
    QLabel *m_result;
    QList<AppLinkOutcome::Step> m_stepOrder;
};

} // namespace accessdesk
