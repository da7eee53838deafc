#include "AuthKind.h"

#include <array>
#include <utility>

namespace accessdesk {

namespace {

constexpr std::array<std::pair<AuthKind, QLatin1String>, 5> kNames{{
    {AuthKind::Basic, QLatin1String("basic")},
    {AuthKind::PersonalToken, QLatin1String("pat")},
    {AuthKind::Session, QLatin1String("session")},
    {AuthKind::OAuth1, QLatin1String("oauth1")},
    {AuthKind::OAuth2, QLatin1String("oauth2")},
}};

} // namespace

QString authKindName(AuthKind kind)
{
    for (const auto &[candidate, name] : kNames) {
        if (candidate == kind)
            return QString(name);
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<AuthKind> authKindFromName(QStringView name)
{
    for (const auto &[kind, candidate] : kNames) {
        if (name.compare(candidate, Qt::CaseInsensitive) == 0)
            return kind;
    }
    return std::nullopt;
}

} // namespace accessdesk
