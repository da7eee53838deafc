#pragma once

#include <QString>

class QSettings;

namespace accessdesk {

// The user's choices that are not about one server, kept in the same settings file as the
// profiles (under "preferences/…"), so the CLI and the app read the same language. Every getter
// has a default, so a missing or damaged entry never stops the app.
class Preferences final
{
    Q_DISABLE_COPY_MOVE(Preferences)

public:
    static constexpr int defaultExpiryWarningDays = 5;
    static constexpr int maxExpiryWarningDays = 90;

    explicit Preferences(QSettings &settings);

    // A BCP 47 name such as "de" or "fr"; empty means "follow the system".
    QString language() const;
    void setLanguage(const QString &language);

    // Grants that expire within this many days are announced (1..maxExpiryWarningDays).
    int expiryWarningDays() const;
    void setExpiryWarningDays(int days);

private:
    QSettings &m_settings;
};

} // namespace accessdesk
