#include "storage/ProfileStore.h"

#include "storage/StorageLogging.h"

#include <QRegularExpression>
#include <QSettings>

#include <algorithm>

namespace accessdesk {

namespace {

const QString profilesGroup = QStringLiteral("profiles");

// The keys written for a profile; a test holds the file to exactly these.
namespace key {
const QString baseUrl = QStringLiteral("baseUrl");
const QString authKind = QStringLiteral("authKind");
const QString username = QStringLiteral("username");
const QString pinnedSha256 = QStringLiteral("pinnedCertificateSha256");
const QString caFile = QStringLiteral("caFile");
const QString consumerKey = QStringLiteral("consumerKey");
const QString privateKeyFile = QStringLiteral("privateKeyFile");
const QString oauth2ClientId = QStringLiteral("oauth2ClientId");
const QString timeoutSeconds = QStringLiteral("timeoutSeconds");
const QString options = QStringLiteral("options");
} // namespace key

QString groupOf(const QString &name)
{
    return profilesGroup + QLatin1Char('/') + name;
}

} // namespace

ProfileStore::ProfileStore(QSettings &settings)
    : m_settings(settings)
{}

bool ProfileStore::looksSecret(const QString &name)
{
    static const QRegularExpression pattern(
        QStringLiteral("passw(or)?d|passwd|pwd|secret|token|cookie|credential|private.?key|"
                       "api.?key"),
        QRegularExpression::CaseInsensitiveOption);
    return pattern.match(name).hasMatch();
}

QStringList ProfileStore::names() const
{
    m_settings.beginGroup(profilesGroup);
    QStringList result = m_settings.childGroups();
    m_settings.endGroup();
    std::sort(result.begin(), result.end(), [](const QString &a, const QString &b) {
        const int folded = a.compare(b, Qt::CaseInsensitive);
        return folded != 0 ? folded < 0 : a < b;
    });
    return result;
}

QList<ConnectionProfile> ProfileStore::profiles() const
{
    QList<ConnectionProfile> result;
    for (const QString &name : names()) {
        if (auto profile = find(name))
            result.append(*profile);
    }
    return result;
}

std::optional<ConnectionProfile> ProfileStore::find(const QString &name) const
{
    if (name.isEmpty() || !names().contains(name))
        return std::nullopt;
    ConnectionProfile profile;
    profile.name = name;
    m_settings.beginGroup(groupOf(name));
    profile.baseUrl = QUrl(m_settings.value(key::baseUrl).toString(), QUrl::StrictMode);
    const QString kind = m_settings.value(key::authKind).toString();
    profile.authKind = authKindFromName(kind).value_or(AuthKind::Basic);
    if (!authKindFromName(kind))
        qCWarning(lcStorage) << "profile" << name << "has an unknown auth kind" << kind;
    profile.username = m_settings.value(key::username).toString();
    profile.pinnedCertificateSha256 = m_settings.value(key::pinnedSha256).toString();
    profile.caFile = m_settings.value(key::caFile).toString();
    profile.consumerKey = m_settings.value(key::consumerKey).toString();
    profile.privateKeyFile = m_settings.value(key::privateKeyFile).toString();
    profile.oauth2ClientId = m_settings.value(key::oauth2ClientId).toString();
    profile.timeoutSeconds = m_settings.value(key::timeoutSeconds, 30).toInt();
    m_settings.beginGroup(key::options);
    for (const QString &option : m_settings.childKeys())
        profile.options.insert(option, m_settings.value(option).toString());
    m_settings.endGroup();
    m_settings.endGroup();
    return profile;
}

QStringList ProfileStore::validate(const ConnectionProfile &profile, SaveMode mode) const
{
    QStringList problems;
    const QString &name = profile.name;
    if (name.trimmed().isEmpty())
        problems.append(tr("The profile needs a name."));
    else if (name.trimmed() != name)
        problems.append(tr("The profile name must not start or end with spaces."));
    else if (name.contains(QLatin1Char('/')) || name.contains(QLatin1Char('\\')))
        problems.append(tr("The profile name must not contain / or \\."));
    for (const QString &existing : names()) {
        // Names differing only in case would collide in case-insensitive settings backends.
        const bool same = existing == name;
        if ((same && mode == SaveMode::CreateOnly) ||
            (!same && existing.compare(name, Qt::CaseInsensitive) == 0)) {
            problems.append(tr("A profile named \"%1\" already exists.").arg(existing));
        }
    }

    const QUrl &url = profile.baseUrl;
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        url.host().isEmpty())
        problems.append(tr("The server address must be an http:// or https:// URL."));
    else if (!url.userInfo().isEmpty())
        problems.append(tr("The server address must not contain a user name or password."));
    else if (url.hasQuery() || url.hasFragment())
        problems.append(tr("The server address must not contain a query or fragment."));

