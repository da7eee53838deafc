#include "RequestForAccessDialog.h"

#include "DialogParts.h"
#include "services/RequestForAccessController.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace accessdesk {

using DialogParts::fitHeight;
using DialogParts::makeTitle;
using DialogParts::showPage;
using DialogParts::wrappedLabel;

namespace {

QString consumerOf(const RequestForAccessController *controller)
{
    const QString name = controller->request().consumerName;
    return name.isEmpty() ? RequestForAccessDialog::tr("An application") : name;
}

} // namespace

RequestForAccessDialog::RequestForAccessDialog(RequestForAccessController *controller,
                                               QWidget *parent)
    : QDialog(parent)
    , m_controller(controller)
    , m_pages(new QStackedWidget(this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Request for access"));
    setAccessibleName(tr("Request for access"));
    m_pages->addWidget(buildLinkPage());
    m_pages->addWidget(buildAskPage());
    m_pages->addWidget(buildResultPage());
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    setMinimumWidth(600);

    m_controller->reset(); // a request left from an earlier dialog is not this one's
    connect(m_controller, &RequestForAccessController::stateChanged, this,
            &RequestForAccessDialog::render);
    render();
}

QWidget *RequestForAccessDialog::buildLinkPage()
{
    auto *page = new QWidget(m_pages);
    auto *title = wrappedLabel(tr("Answer an application's request for access"), page);
    makeTitle(title);
    auto *intro = wrappedLabel(
        tr("An application that wants to work with your account on %1 gives you a link to "
           "open. Paste that link here: AccessDesk shows who asks, and you allow or deny it.")
            .arg(m_controller->serverName()),
        page);

    m_link = new QLineEdit(page);
    m_link->setPlaceholderText(m_controller->serverUrl().toString(QUrl::StripTrailingSlash) +
                               QStringLiteral("/plugins/servlet/oauth/authorize?oauth_token=…"));
    m_link->setObjectName(QStringLiteral("requestLink"));
    m_link->setAccessibleName(tr("Authorisation link"));
    m_link->setClearButtonEnabled(true);
    m_check = new QPushButton(tr("Show request"), page);
    m_check->setObjectName(QStringLiteral("showRequest"));
    m_check->setAccessibleName(tr("Show request"));
    m_check->setDefault(true); // Enter in the link field shows the request
    auto *linkRow = new QHBoxLayout;
    linkRow->addWidget(m_link, 1);
    linkRow->addWidget(m_check);
    connect(m_check, &QPushButton::clicked, this, [this] { m_controller->check(m_link->text()); });

    m_error = DialogParts::errorLabel(page);
    m_error->setObjectName(QStringLiteral("requestError"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, page);
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("closeRequest"));
    buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
    buttons->button(QDialogButtonBox::Close)->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addSpacing(6);
    layout->addLayout(linkRow);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(buttons);
    return page;
}

QWidget *RequestForAccessDialog::buildAskPage()
{
    auto *page = new QWidget(m_pages);
    m_question = wrappedLabel(QString(), page);
    m_question->setObjectName(QStringLiteral("requestQuestion"));
    m_question->setAccessibleName(tr("Who asks"));
    makeTitle(m_question);

    auto *frame = new QFrame(page);
    frame->setFrameShape(QFrame::StyledPanel);
    m_description = wrappedLabel(QString(), frame);
    m_description->setObjectName(QStringLiteral("requestDescription"));
    m_description->setAccessibleName(tr("Application description"));
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *frameLayout = new QVBoxLayout(frame);
    frameLayout->addWidget(m_description);

    m_permissions = wrappedLabel(QString(), page);
    m_permissions->setObjectName(QStringLiteral("requestPermissions"));
    m_permissions->setAccessibleName(tr("What it could do"));
    auto *caution = wrappedLabel(
        tr("Allow only an application you know and asked to connect. If you did not start "
           "this, deny it."),
        page);

    m_allow = new QPushButton(tr("Allow"), page);
    m_deny = new QPushButton(tr("Deny"), page);
    auto *cancel = new QPushButton(tr("Decide later"), page);
    // The two answers together, away from "not now".
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(cancel);
    buttons->addStretch();
    buttons->addWidget(m_deny);
    buttons->addWidget(m_allow);
    m_allow->setObjectName(QStringLiteral("allowRequest"));
    m_deny->setObjectName(QStringLiteral("denyRequest"));
    cancel->setObjectName(QStringLiteral("decideLater"));
    m_allow->setAccessibleName(tr("Allow"));
    m_deny->setAccessibleName(tr("Deny"));
    cancel->setAccessibleName(tr("Decide later"));
    cancel->setToolTip(tr("Close without answering; the request stays open for a few minutes."));
    // Giving an application your account must be deliberate, never a stray Enter: "Decide
    // later" is the default and has the focus (renderState()). Enter on a button the user moved
    // the focus to presses that button (auto-default), as Space does.
    for (QPushButton *button : {m_allow, m_deny, cancel})
        button->setAutoDefault(true);
    cancel->setDefault(true);
    m_decideLater = cancel;
    connect(m_allow, &QPushButton::clicked, m_controller, &RequestForAccessController::allow);
    connect(m_deny, &QPushButton::clicked, m_controller, &RequestForAccessController::deny);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_question);
    layout->addWidget(frame);
    layout->addSpacing(6);
    layout->addWidget(m_permissions);
    layout->addWidget(caution);
    layout->addSpacing(12); // the answers stand apart from the text (fitHeight leaves no stretch)
    layout->addStretch();
    layout->addLayout(buttons);
    return page;
}

