#pragma once

#include "services/AdminTokenQuery.h"

#include <QHash>
#include <QWidget>

#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace accessdesk {

// The filters of the Personal tokens tab, as Jira's own administration page has them: owner,
// token name, created / expires / last-used days (year-month-day, either end may stay empty) and
// "never used". Search turns them into an AdminTokenQuery; a date that is not one, or filters that
// contradict each other, are named next to the fields and nothing is searched — what was typed
// stays as it was.
class TokenSearchForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenSearchForm)

public:
    explicit TokenSearchForm(QWidget *parent = nullptr);

    // The query the fields hold, or nullopt after saying at the field what is wrong.
    std::optional<AdminTokenQuery> query();
    void clear();
    QString problemText() const;

signals:
    void searchRequested(const AdminTokenQuery &query);

private:
    QLineEdit *addDateField(AdminTokenQuery::Field field, const QString &objectName,
                            const QString &accessibleName);
    std::optional<QDate> dateOf(AdminTokenQuery::Field field, bool *ok);
    // Names what is wrong under the fields and marks the field to fix.
    void showProblem(AdminTokenQuery::Field field, const QString &text);
    void clearProblem();
    void submit();

    QLineEdit *m_owner;
    QLineEdit *m_name;
    QHash<AdminTokenQuery::Field, QLineEdit *> m_dates;
    QCheckBox *m_neverUsed;
    QPushButton *m_search;
    QPushButton *m_clear;
    QLabel *m_problem;
};

} // namespace accessdesk
