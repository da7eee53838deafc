#include "AdminChangeNote.h"

#include "AdminListTab.h"
#include "services/AdminOutcome.h"

namespace accessdesk {

void AdminChangeNote::take(const AdminOutcome &outcome)
{
    if (outcome.succeeded()) {
        m_note = outcome.message;
        m_error.clear();
        return;
    }
    m_note.clear();
    m_error = outcome.nextStep.isEmpty()
                  ? outcome.message
                  : QString(outcome.message + QLatin1Char(' ') + outcome.nextStep);
}

void AdminChangeNote::clear()
{
    m_note.clear();
    m_error.clear();
}

void AdminChangeNote::showOn(AdminListTab *list, const AdminListState &state,
                             const QString &listError, bool changing) const
{
    if (!m_error.isEmpty())
        list->setError(listError.isEmpty() ? m_error
                                           : QString(m_error + QLatin1Char('\n') + listError));
    if (changing)
        list->setStatus(tr("Sending the change…"));
    else if (!m_note.isEmpty() && !state.loading)
        list->setStatus(m_note);
}

} // namespace accessdesk