    if (profile.timeoutSeconds <= 0)
        problems.append(tr("The timeout must be at least one second."));
    if (!profile.pinnedCertificateSha256.isEmpty() &&
        normalisedSha256(profile.pinnedCertificateSha256).size() != 64)
        problems.append(
            tr("The pinned certificate must be a SHA-256 fingerprint (64 hex digits)."));
    if (profile.authKind == AuthKind::OAuth1 && profile.consumerKey.isEmpty())
        problems.append(tr("OAuth 1.0a needs a consumer key."));
    if (profile.authKind == AuthKind::OAuth2 && profile.oauth2ClientId.isEmpty())
        problems.append(tr("OAuth 2.0 needs a client id."));

    for (auto it = profile.options.cbegin(); it != profile.options.cend(); ++it) {
        if (it.key().isEmpty() || it.key().contains(QLatin1Char('/')) ||
            it.key().contains(QLatin1Char('\\')))
            problems.append(tr("Option names must not be empty or contain / or \\."));
        else if (looksSecret(it.key()))
            problems.append(tr("The option \"%1\" looks like a secret; secrets belong in the "
                               "keychain, not in the profile.")
                                .arg(it.key()));
    }
    return problems;
}

bool ProfileStore::save(const ConnectionProfile &profile, SaveMode mode, QStringList *problems)
{
    QStringList found = validate(profile, mode);
    if (found.isEmpty()) {
        // Replace as a whole, so options removed by the caller do not linger.
        m_settings.remove(groupOf(profile.name));
        m_settings.beginGroup(groupOf(profile.name));
        m_settings.setValue(key::baseUrl, profile.baseUrl.toString(QUrl::FullyEncoded));
        m_settings.setValue(key::authKind, authKindName(profile.authKind));
        m_settings.setValue(key::username, profile.username);
        m_settings.setValue(key::pinnedSha256, normalisedSha256(profile.pinnedCertificateSha256));
        m_settings.setValue(key::caFile, profile.caFile);
        m_settings.setValue(key::consumerKey, profile.consumerKey);
        m_settings.setValue(key::privateKeyFile, profile.privateKeyFile);
        m_settings.setValue(key::oauth2ClientId, profile.oauth2ClientId);
        m_settings.setValue(key::timeoutSeconds, profile.timeoutSeconds);
        for (auto it = profile.options.cbegin(); it != profile.options.cend(); ++it)
            m_settings.setValue(key::options + QLatin1Char('/') + it.key(), it.value());
        m_settings.endGroup();
        if (!sync())
            found.append(tr("The profiles could not be written to %1.").arg(m_settings.fileName()));
    }
    if (problems)
        *problems = found;
    return found.isEmpty();
}

bool ProfileStore::remove(const QString &name)
{
    if (name.isEmpty() || !names().contains(name))
        return false;
    m_settings.remove(groupOf(name));
    return sync();
}

bool ProfileStore::sync()
{
    m_settings.sync();
    if (m_settings.status() == QSettings::NoError)
        return true;
    qCWarning(lcStorage) << "cannot write settings" << m_settings.fileName() << m_settings.status();
    return false;
}

} // namespace accessdesk
