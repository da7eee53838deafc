#pragma once

#include "api/ApiError.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace accessdesk {

// How one administration list stands: the last list that loaded stays shown while a refresh runs
// and after one fails, so the state says when that list was loaded and what went wrong since.
struct AdminListState
{
    Q_DECLARE_TR_FUNCTIONS(AdminListState)

public:
    enum class Feature { AppLinks, Consumers, OAuth2Clients, PersonalTokens };

    bool loading = false;
    bool loaded = false; // a list has loaded at least once (it may be empty)
    QDateTime loadedAt;  // local time of the last successful load
    ApiError error;      // of the latest attempt; none when it worked

    // The error in plain words for an administrator: what happened and what to do. Empty when
    // there is no error.
    QString errorText(Feature feature) const;
    // When the shown list was loaded, as hours and minutes.
    QString loadedAtText() const;
    static QString describe(const ApiError &error, Feature feature);
};

} // namespace accessdesk
