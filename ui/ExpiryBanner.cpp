#include "ExpiryBanner.h"

#include "ConfirmationDialog.h"
#include "CreateTokenDialog.h"
#include "RevokeProgressDialog.h"
#include "services/ExpiryNotice.h"
#include "services/ExpiryWatch.h"
#include "services/GrantIds.h"
#include "services/MyAccessController.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace accessdesk {

ExpiryBanner::ExpiryBanner(ExpiryWatch *watch, MyAccessController *controller,
                           PersonalTokenController *tokens, QWidget *parent)
    : QFrame(parent)
    , m_watch(watch)
    , m_controller(controller)
    , m_tokens(tokens)
    , m_heading(new QLabel(this))
    , m_lines(new QWidget(this))
    , m_linesLayout(new QVBoxLayout(m_lines))
    , m_dismiss(new QPushButton(tr("Dismiss"), this))
{
    setObjectName(QStringLiteral("expiryBanner"));
    setAccessibleName(tr("Grants that expire soon"));
    // The same look as the page's other notices: a tooltip-coloured panel.
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::ToolTipBase);

    m_heading->setObjectName(QStringLiteral("expiryHeading"));
    m_heading->setTextFormat(Qt::PlainText);
    m_heading->setWordWrap(true);
    m_heading->setForegroundRole(QPalette::ToolTipText);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);

    m_dismiss->setObjectName(QStringLiteral("expiryDismiss"));
    m_dismiss->setAccessibleName(tr("Dismiss the expiry notice"));
    m_dismiss->setToolTip(tr("Hide this notice. These grants will not be announced again."));
    connect(m_dismiss, &QPushButton::clicked, m_watch, &ExpiryWatch::dismiss);

    m_linesLayout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    top->addWidget(m_heading, 1);
    top->addWidget(m_dismiss, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(top);
    layout->addWidget(m_lines);

    connect(m_watch, &ExpiryWatch::pendingChanged, this, &ExpiryBanner::rebuild);
    connect(m_controller, &MyAccessController::stateChanged, this, &ExpiryBanner::renderEnabled);
    rebuild();
}

QString ExpiryBanner::lineName(const AccessGrant &grant)
{
    return QStringLiteral("expiryLine:") + grantids::publicId(grant);
}

QString ExpiryBanner::replaceName(const AccessGrant &grant)
{
    return QStringLiteral("expiryReplace:") + grantids::publicId(grant);
}

QString ExpiryBanner::revokeName(const AccessGrant &grant)
{
    return QStringLiteral("expiryRevoke:") + grantids::publicId(grant);
}

void ExpiryBanner::rebuild()
{
    // Few lines, rebuilt only when the pending grants change: simpler than keeping them in step.
    while (QLayoutItem *item = m_linesLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const QList<AccessGrant> &grants = m_watch->pending();
    for (const AccessGrant &grant : grants)
        addLine(grant);
    m_heading->setText(ExpiryNotice::bannerHeading(int(grants.size())));
    setVisible(!grants.isEmpty());
    renderEnabled();
}

void ExpiryBanner::addLine(const AccessGrant &grant)
{
    auto *line = new QWidget(m_lines);
    line->setObjectName(lineName(grant));
    auto *text = new QLabel(ExpiryNotice::bannerLine(grant), line);
    text->setObjectName(QStringLiteral("expiryText"));
    text->setTextFormat(Qt::PlainText); // the name is the server's text
    text->setWordWrap(true);
    text->setForegroundRole(QPalette::ToolTipText);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *row = new QHBoxLayout(line);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(text, 1);

    if (const auto replacement = ExpiryNotice::replacementFor(grant)) {
        auto *replace = new QPushButton(tr("Create a replacement…"), line);
        replace->setObjectName(replaceName(grant));
        replace->setAccessibleName(tr("Create a replacement for %1").arg(grant.application));
        replace->setToolTip(tr("Create a new personal access token named “%1” that lasts %n "
                               "day(s), as this one did. Its secret is shown once.",
                               nullptr, replacement->expiryDays.value_or(1))
                                .arg(replacement->name));
        connect(replace, &QPushButton::clicked, this, [this, request = *replacement] {
            openReplacementDialog(request.name, request.expiryDays.value_or(1));
        });
        row->addWidget(replace);
    }
    auto *revoke = new QPushButton(tr("Revoke…"), line);
    revoke->setObjectName(revokeName(grant));
    revoke->setAccessibleName(tr("Revoke %1").arg(grant.application));
    connect(revoke, &QPushButton::clicked, this, [this, grant] { confirmAndRevoke(grant); });
    row->addWidget(revoke);
    m_linesLayout->addWidget(line);
}

void ExpiryBanner::renderEnabled()
{
    const bool canAct = m_controller->canChange() && !m_controller->isRevoking();
    const QString reason = m_controller->readOnlyReason();
    for (QPushButton *button : m_lines->findChildren<QPushButton *>())
        button->setEnabled(canAct);
    // A disabled button shows no tooltip of its own; the lines around it say why.
    m_lines->setToolTip(canAct ? QString() : reason);
}

void ExpiryBanner::openReplacementDialog(const QString &name, int expiryDays)
{
    // The usual dialog, filled in: the user sees what will be made, creates it, and gets the
    // secret shown once there. My access lists again when it is made (DesktopApp).
    auto *dialog = new CreateTokenDialog(m_tokens, window());
    dialog->nameEdit()->setText(name);
    dialog->expiresRadio()->setChecked(true);
    dialog->daysSpin()->setValue(expiryDays);
    dialog->open();
    dialog->createButton()->setFocus();
}

void ExpiryBanner::confirmAndRevoke(const AccessGrant &grant)
{
    if (m_controller->isRevoking() || !m_controller->canChange())
        return;
    auto *dialog = ConfirmationDialog::askRevoke({grant}, this);
    connect(dialog, &ConfirmationDialog::answered, this, [this, grant](bool accepted) {
        if (!accepted)
            return;
        auto *progress = new RevokeProgressDialog(m_controller, window());
        progress->start({grant});
    });
    dialog->open();
}

} // namespace accessdesk
