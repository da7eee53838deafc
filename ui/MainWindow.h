#pragma once

#include <QMainWindow>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace accessdesk {

class MyAccessController;
class MyAccessPage;

// The app's window: a navigation list on the left, the chosen page on the right, and a status
// bar with server, user, connection state and the time of the last refresh.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum Page { MyAccess, Administration, Activity, Connection };
    Q_ENUM(Page)

    explicit MainWindow(MyAccessController *controller, QWidget *parent = nullptr);

    void showPage(Page page);
    MyAccessPage *myAccessPage() const { return m_myAccess; }
    QListWidget *navigation() const { return m_navigation; }

private:
    void renderStatus();
    QWidget *placeholder(const QString &text);

    MyAccessController *m_controller;
    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    MyAccessPage *m_myAccess;
    QLabel *m_server;
    QLabel *m_user;
    QLabel *m_state;
    QLabel *m_refreshed;
};

} // namespace accessdesk
