#include "storage/Preferences.h"

#include <QSettings>

#include <algorithm>

namespace accessdesk {

namespace {
const auto languageKey = QStringLiteral("preferences/language");
const auto expiryWarningDaysKey = QStringLiteral("preferences/expiryWarningDays");
} // namespace

Preferences::Preferences(QSettings &settings)
    : m_settings(settings)
{}

QString Preferences::language() const
{
    return m_settings.value(languageKey).toString().trimmed();
}

void Preferences::setLanguage(const QString &language)
{
    if (language.trimmed().isEmpty())
        m_settings.remove(languageKey);
    else
        m_settings.setValue(languageKey, language.trimmed());
    m_settings.sync();
}

int Preferences::expiryWarningDays() const
{
    bool ok = false;
    const int days = m_settings.value(expiryWarningDaysKey).toInt(&ok);
    if (!ok || days < 1)
        return defaultExpiryWarningDays;
    return std::min(days, maxExpiryWarningDays);
}

void Preferences::setExpiryWarningDays(int days)
{
    m_settings.setValue(expiryWarningDaysKey, std::clamp(days, 1, maxExpiryWarningDays));
    m_settings.sync();
}

} // namespace accessdesk
