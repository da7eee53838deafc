#pragma once

#include <QCoreApplication>
#include <QString>

namespace accessdesk {

class AdminListTab;
struct AdminListState;
struct AdminOutcome;

// What the last change made on an administration tab did, or why it failed, shown on the tab's
// list: a failure above the list (with the list's own error, if any), a success in the status
// line once the list has loaded again. The tabs of consumers and OAuth 2.0 clients share it.
class AdminChangeNote final
{
    Q_DECLARE_TR_FUNCTIONS(AdminChangeNote)

public:
    void take(const AdminOutcome &outcome);
    void clear();

    // After AdminListTab::showState(): adds the change's words to what the list shows.
    void showOn(AdminListTab *list, const AdminListState &state, const QString &listError,
                bool changing) const;

private:
    QString m_note;  // what the last change did
    QString m_error; // why it failed, and what to do
};

} // namespace accessdesk