QWidget *RequestForAccessDialog::buildResultPage()
{
    auto *page = new QWidget(m_pages);
    m_result = wrappedLabel(QString(), page);
    m_result->setObjectName(QStringLiteral("requestAnswer"));
    m_result->setAccessibleName(tr("Answer"));
    makeTitle(m_result);
    m_verifierNote = wrappedLabel(QString(), page);
    m_verifierNote->setAccessibleName(tr("What to do next"));

    m_verifier = DialogParts::codeField(tr("Verification code"), page);
    QFont code = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    code.setPointSizeF(code.pointSizeF() * 1.4);
    m_verifier->setFont(code);
    m_verifier->setMaximumWidth(260);
    m_copyVerifier = DialogParts::copyButton(tr("Copy verification code"), page);
    m_verifier->setObjectName(QStringLiteral("verificationCode"));
    m_copyVerifier->setObjectName(QStringLiteral("copyVerificationCode"));
    connect(m_copyVerifier, &QPushButton::clicked, this,
            [this] { DialogParts::copyToClipboard(m_verifier->text(), m_copyVerifier); });
    auto *codeRow = new QHBoxLayout;
    codeRow->addWidget(m_verifier);
    codeRow->addWidget(m_copyVerifier);
    codeRow->addStretch();

    m_return = new QPushButton(tr("Return to the application in the browser"), page);
    m_return->setObjectName(QStringLiteral("returnToApplication"));
    m_return->setAccessibleName(tr("Return to the application"));
    m_return->setToolTip(tr("Opens the application's own address, as a browser would after you "
                            "allow it, so it can carry on."));
    connect(m_return, &QPushButton::clicked, this, [this] {
        // Only ever an http(s) address (returnUrl()); never a program or a file.
        const QUrl url = m_controller->returnUrl();
        if (url.isValid())
            QDesktopServices::openUrl(url);
    });
    auto *returnRow = new QHBoxLayout;
    returnRow->addWidget(m_return);
    returnRow->addStretch();
    m_callbackText = wrappedLabel(QString(), page);
    m_callbackText->setObjectName(QStringLiteral("callbackAddress"));
    m_callbackText->setAccessibleName(tr("Address the application asked for"));
    m_callbackText->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_revokeHint = wrappedLabel(tr("You can revoke its access in My access at any time."), page);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, page);
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("closeAnswer"));
    buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_result);
    layout->addWidget(m_verifierNote);
    layout->addLayout(codeRow);
    layout->addLayout(returnRow);
    layout->addWidget(m_callbackText);
    layout->addSpacing(6);
    layout->addWidget(m_revokeHint);
    layout->addStretch();
    layout->addWidget(buttons);
    return page;
}

RequestForAccessDialog::Step RequestForAccessDialog::step() const
{
    return Step(m_pages->currentIndex());
}

