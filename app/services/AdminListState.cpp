#include "services/AdminListState.h"

#include <QLocale>

namespace accessdesk {

QString AdminListState::describe(const ApiError &error, Feature feature)
{
    using Kind = ApiError::Kind;
    switch (error.kind()) {
    case Kind::None:
        return {};
    case Kind::Forbidden:
        // The server refuses these lists to everyone but administrators (401 or 403 from Jira).
        return tr("You are not an administrator of this server, so it does not show you this "
                  "list. Ask a Jira administrator if you need it.");
    case Kind::WebSudoRequired:
        return tr("The server wants your password again before it shows administration data (a "
                  "secure administrator session). Connect again with your password, then press "
                  "Refresh.");
    case Kind::Network:
    case Kind::Timeout:
        return tr("The server could not be reached; you may be offline. Press Refresh when the "
                  "connection is back.");
    case Kind::RateLimited:
        if (error.retryAfterSeconds() == 1)
            return tr("The server is limiting requests right now. Press Refresh in 1 second.");
        if (error.retryAfterSeconds() > 1)
            return tr("The server is limiting requests right now. Press Refresh in %1 seconds.")
                .arg(error.retryAfterSeconds());
        return tr("The server is limiting requests right now. Press Refresh in a moment.");
    case Kind::NotFound:
        if (feature == Feature::OAuth2Clients)
            return tr("This server has no OAuth 2.0 clients to manage (Jira 8.22 or later has "
                      "them).");
        if (feature == Feature::PersonalTokens)
            return tr("This server has no personal access tokens (Jira 8.14 or later has them).");
        return error.userMessage();
    default:
        return error.userMessage();
    }
}

QString AdminListState::errorText(Feature feature) const
{
    if (!error.isError())
        return {};
    QString text = describe(error, feature);
    if (loaded && loadedAt.isValid())
        text += QLatin1Char(' ') + tr("The list shown is from %1.").arg(loadedAtText());
    return text;
}

QString AdminListState::loadedAtText() const
{
    const QLocale locale;
    QString format = locale.timeFormat(QLocale::ShortFormat);
    format.remove(QStringLiteral(":ss"));
    return locale.toString(loadedAt.time(), format);
}

} // namespace accessdesk
