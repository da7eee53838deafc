#pragma once

#include "AccessGrant.h"

#include <QList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTextBrowser;

namespace accessdesk {

class AccessGrantFilterModel;
class AccessGrantModel;
class MyAccessController;

// "My access": every grant that can act as the user, one table, with a details pane and Revoke.
// Renders the controller's state and forwards the user's intent to it.
class MyAccessPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MyAccessPage)

public:
    explicit MyAccessPage(MyAccessController *controller, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QLineEdit *filterEdit() const { return m_filter; }
    QPushButton *revokeButton() const { return m_revoke; }
    AccessGrantFilterModel *proxy() const { return m_proxy; }
    QList<AccessGrant> selectedGrants() const;

    // Asks for confirmation, then revokes the selected grants.
    void revokeSelected();

private:
    void render();
    void updateDetails();
    void renderRevokeResult(int revoked, int failed);

    MyAccessController *m_controller;
    AccessGrantModel *m_model;
    AccessGrantFilterModel *m_proxy;
    QLineEdit *m_filter;
    QTableView *m_table;
    QTextBrowser *m_details;
    QPushButton *m_revoke;
    QPushButton *m_refresh;
    QLabel *m_status;
    QString m_revokeNote;
};

} // namespace accessdesk
