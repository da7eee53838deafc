#pragma once

#include "AccessGrant.h"

#include <QFrame>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace accessdesk {

class ExpiryWatch;
class MyAccessController;
class PersonalTokenController;

// The banner in My access for grants that expire soon (ExpiryWatch::pending()): a line per grant
// with "Create a replacement…" (personal access tokens) and "Revoke…", and Dismiss. Revoking
// goes through the usual confirmation and progress dialog; a replacement is made in the usual
// create-token dialog, filled in with the old token's name and expiry length, which shows the
// new secret once. Hidden while nothing is pending.
class ExpiryBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExpiryBanner)

public:
    ExpiryBanner(ExpiryWatch *watch, MyAccessController *controller,
                 PersonalTokenController *tokens, QWidget *parent = nullptr);

    // The object names of one grant's line and buttons ("expiryReplace:pat:123"), for tests and
    // accessibility tools that look a control up by name.
    static QString lineName(const AccessGrant &grant);
    static QString replaceName(const AccessGrant &grant);
    static QString revokeName(const AccessGrant &grant);

private:
    void rebuild();
    void renderEnabled();
    void addLine(const AccessGrant &grant);
    void confirmAndRevoke(const AccessGrant &grant);
    void openReplacementDialog(const QString &name, int expiryDays);

    ExpiryWatch *m_watch;
    MyAccessController *m_controller;
    PersonalTokenController *m_tokens;
    QLabel *m_heading;
    QWidget *m_lines;
    QVBoxLayout *m_linesLayout;
    QPushButton *m_dismiss;
};

} // namespace accessdesk
