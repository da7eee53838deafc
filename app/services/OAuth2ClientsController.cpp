#include "services/OAuth2ClientsController.h"

#include "services/OAuth2ClientCreator.h"
#include "services/OAuth2ClientList.h"
#include "services/OAuth2ClientRemoval.h"
#include "services/OAuth2ClientSecretReset.h"
#include "services/OAuth2ClientUpdater.h"

namespace accessdesk {

namespace {

// The secret the job received, taken from it (so the job holds it no longer).
QString takeSecretOf(OAuth2ClientJob *job)
{
    if (auto *creator = qobject_cast<OAuth2ClientCreator *>(job))
        return creator->takeSecret();
    if (auto *reset = qobject_cast<OAuth2ClientSecretReset *>(job))
        return reset->takeSecret();
    return {};
}

} // namespace

OAuth2ClientsController::OAuth2ClientsController(ServerConnection *connection, ActivityLog *log,
                                                 ActivityContext who, QObject *parent)
    : AdminListController(AdminListState::Feature::OAuth2Clients, connection, log, std::move(who),
                          parent)
{}

OAuth2ClientsController::~OAuth2ClientsController() = default;

bool OAuth2ClientsController::isChanging() const
{
    return !m_change.isNull();
}

QString OAuth2ClientsController::unavailableText() const
{
    if (isAvailable())
        return {};
    return m_unavailable.nextStep.isEmpty()
               ? m_unavailable.message
               : QString(m_unavailable.message + QLatin1Char(' ') + m_unavailable.nextStep);
}

void OAuth2ClientsController::clear()
{
    m_clients.clear();
    m_unavailable = AdminOutcome();
    delete m_list.data();
    if (OAuth2ClientJob *change = m_change.data()) {
        // It was about the old server: the dialog that waits hears that nothing will come.
        delete change;
        OAuth2ClientChange dropped;
        dropped.kind = m_changeKind;
        dropped.outcome = AdminOutcome::local(
            AdminOutcome::Status::Cancelled,
            tr("The connection changed to another server before the answer came."),
            tr("Look at the list of OAuth 2.0 clients, then try again if needed."));
        emit changeFinished(dropped);
    }
}

void OAuth2ClientsController::load()
{
    delete m_list.data();
    auto *job = new OAuth2ClientList(m_connection, this);
    m_list = job;
    connect(job, &AdminJob::finished, this, [this, job] {
        job->deleteLater();
        const AdminOutcome &outcome = job->outcome();
        if (outcome.status == AdminOutcome::Status::NotAvailable) {
            // Not a failure: the page explains it instead of showing an empty table.
            m_clients.clear();
            m_unavailable = outcome;
            succeed();
        } else if (!outcome.succeeded()) {
            fail(outcome.error);
        } else {
            m_clients = job->clients(); // OAuth2ClientList has dropped their secrets
            m_unavailable = AdminOutcome();
            succeed();
        }
    });
    job->start();
}

OAuth2ClientProblems OAuth2ClientsController::check(const OAuth2Client &draft,
                                                    const QString &exceptId) const
{
    QStringList taken;
    for (const OAuth2Client &client : m_clients) {
        if (client.id != exceptId)
            taken << client.name;
    }
    return OAuth2ClientRules::check(draft, OAuth2ClientRules::Purpose::Create, taken);
}

void OAuth2ClientsController::create(const OAuth2Client &draft)
{
    if (!m_change && m_connection)
        runChange(new OAuth2ClientCreator(m_connection, draft, m_log, m_who, this),
                  OAuth2ClientChange::Kind::Create);
}

void OAuth2ClientsController::update(const QString &id, const OAuth2Client &changes)
{
    if (!m_change && m_connection)
        runChange(new OAuth2ClientUpdater(m_connection, id, changes, m_log, m_who, this),
                  OAuth2ClientChange::Kind::Update);
}

void OAuth2ClientsController::resetSecret(const QString &id)
{
    if (!m_change && m_connection)
        runChange(new OAuth2ClientSecretReset(m_connection, id, m_log, m_who, this),
                  OAuth2ClientChange::Kind::ResetSecret);
}

void OAuth2ClientsController::remove(const QString &id)
{
    if (!m_change && m_connection)
        runChange(new OAuth2ClientRemoval(m_connection, id, m_log, m_who, this),
                  OAuth2ClientChange::Kind::Delete);
}

void OAuth2ClientsController::runChange(OAuth2ClientJob *job, OAuth2ClientChange::Kind kind)
{
    m_change = job;
    m_changeKind = kind;
    connect(job, &AdminJob::finished, this, [this, job, kind] {
        job->deleteLater();
        m_change = nullptr;
        OAuth2ClientChange change;
        change.kind = kind;
        change.outcome = job->outcome();
        change.client = job->client();
        change.redirectLines = job->redirectLines();
        change.secret = takeSecretOf(job);
        // What the server holds now, whatever came of it: a failed change may have half-happened.
        refresh();
        emit changeFinished(change);
    });
    emit changed();
    job->start();
}

} // namespace accessdesk
