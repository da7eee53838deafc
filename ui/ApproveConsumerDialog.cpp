#include "ApproveConsumerDialog.h"

#include "AdminRows.h"
#include "ConsumerKeyEditor.h"
#include "DialogParts.h"
#include "RemoteConsumerFetch.h"
#include "services/ConsumersController.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace accessdesk {

using DialogParts::wrappedLabel;

namespace {

const QString kKey = QStringLiteral("key");
const QString kName = QStringLiteral("name");
const QString kDescription = QStringLiteral("description");
const QString kPublicKey = QStringLiteral("publicKey");
const QString kCallback = QStringLiteral("callback");
const QString kExecuteAs = QStringLiteral("executingTwoLOUser");
const QString kImpersonation = QStringLiteral("twoLOImpersonationAllowed");

QLabel *buddyLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

QLineEdit *lineEdit(const char *objectName, const QString &accessibleName, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(objectName));
    edit->setAccessibleName(accessibleName);
    return edit;
}

} // namespace

ApproveConsumerDialog::ApproveConsumerDialog(ConsumersController *consumers, const QString &linkId,
                                             QWidget *parent)
    : QDialog(parent)
    , m_consumers(consumers)
    , m_link(new QComboBox(this))
    , m_linkNote(wrappedLabel(QString(), this))
    , m_remote(new RemoteConsumerFetch(consumers, this))
    , m_key(lineEdit("consumerKey", tr("Consumer key"), this))
    , m_name(lineEdit("consumerName", tr("Consumer name"), this))
    , m_description(new QPlainTextEdit(this))
    , m_publicKey(new ConsumerKeyEditor(consumers, this))
    , m_callback(lineEdit("callbackUrl", tr("Callback URL"), this))
    , m_twoLegged(
          new QCheckBox(tr("Allow &2-legged OAuth (requests without a user's token)"), this))
    , m_executeAs(lineEdit("executeAs", tr("Execute 2-legged requests as"), this))
    , m_impersonation(new QCheckBox(tr("Allow 2-legged OAuth with &impersonation"), this))
    , m_problem(DialogParts::errorLabel(this))
    , m_result(wrappedLabel(QString(), this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setObjectName(QStringLiteral("approveConsumerDialog"));
    setWindowTitle(tr("Approve OAuth consumer"));
    setAccessibleName(tr("Approve OAuth consumer"));

    auto *intro = wrappedLabel(
        tr("An approved consumer is an application that may ask this Jira's users for access "
           "(OAuth 1.0a, signed with its RSA key). Users then allow or deny it one by one."),
        this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->hide();
    m_result->setObjectName(QStringLiteral("result"));
    m_result->setAccessibleName(tr("Result"));
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->hide();

    auto *buttons = new QDialogButtonBox(this);
    m_approve = buttons->addButton(tr("&Approve consumer"), QDialogButtonBox::AcceptRole);
    m_close = buttons->addButton(QDialogButtonBox::Cancel);
    m_approve->setObjectName(QStringLiteral("approve"));
    m_approve->setAccessibleName(tr("Approve consumer"));
    m_approve->setDefault(true);
    m_close->setObjectName(QStringLiteral("close"));
    m_close->setAccessibleName(tr("Close"));
    connect(m_approve, &QPushButton::clicked, this, &ApproveConsumerDialog::submit);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(buildLinkRows());
    layout->addLayout(buildFields(), 1);
    layout->addWidget(m_problem);
    layout->addWidget(m_result);
    layout->addWidget(buttons);

    connect(m_remote, &RemoteConsumerFetch::fetched, this, &ApproveConsumerDialog::fill);
    connect(m_consumers, &ConsumersController::approvalFinished, this,
            &ApproveConsumerDialog::onFinished);
    connect(m_consumers, &ConsumersController::changed, this,
            &ApproveConsumerDialog::updateControls);

    for (const AppLink &link : m_consumers->links())
        m_link->addItem(
            tr("%1 (%2, %3)").arg(link.name, AdminRows::typeLabel(link.typeId), link.displayUrl),
            link.id);
    if (const int index = m_link->findData(linkId); index >= 0)
        m_link->setCurrentIndex(index);
    connect(m_link, &QComboBox::currentIndexChanged, this, &ApproveConsumerDialog::linkChosen);
    linkChosen();
    check();
    setMinimumWidth(940);
    DialogParts::fitHeight(this);
    m_key->setFocus();
}

QLayout *ApproveConsumerDialog::buildLinkRows()
{
    m_link->setObjectName(QStringLiteral("link"));
    m_link->setAccessibleName(tr("Application link"));
    m_linkNote->setObjectName(QStringLiteral("linkNote"));
    m_linkNote->setAccessibleName(tr("About the link"));
    m_linkNote->hide();
    m_remote->setObjectName(QStringLiteral("remoteFetch"));

    auto *form = new QFormLayout;
    form->addRow(buddyLabel(tr("Application &link:"), m_link, this), m_link);
    form->addRow(QString(), m_linkNote);
    form->addRow(buddyLabel(tr("Fill in f&rom:"), m_remote->addressEdit(), this), m_remote);
    return form;
}

QLayout *ApproveConsumerDialog::buildFields()
{
    m_key->setPlaceholderText(tr("For example: release-radar"));
    m_name->setPlaceholderText(tr("Shown to users when it asks for access"));
    m_description->setObjectName(QStringLiteral("consumerDescription"));
    m_description->setAccessibleName(tr("Consumer description"));
    m_description->setTabChangesFocus(true);
    m_description->setPlaceholderText(tr("What it does with the access, and its web address"));
    m_description->setFixedHeight(m_description->fontMetrics().lineSpacing() * 4 + 12);
    m_callback->setPlaceholderText(tr("Optional: https://app.example.com/oauth/callback"));
    m_callback->setToolTip(tr("Where users return after they allowed access. Without one they "
                              "get a verification code to copy into the application."));
    m_publicKey->setObjectName(QStringLiteral("publicKeyEditor"));

    auto *form = new QFormLayout;
    form->addRow(buddyLabel(tr("Consumer &key:"), m_key, this), m_errors.wrap(kKey, m_key));
    form->addRow(buddyLabel(tr("&Name:"), m_name, this), m_errors.wrap(kName, m_name));
    form->addRow(buddyLabel(tr("&Description:"), m_description, this),
                 m_errors.wrap(kDescription, m_description));
    form->addRow(buddyLabel(tr("&Callback URL:"), m_callback, this),
                 m_errors.wrap(kCallback, m_callback));
    form->addRow(buildTwoLegged());

    auto *keyColumn = new QVBoxLayout;
    keyColumn->addWidget(buddyLabel(tr("RSA &public key:"), m_publicKey->textEdit(), this));
    keyColumn->addLayout(m_errors.wrap(kPublicKey, m_publicKey), 1);

    auto *columns = new QHBoxLayout;
    columns->addLayout(form, 1);
    columns->addSpacing(12);
    columns->addLayout(keyColumn, 1);

    const auto changedField = [this](const QString &key) {
        return [this, key] {
            m_serverErrors.remove(key);
            check();
        };
    };
    connect(m_key, &QLineEdit::textChanged, this, changedField(kKey));
    connect(m_key, &QLineEdit::textChanged, this,
            [this](const QString &key) { m_publicKey->setSuggestedName(key); });
    connect(m_name, &QLineEdit::textChanged, this, changedField(kName));
    connect(m_description, &QPlainTextEdit::textChanged, this, changedField(kDescription));
    connect(m_publicKey, &ConsumerKeyEditor::textChanged, this, changedField(kPublicKey));
    connect(m_callback, &QLineEdit::textChanged, this, changedField(kCallback));
    connect(m_executeAs, &QLineEdit::textChanged, this, changedField(kExecuteAs));
    connect(m_twoLegged, &QCheckBox::toggled, this, changedField(kExecuteAs));
    connect(m_impersonation, &QCheckBox::toggled, this, changedField(kImpersonation));
    return columns;
}

QWidget *ApproveConsumerDialog::buildTwoLegged()
{
    auto *group = new QGroupBox(tr("Two-legged OAuth"), this);
    group->setAccessibleName(tr("Two-legged OAuth"));
    m_twoLegged->setObjectName(QStringLiteral("twoLegged"));
    m_twoLegged->setAccessibleName(tr("Allow 2-legged OAuth"));
    m_executeAs->setPlaceholderText(tr("A user name; the requests can do what this user can"));
    m_impersonation->setObjectName(QStringLiteral("impersonation"));
    m_impersonation->setAccessibleName(tr("Allow 2-legged OAuth with impersonation"));
    m_executeAs->setParent(group);
    m_twoLegged->setParent(group);
    m_impersonation->setParent(group);
    auto *form = new QFormLayout(group);
    form->addRow(m_twoLegged);
    form->addRow(buddyLabel(tr("&Execute as:"), m_executeAs, group),
                 m_errors.wrap(kExecuteAs, m_executeAs));
    form->addRow(m_errors.wrap(kImpersonation, m_impersonation));
    return group;
}

QString ApproveConsumerDialog::linkId() const
{
    return m_link->currentData().toString();
}

OAuthConsumer ApproveConsumerDialog::draft() const
{
    OAuthConsumer draft;
    draft.key = m_key->text();
    draft.name = m_name->text();
    draft.description = m_description->toPlainText();
    draft.publicKey = m_publicKey->text();
    draft.callback = m_callback->text();
    draft.twoLoAllowed = m_twoLegged->isChecked();
    draft.executingTwoLoUser = m_executeAs->text();
    draft.twoLoImpersonationAllowed = m_impersonation->isChecked();
    return draft;
}

void ApproveConsumerDialog::linkChosen()
{
    const QString id = linkId();
    QString note;
    for (const AppLink &link : m_consumers->links()) {
        if (link.id != id)
            continue;
        // The link's address is where an Atlassian remote publishes its consumer.
        m_remote->offerAddress(link.rpcUrl.isEmpty() ? link.displayUrl : link.rpcUrl);
        for (const AdminConsumer &entry : m_consumers->consumers()) {
            if (entry.linkId == id)
                note = tr("“%1” already accepts the consumer “%2”; approving replaces it.")
                           .arg(link.name, entry.consumer.key);
        }
    }
    m_linkNote->setText(note);
    m_linkNote->setVisible(!note.isEmpty());
    updateControls();
}

void ApproveConsumerDialog::fill(const OAuthConsumer &filled)
{
    if (m_waiting || m_approved)
        return;
    m_key->setText(filled.key);
    m_name->setText(filled.name);
    if (!filled.description.isEmpty())
        m_description->setPlainText(filled.description);
    if (!filled.callback.isEmpty())
        m_callback->setText(filled.callback);
    m_publicKey->setText(filled.publicKey);
    check();
    DialogParts::fitHeight(this);
}

void ApproveConsumerDialog::check()
{
    const OAuthConsumer current = draft();
    const ConsumerDraftVerdict verdict = m_consumers->check(current);
    if (verdict.publicKey)
        m_publicKey->showKey(verdict.publicKey->bits(), verdict.publicKey->sha256Fingerprint());
    else
        m_publicKey->showKey(0, {});

    // Before the first attempt, only what has been given is judged: an empty form is not wrong.
    const QMap<QString, bool> given{{kKey, !current.key.trimmed().isEmpty()},
                                    {kName, !current.name.trimmed().isEmpty()},
                                    {kDescription, !current.description.trimmed().isEmpty()},
                                    {kPublicKey, !current.publicKey.trimmed().isEmpty()},
                                    {kCallback, !current.callback.trimmed().isEmpty()},
                                    {kExecuteAs, !current.executingTwoLoUser.trimmed().isEmpty()},
                                    {kImpersonation, current.twoLoImpersonationAllowed}};
    QMap<QString, QString> shown = m_serverErrors;
    for (auto it = verdict.fieldErrors.cbegin(); it != verdict.fieldErrors.cend(); ++it) {
        if (m_triedToApprove || given.value(it.key()))
            shown.insert(it.key(), it.value());
    }
    m_errors.show(shown);
    updateControls();
}

void ApproveConsumerDialog::updateControls()
{
    const bool editable = !m_waiting && !m_approved;
    const bool twoLegged = m_twoLegged->isChecked();
    const std::optional<bool> sysadmin = m_consumers->callerIsSysadmin();
    m_executeAs->setEnabled(editable && twoLegged);
    // Only system administrators may allow impersonation: others see why, and cannot tick it.
    const bool mayImpersonate = sysadmin != false;
    m_impersonation->setEnabled(editable && twoLegged && mayImpersonate);
    m_impersonation->setToolTip(
        mayImpersonate ? tr("2-legged requests may then act as any user the application names. "
                            "Only for applications that share this Jira's users, such as "
                            "another Atlassian server.")
                       : ConsumerDraftCheck::impersonationRefusal());
    if (!mayImpersonate && m_impersonation->isChecked())
        m_impersonation->setChecked(false);
    for (QLineEdit *field : {m_key, m_name, m_callback})
        field->setReadOnly(!editable);
    m_remote->setEditable(editable);
    m_description->setReadOnly(!editable);
    m_publicKey->setReadOnly(!editable);
    m_link->setEnabled(editable);
    m_twoLegged->setEnabled(editable);
    m_approve->setEnabled(editable && !linkId().isEmpty() && !m_consumers->isChanging());
    m_approve->setText(m_waiting ? tr("Approving…") : tr("&Approve consumer"));
    m_approve->setVisible(!m_approved);
    m_approve->setToolTip(m_link->count() == 0
                              ? tr("Create an application link for the application first.")
                              : QString());
    m_close->setText(m_approved ? tr("Close") : tr("Cancel"));
}

void ApproveConsumerDialog::submit()
{
    if (m_waiting || m_approved || linkId().isEmpty() || m_consumers->isChanging())
        return;
    m_triedToApprove = true;
    m_problem->hide();
    check();
    const ConsumerDraftVerdict verdict = m_consumers->check(draft());
    if (!verdict.ok()) {
        // Nothing leaves this computer for a form Jira would refuse (or should not accept).
        sayProblem(tr("Nothing was sent: correct the fields marked."));
        return;
    }
    m_waiting = true;
    updateControls();
    m_consumers->approve(linkId(), draft());
}

void ApproveConsumerDialog::onFinished(const AdminOutcome &outcome)
{
    if (!m_waiting)
        return; // another form's
    m_waiting = false;
    if (outcome.succeeded()) {
        m_approved = true;
        m_result->setText(outcome.message);
        m_result->show();
        updateControls();
        m_close->setFocus();
        DialogParts::fitHeight(this);
        return;
    }
    // Everything typed stays; the server's objections go to their fields until they change.
    m_serverErrors = outcome.fieldErrors;
    check();
    sayProblem(m_errors.refusal(outcome));
}

void ApproveConsumerDialog::sayProblem(const QString &problem)
{
    m_problem->setText(problem);
    m_problem->show();
    m_errors.focusFirstAtFault();
    DialogParts::fitHeight(this);
}

} // namespace accessdesk
