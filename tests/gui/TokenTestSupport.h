#pragma once

// What the Personal tokens tests share: the server's own view of every token, read over plain
// HTTP as the admin (never through the code under test), widgets found by object name, and
// waiting for the tab's search to end.

#include "FindChild.h"
#include "api/ServerConnection.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QWidget>

#include <optional>

class SimClient;

namespace accessdesk {

class AdminTokenController;

// The failures the tests inject are meant to be seen, not retried.
ConnectionSettings withoutRetries();

// Every user's tokens as the server lists them (RestToken objects), page after page; nullopt when
// a page was refused.
std::optional<QJsonArray> allTokensOnServer(const SimClient &server);
// The token's field as a UTC time; invalid when absent.
QDateTime timeOf(const QJsonObject &token, const char *field);
QString ownerNameOf(const QJsonObject &token);

// Until the controller's search has ended (however it ended).
bool waitSearchEnded(AdminTokenController *controller);

} // namespace accessdesk