void RequestForAccessDialog::render()
{
    using State = RequestForAccessController::State;
    const State state = m_controller->state();
    switch (state) {
    case State::Idle:
    case State::Checking:
    case State::Failed:
        // The pasted link stays in the field whatever went wrong.
        showPage(m_pages, PasteLink);
        m_error->setText(state == State::Failed ? m_controller->errorText() : QString());
        m_error->setVisible(state == State::Failed);
        m_check->setEnabled(state != State::Checking);
        m_check->setText(state == State::Checking ? tr("Checking…") : tr("Show request"));
        break;
    case State::Asking:
    case State::Answering:
        renderAsk();
        m_allow->setEnabled(state == State::Asking);
        m_deny->setEnabled(state == State::Asking);
        if (m_pages->currentIndex() != Ask) {
            // Hiding the first step would pass the focus on to Allow, the default then.
            showPage(m_pages, Ask);
            m_decideLater->setFocus();
        }
        break;
    case State::Answered:
        renderResult();
        showPage(m_pages, Result);
        if (m_controller->decision().approved)
            emit accessAllowed();
        break;
    }
    // Each step and message has its own height; grow rather than clip.
    if (isVisible())
        fitHeight(this);
}

void RequestForAccessDialog::renderAsk()
{
    const QString consumer = consumerOf(m_controller);
    const QString server = m_controller->serverName();
    m_question->setText(tr("%1 wants to act as you on %2").arg(consumer, server));
    const QString description = m_controller->request().consumerDescription;
    m_description->setText(
        description.isEmpty() ? tr("The application gave no description of itself.") : description);
    const QString user = m_controller->who().user;
    m_permissions->setText(
        (user.isEmpty()
             ? tr("If you allow it, %1 can do on %2 everything you can do there: see and change "
                  "what you can see and change (Jira calls this “read and write” access).")
                   .arg(consumer, server)
             : tr("If you allow it, %1 can do on %2 everything you (%3) can do there: see and "
                  "change what you can see and change (Jira calls this “read and write” access).")
                   .arg(consumer, server, user)) +
        QLatin1Char(' ') + tr("It keeps this access until you revoke it in My access."));
}

void RequestForAccessDialog::renderResult()
{
    const QString consumer = consumerOf(m_controller);
    const auto &decision = m_controller->decision();
    const bool canReturn = m_controller->returnUrl().isValid();
    // A callback that is not a web address is shown, not opened: the user may copy it, and gets
    // the verification code as without a callback.
    const bool strangeCallback = decision.approved && decision.callback.isValid() && !canReturn;
    const bool hasCode = decision.approved && !decision.verifier.isEmpty() &&
                         (!decision.callback.isValid() || strangeCallback);
    m_verifier->setText(hasCode ? decision.verifier : QString());
    m_verifier->setVisible(hasCode);
    m_copyVerifier->setVisible(hasCode);
    m_return->setVisible(canReturn);
    m_callbackText->setVisible(strangeCallback);
    m_callbackText->setText(
        strangeCallback
            ? tr("The application asked to be sent to an address that is not a web page, so "
                 "AccessDesk does not open it: %1")
                  .arg(decision.callback.toDisplayString())
            : QString());
    m_revokeHint->setVisible(decision.approved);
    if (!decision.approved) {
        m_result->setText(tr("You denied %1 access.").arg(consumer));
        m_verifierNote->setText(
            tr("It cannot act as you. If it needs access later, it has to ask again."));
        return;
    }
    m_result->setText(
        tr("You allowed %1 to act as you on %2.").arg(consumer, m_controller->serverName()));
    if (hasCode)
        m_verifierNote->setText(tr("The application now asks you for a verification code. Give "
                                   "it this code (it works once, for this request only):"));
    else if (canReturn)
        m_verifierNote->setText(tr("The application can continue on its own now. If it waits for "
                                   "you in a browser, return to it with the button below."));
    else
        m_verifierNote->setText(tr("Go back to the application: it can continue now."));
}

void RequestForAccessDialog::done(int result)
{
    m_verifier->setText(QString());
    const bool answered = m_controller->state() == RequestForAccessController::State::Answered;
    // Forget the answered request (its verifier, its callback); an answer still on its way is
    // left to finish, so the activity log gets its outcome.
    if (m_controller->state() != RequestForAccessController::State::Answering)
        m_controller->reset();
    QDialog::done(result);
    if (answered)
        emit closedAfterAnswer();
}

} // namespace accessdesk
