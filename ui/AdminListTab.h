#pragma once

#include "AdminTableModel.h"
#include "services/AdminListState.h"

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QLayout;
class QLineEdit;
class QPushButton;
class QTableView;
class QTextBrowser;
class QVBoxLayout;

namespace accessdesk {

// One tab of the Administration page: filter, Refresh, Export CSV…, the table, a details pane,
// an error line that keeps the last list in view, and a status line. It renders rows and
// forwards the user's intent (refreshRequested); it sends nothing itself.
class AdminListTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminListTab)

public:
    // what names the list in accessible names ("application links"); exportName is the file
    // name suggested for the CSV.
    AdminListTab(const QString &what, QStringList headers, QString exportName,
                 QWidget *parent = nullptr);

    // Replaces the rows, keeping the selected row selected when it is still there.
    void setRows(QList<AdminRow> rows);
    void setBusy(bool busy);
    void setError(const QString &text); // empty: no error
    void setStatus(const QString &text);
    // What an empty list means, shown in the details pane once a list has loaded.
    void setEmptyText(const QString &text) { m_emptyText = text; }
    void setLoaded(bool loaded) { m_loaded = loaded; }
    // How the list stands: busy while loading, the error above the last list, and "<what>,
    // loaded at HH:mm" (what counts the rows: "4 application links").
    void showState(const AdminListState &state, const QString &errorText, const QString &what);
    // Not loaded, not loading, and not failed (a failed list waits for Refresh).
    static bool needsLoading(const AdminListState &state);

    // For extra controls next to the buttons, and a row above them (the token search's).
    QHBoxLayout *toolbar() const { return m_toolbar; }
    void addRowAbove(QLayout *row);
    QList<AdminRow> selectedRows() const;

    QTableView *table() const { return m_table; }
    QPushButton *refreshButton() const { return m_refresh; }
    QPushButton *exportButton() const { return m_export; }
    QLabel *statusLabel() const { return m_status; }
    AdminTableModel *model() const { return m_model; }
    AdminFilterModel *proxy() const { return m_proxy; }

signals:
    void refreshRequested();
    void selectionChanged();

private:
    void updateDetails();

    AdminTableModel *m_model;
    AdminFilterModel *m_proxy;
    QString m_exportName;
    QString m_emptyText;
    bool m_loaded = false;
    QVBoxLayout *m_layout;
    QHBoxLayout *m_toolbar;
    QLineEdit *m_filter;
    QPushButton *m_refresh;
    QPushButton *m_export;
    QLabel *m_error;
    QTableView *m_table;
    QTextBrowser *m_details;
    QLabel *m_status;
};

} // namespace accessdesk
