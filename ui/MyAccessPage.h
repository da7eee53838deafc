#pragma once

#include "AccessGrant.h"
#include "services/ActivityRecord.h"

#include <QList>
#include <QWidget>

class QAction;
class QFrame;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTextBrowser;

namespace accessdesk {

class AccessGrantFilterModel;
class AccessGrantModel;
class MyAccessController;

// "My access": every grant that can act as the user, one table, with a details pane, Revoke,
// Revoke all, export, and the way to a new token or an answer to a request for access.
// Renders the controller's state and forwards the user's intent to it.
class MyAccessPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MyAccessPage)

public:
    explicit MyAccessPage(MyAccessController *controller, QWidget *parent = nullptr);

    // Places a notice (the expiry banner) below the page's own notices, above the table.
    void addBanner(QWidget *banner);

    QTableView *table() const { return m_table; }
    QPushButton *revokeButton() const { return m_revoke; }
    QPushButton *refreshButton() const { return m_refresh; }
    QPushButton *exportButton() const { return m_export; }
    QLabel *statusLabel() const { return m_status; }
    AccessGrantFilterModel *proxy() const { return m_proxy; }
    // In the order the table shows them.
    QList<AccessGrant> selectedGrants() const;

    // The selected rows as plain text (the context menu's Copy, Ctrl+C), and the way to the
    // details pane (the context menu's Details…).
    QString selectedRowsText() const;
    void copySelected();
    void showDetails();
    // The "expires soon" badge's window (Preferences::expiryWarningDays()).
    void setExpiryWarningDays(int days);

    // Ask for confirmation, then revoke with progress (RevokeProgressDialog). Revoke all takes the
    // grants the filter shows and keeps the hidden ones (the question says how many).
    void revokeSelected();
    void revokeAll();
    // The filtered, sorted rows as CSV, to a file the user picks.
    void exportCsv();

signals:
    void createTokenRequested();
    void answerRequestRequested();

private:
    void render();
    void fitColumns();
    void renderNotice();
    void renderUnreadable();
    void updateDetails();
    void renderRevokeResult();
    // The rows the filter lets through, in the table's order.
    QList<AccessGrant> shownGrants() const;
    // note: what the question leaves out, said below it.
    void confirmAndRevoke(const QList<AccessGrant> &grants, const QString &note = QString());

    MyAccessController *m_controller;
    AccessGrantModel *m_model;
    AccessGrantFilterModel *m_proxy;
    QLineEdit *m_filter;
    QTableView *m_table;
    QTextBrowser *m_details;
    QPushButton *m_revoke;
    QAction *m_revokeAction = nullptr; // Delete and the context menu
    QAction *m_copyAction = nullptr;
    QAction *m_detailsAction = nullptr;
    QPushButton *m_revokeAll;
    QPushButton *m_refresh;
    QPushButton *m_export;
    QPushButton *m_newToken;
    QPushButton *m_answerRequest;
    QLabel *m_notice;
    QFrame *m_unreadableBanner;
    QLabel *m_unreadableText;
    QPushButton *m_openPage;
    QLabel *m_status;
    QString m_revokeNote;
    ActivityContext m_revokeNoteFor; // the connection the note is about
    bool m_columnsFitted = false;
};

} // namespace accessdesk
