#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTextBrowser;

namespace accessdesk {

class ActivityFilterModel;
class ActivityLog;
class ActivityModel;

// "Activity": the true record of every change made from this machine (the activity log), newest
// first, with filter-as-you-type, an outcome filter, a details pane and CSV export of what is
// shown. It reads the local log only; nothing here talks to a server.
class ActivityPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityPage)

public:
    // Entries of the outcome box, in order.
    enum OutcomeChoice {
        AllOutcomes,
        SucceededOnly,
        FailedOnly,
        InterruptedOnly,
        UnknownOnly,
        PendingOnly
    };
    Q_ENUM(OutcomeChoice)

    explicit ActivityPage(QWidget *parent = nullptr);

    // log may be null (the page then says the record is unavailable); it must outlive the page.
    void setActivityLog(ActivityLog *log);
    // Reads the log again, keeping the selected entry selected. Also done each time the page is
    // shown; call it after each change the app makes.
    void reload();

    QTableView *table() const { return m_table; }
    QPushButton *refreshButton() const { return m_refresh; }
    QPushButton *exportButton() const { return m_export; }
    ActivityModel *model() const { return m_model; }
    ActivityFilterModel *proxy() const { return m_proxy; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void updateDetails();
    void renderStatus();
    void exportShown();

    ActivityLog *m_log = nullptr;
    ActivityModel *m_model;
    ActivityFilterModel *m_proxy;
    QLineEdit *m_filter;
    QComboBox *m_outcome;
    QPushButton *m_refresh;
    QPushButton *m_export;
    QStackedWidget *m_stack;
    QLabel *m_empty;
    QTableView *m_table;
    QTextBrowser *m_details;
    QLabel *m_status;
    QString m_readError;
};

} // namespace accessdesk
