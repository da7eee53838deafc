#include "RemoteConsumerFetch.h"

#include "DialogParts.h"
#include "services/ConsumersController.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace accessdesk {

RemoteConsumerFetch::RemoteConsumerFetch(ConsumersController *consumers, QWidget *parent)
    : QWidget(parent)
    , m_consumers(consumers)
    , m_address(new QLineEdit(this))
    , m_fetch(new QPushButton(tr("&Fetch from the remote"), this))
    , m_addressError(DialogParts::errorLabel(this))
    , m_note(DialogParts::wrappedLabel(QString(), this))
{
    setAccessibleName(tr("Fill in from the remote application"));
    setFocusProxy(m_address);
    m_address->setObjectName(QStringLiteral("remoteUrl"));
    m_address->setAccessibleName(tr("Address of the remote application"));
    m_address->setPlaceholderText(tr("https://app.example.com"));
    m_address->setToolTip(tr("The application's base URL, or its /plugins/servlet/oauth/"
                             "consumer-info address"));
    m_fetch->setObjectName(QStringLiteral("fetchFromRemote"));
    m_fetch->setAccessibleName(tr("Fetch the consumer from the remote application"));
    m_fetch->setToolTip(tr("Fill in the consumer key, name and public key the application "
                           "publishes (Atlassian applications do)"));
    m_addressError->setObjectName(QStringLiteral("urlError"));
    m_addressError->hide();
    m_note->setObjectName(QStringLiteral("fetchNote"));
    m_note->setAccessibleName(tr("What the remote published"));
    m_note->hide();

    connect(m_fetch, &QPushButton::clicked, this, &RemoteConsumerFetch::fetch);
    connect(m_address, &QLineEdit::returnPressed, this, &RemoteConsumerFetch::fetch);
    connect(m_address, &QLineEdit::textChanged, this, [this] {
        m_addressError->clear();
        m_addressError->hide();
        m_address->setAccessibleDescription(QString());
    });
    connect(m_consumers, &ConsumersController::infoFetched, this, &RemoteConsumerFetch::onFetched);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_address, 1);
    row->addWidget(m_fetch);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(m_addressError);
    layout->addWidget(m_note);
}

void RemoteConsumerFetch::offerAddress(const QString &url)
{
    if (!m_address->text().isEmpty() && m_address->text() != m_offered)
        return; // the admin's own
    m_offered = url;
    m_address->setText(url);
}

void RemoteConsumerFetch::setEditable(bool editable)
{
    m_editable = editable;
    m_address->setReadOnly(!editable);
    updateButton();
}

QString RemoteConsumerFetch::addressError() const
{
    return m_addressError->isHidden() ? QString() : m_addressError->text();
}

void RemoteConsumerFetch::updateButton()
{
    m_fetch->setEnabled(m_editable && !m_fetching && !m_consumers->isFetching());
}

void RemoteConsumerFetch::fetch()
{
    if (m_fetching || m_consumers->isFetching() || !m_editable)
        return;
    m_fetching = true;
    m_note->setStyleSheet(QString());
    m_note->setText(tr("Asking %1…").arg(m_address->text().trimmed()));
    m_note->show();
    updateButton();
    m_consumers->fetchInfo(m_address->text());
}

void RemoteConsumerFetch::onFetched(const AdminOutcome &outcome, const OAuthConsumer &filled)
{
    if (!m_fetching)
        return; // another form's
    m_fetching = false;
    updateButton();
    // An address that is no web address is the field's fault; the rest is the remote's.
    const QString addressProblem = outcome.fieldErrors.value(QStringLiteral("url"));
    m_addressError->setText(addressProblem);
    m_addressError->setVisible(!addressProblem.isEmpty());
    m_address->setAccessibleDescription(addressProblem);
    QString note = outcome.message;
    if (!outcome.nextStep.isEmpty())
        note += QLatin1Char(' ') + outcome.nextStep;
    m_note->setText(addressProblem.isEmpty() ? note : QString());
    m_note->setVisible(addressProblem.isEmpty());
    DialogParts::showAsProblem(m_note, !outcome.succeeded());
    if (outcome.succeeded())
        emit fetched(filled);
}

} // namespace accessdesk
