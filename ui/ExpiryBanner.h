#pragma once

#include "AccessGrant.h"

#include <QFrame>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace accessdesk {

class ExpiryWatch;
class MyAccessController;

// The banner in My access for grants that expire soon (ExpiryWatch::pending()): a line per grant
// with "Create a replacement…" (personal access tokens) and "Revoke…", and Dismiss. Revoking
// goes through the usual confirmation and progress dialog; a replacement is asked of whoever
// opens the create-token dialog (replacementRequested()). Hidden while nothing is pending.
class ExpiryBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExpiryBanner)

public:
    ExpiryBanner(ExpiryWatch *watch, MyAccessController *controller, QWidget *parent = nullptr);

    // The object names of one grant's line and buttons ("expiryReplace:pat:123"), for tests and
    // accessibility tools that look a control up by name.
    static QString lineName(const AccessGrant &grant);
    static QString replaceName(const AccessGrant &grant);
    static QString revokeName(const AccessGrant &grant);

signals:
    // A new personal access token of this name lasting expiryDays, made in the create dialog.
    void replacementRequested(const QString &name, int expiryDays);

private:
    void rebuild();
    void renderEnabled();
    void addLine(const AccessGrant &grant);
    void confirmAndRevoke(const AccessGrant &grant);

    ExpiryWatch *m_watch;
    MyAccessController *m_controller;
    QLabel *m_heading;
    QWidget *m_lines;
    QVBoxLayout *m_linesLayout;
    QPushButton *m_dismiss;
};

} // namespace accessdesk
