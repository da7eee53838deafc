#include "OAuth2ClientDialog.h"

#include "DialogParts.h"
#include "DisplayText.h"
#include "services/OAuth2ClientsController.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBlock>
#include <QVBoxLayout>

namespace accessdesk {

namespace {

const QString kName = QStringLiteral("name");
const QString kRedirects = QStringLiteral("redirects");
const QString kScope = QStringLiteral("scope");

// Jira's scopes, each including the ones before (spec 6.6), in words.
QString scopeText(const QString &scope)
{
    if (scope == QLatin1String("READ"))
        return OAuth2ClientDialog::tr("READ — view what the user can view");
    if (scope == QLatin1String("WRITE"))
        return OAuth2ClientDialog::tr("WRITE — also create and change issues and other data");
    if (scope == QLatin1String("ADMIN"))
        return OAuth2ClientDialog::tr("ADMIN — also administer projects and Jira");
    if (scope == QLatin1String("SYSTEM_ADMIN"))
        return OAuth2ClientDialog::tr("SYSTEM_ADMIN — everything a system administrator can do");
    return scope;
}

QLabel *buddyLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

} // namespace

OAuth2ClientDialog::OAuth2ClientDialog(OAuth2ClientsController *clients,
                                       const OAuth2Client *existing, QWidget *parent)
    : QDialog(parent)
    , m_clients(clients)
    , m_id(existing ? existing->id : QString())
    , m_name(new QLineEdit(this))
    , m_redirects(new QPlainTextEdit(this))
    , m_scope(new QComboBox(this))
    , m_problem(DialogParts::errorLabel(this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setObjectName(QStringLiteral("oauth2ClientDialog"));
    const QString title = existing ? tr("Edit OAuth 2.0 client") : tr("New OAuth 2.0 client");
    setWindowTitle(title);
    setAccessibleName(title);

    auto *intro = DialogParts::wrappedLabel(
        existing ? tr("Change the name, the redirect URLs or the scope of “%1”. Its client ID "
                      "and secret stay the same.")
                       .arg(existing->name)
                 : tr("An OAuth 2.0 client is an application that signs users in with Jira and "
                      "then acts as them, within its scope. Jira makes its client ID and secret; "
                      "the secret is shown once."),
        this);

    m_name->setObjectName(QStringLiteral("clientName"));
    m_name->setAccessibleName(tr("Client name"));
    m_name->setPlaceholderText(tr("Shown to users when the application asks for access"));
    m_redirects->setObjectName(QStringLiteral("redirectUrls"));
    m_redirects->setAccessibleName(tr("Redirect URLs, one per line"));
    m_redirects->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_redirects->setTabChangesFocus(true);
    m_redirects->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_redirects->setPlaceholderText(tr("https://app.example.com/oauth/callback\n"
                                       "http://127.0.0.1:8765/callback"));
    m_redirects->setFixedHeight(m_redirects->fontMetrics().lineSpacing() * 5 + 12);
    m_redirects->setToolTip(tr("Where Jira may send users back after they allowed access: "
                               "https:// URLs, or http:// on localhost only."));
    m_scope->setObjectName(QStringLiteral("scope"));
    m_scope->setAccessibleName(tr("Scope"));
    for (const QString &scope : OAuth2ClientRules::scopes())
        m_scope->addItem(scopeText(scope), scope);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->hide();

    if (existing) {
        m_name->setText(existing->name);
        m_redirects->setPlainText(existing->redirects.join(QLatin1Char('\n')));
        if (m_scope->findData(existing->scope) < 0)
            m_scope->addItem(existing->scope, existing->scope);
        m_scope->setCurrentIndex(m_scope->findData(existing->scope));
    } else {
        m_scope->setCurrentIndex(m_scope->findData(QStringLiteral("READ")));
    }

    auto *form = new QFormLayout;
    form->addRow(buddyLabel(tr("&Name:"), m_name, this), m_errors.wrap(kName, m_name));
    form->addRow(buddyLabel(tr("&Redirect URLs:"), m_redirects, this),
                 m_errors.wrap(kRedirects, m_redirects));
    form->addRow(QString(),
                 DialogParts::wrappedLabel(tr("One per line. Jira sends users back only to "
                                              "these addresses."),
                                           this));
    form->addRow(buddyLabel(tr("Sco&pe:"), m_scope, this), m_errors.wrap(kScope, m_scope));

    auto *buttons = new QDialogButtonBox(this);
    m_save = buttons->addButton(existing ? tr("&Save changes") : tr("&Create client"),
                                QDialogButtonBox::AcceptRole);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_save->setObjectName(QStringLiteral("save"));
    m_save->setAccessibleName(existing ? tr("Save changes") : tr("Create client"));
    m_save->setDefault(true);
    m_cancel->setObjectName(QStringLiteral("cancel"));
    m_cancel->setAccessibleName(tr("Cancel"));
    connect(m_save, &QPushButton::clicked, this, &OAuth2ClientDialog::submit);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);

    const auto changedField = [this](const QString &key) {
        return [this, key] {
            m_serverErrors.remove(key);
            if (key == kRedirects)
                m_serverLines.clear();
            check();
        };
    };
    connect(m_name, &QLineEdit::textChanged, this, changedField(kName));
    connect(m_redirects, &QPlainTextEdit::textChanged, this, changedField(kRedirects));
    connect(m_scope, &QComboBox::currentIndexChanged, this, changedField(kScope));
    connect(m_clients, &OAuth2ClientsController::changeFinished, this,
            &OAuth2ClientDialog::onFinished);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addStretch();
    layout->addWidget(buttons);
    setMinimumWidth(620);
    check();
    DialogParts::fitHeight(this);
    m_name->setFocus();
}

OAuth2Client OAuth2ClientDialog::draft() const
{
    OAuth2Client draft;
    draft.name = m_name->text();
    // Line by line, blank ones too, so that the services' line numbers are the editor's.
    draft.redirects = m_redirects->toPlainText().split(QLatin1Char('\n'));
    draft.scope = m_scope->currentData().toString();
    return draft;
}

void OAuth2ClientDialog::check()
{
    const OAuth2Client current = draft();
    const OAuth2ClientProblems problems = m_clients->check(current, m_id);
    // Before the first attempt, an empty field is not wrong yet; a wrong line or name is.
    const bool anyRedirect = !m_redirects->toPlainText().trimmed().isEmpty();
    QMap<QString, QString> shown = m_serverErrors;
    for (auto it = problems.fieldErrors.cbegin(); it != problems.fieldErrors.cend(); ++it) {
        const bool given = it.key() == kName        ? !current.name.trimmed().isEmpty()
                           : it.key() == kRedirects ? anyRedirect
                                                    : true;
        if (m_triedToSave || given)
            shown.insert(it.key(), it.value());
    }
    QMap<int, QString> lines = m_serverLines;
    lines.insert(problems.redirectLines);
    if (lines.size() > 1) {
        QStringList each;
        for (auto it = lines.cbegin(); it != lines.cend(); ++it)
            each << tr("Line %1: %2").arg(it.key() + 1).arg(it.value());
        shown.insert(kRedirects, each.join(QLatin1Char('\n')));
    }
    m_errors.show(shown);
    markLines(lines);
    updateControls();
}

void OAuth2ClientDialog::markLines(const QMap<int, QString> &lines)
{
    QList<QTextEdit::ExtraSelection> marks;
    for (auto it = lines.cbegin(); it != lines.cend(); ++it) {
        const QTextBlock block = m_redirects->document()->findBlockByNumber(it.key());
        if (!block.isValid())
            continue;
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(block);
        // A tint of the problem red over the editor's own background, light or dark.
        QColor tint = DialogParts::problemColor(m_redirects->palette());
        tint.setAlpha(48);
        mark.format.setBackground(tint);
        mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        mark.format.setUnderlineColor(DialogParts::problemColor(m_redirects->palette()));
        mark.format.setProperty(QTextFormat::FullWidthSelection, true);
        mark.format.setToolTip(displaytext::plainToolTip(it.value()));
        marks << mark;
    }
    m_redirects->setExtraSelections(marks);
}

QList<int> OAuth2ClientDialog::markedLines() const
{
    QList<int> lines;
    for (const QTextEdit::ExtraSelection &mark : m_redirects->extraSelections())
        lines << mark.cursor.blockNumber();
    return lines;
}

void OAuth2ClientDialog::updateControls()
{
    m_name->setReadOnly(m_waiting);
    m_redirects->setReadOnly(m_waiting);
    m_scope->setEnabled(!m_waiting);
    m_save->setEnabled(!m_waiting && !m_clients->isChanging());
    if (m_waiting)
        m_save->setText(isEditing() ? tr("Saving…") : tr("Creating…"));
    else
        m_save->setText(isEditing() ? tr("&Save changes") : tr("&Create client"));
}

void OAuth2ClientDialog::submit()
{
    if (m_waiting || m_clients->isChanging())
        return;
    m_triedToSave = true;
    m_problem->hide();
    check();
    if (!m_clients->check(draft(), m_id).ok()) {
        sayProblem(tr("Nothing was sent: correct the fields marked."));
        return;
    }
    m_waiting = true;
    updateControls();
    if (isEditing())
        m_clients->update(m_id, draft());
    else
        m_clients->create(draft());
}

void OAuth2ClientDialog::onFinished(const OAuth2ClientChange &change)
{
    const auto expected =
        isEditing() ? OAuth2ClientChange::Kind::Update : OAuth2ClientChange::Kind::Create;
    if (!m_waiting || change.kind != expected)
        return;
    m_waiting = false;
    // A client that exists (even unconfirmed) has its secret shown by the tab: this form is done.
    if (change.outcome.succeeded() || !change.secret.isEmpty()) {
        accept();
        return;
    }
    // Everything typed stays; the server's objections sit at their fields until they change.
    m_serverErrors = change.outcome.fieldErrors;
    m_serverLines = change.redirectLines;
    check();
    sayProblem(m_errors.refusal(change.outcome));
}

void OAuth2ClientDialog::sayProblem(const QString &problem)
{
    m_problem->setText(problem);
    m_problem->show();
    m_errors.focusFirstAtFault();
    DialogParts::fitHeight(this);
}

} // namespace accessdesk
