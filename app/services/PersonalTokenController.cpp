#include "services/PersonalTokenController.h"

#include "services/PersonalTokenCreator.h"

namespace accessdesk {

void PersonalTokenController::setConnection(ServerConnection *connection, ActivityContext who)
{
    // Deleting the job aborts its request; its answer would be about the old server.
    const bool wasBusy = isBusy();
    delete m_creator.data();
    rebind(connection, std::move(who));
    m_errorText.clear();
    m_serverMaxDays.reset(); // another server, maybe another limit
    if (wasBusy)
        emit busyChanged(false);
}

void PersonalTokenController::create(const QString &name, std::optional<int> expiryDays)
{
    if (m_creator)
        return;
    auto *creator =
        new PersonalTokenCreator(m_connection, {name.trimmed(), expiryDays}, m_log, m_who, this);
    m_creator = creator;
    connect(creator, &PersonalTokenCreator::finished, this, [this, creator] {
        creator->deleteLater();
        m_creator.clear();
        // The outcome first: busyChanged(false) without one means the request was dropped.
        if (creator->error().isError()) {
            const ApiError &error = creator->error();
            m_errorText = error.userMessage();
            // A lost or unreadable answer does not mean nothing was made: sending the form again
            // could make a second token.
            if (error.leavesOutcomeOpen()) {
                // The network stack's details end without a full stop.
                if (!m_errorText.endsWith(QLatin1Char('.')) && !m_errorText.endsWith(QChar(0x201D)))
                    m_errorText += QLatin1Char('.');
                m_errorText += QLatin1Char(' ') +
                               tr("The token may have been created all the same: look in My "
                                  "access before you create it again.");
            }
            // Jira names its limit; say it first, with what to do, then in the server's words.
            if (const auto max = PersonalTokenCreator::maxExpiryDaysIn(error)) {
                m_serverMaxDays = max;
                m_errorText = tr("This server lets a token last at most %1 days (it said: “%2”). "
                                 "Choose fewer days, then create the token again.")
                                  .arg(*max)
                                  .arg(error.serverMessage());
            }
            emit failed(m_errorText);
            emit busyChanged(false);
            return;
        }
        m_errorText.clear();
        const PersonalToken token = creator->token();
        creator->forgetToken();
        emit created(token);
        emit busyChanged(false);
    });
    emit busyChanged(true);
    creator->start();
}

} // namespace accessdesk
