#include "AccessGrantModel.h"

#include "DisplayText.h"

#include <QLocale>
#include <QRegularExpression>

namespace accessdesk {

namespace {

// The locale's short date and time, without seconds: some locales (C among them) put seconds in
// their short time format, which only widens the column.
QString shortFormat(const QLocale &locale)
{
    static const QRegularExpression seconds(QStringLiteral("[:.]ss?(?![a-zA-Z])"));
    QString format = locale.dateTimeFormat(QLocale::ShortFormat);
    format.remove(seconds);
    return format;
}

QString localText(const QDateTime &utc)
{
    return AccessGrantModel::shortDateTime(utc);
}

QVariant optionalDate(const std::optional<QDateTime> &value)
{
    return value ? QVariant(*value) : QVariant(QDateTime());
}

} // namespace

AccessGrantModel::AccessGrantModel(Clock clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentDateTimeUtc(); }))
{}

void AccessGrantModel::setGrants(QList<AccessGrant> grants)
{
    beginResetModel();
    m_grants = std::move(grants);
    endResetModel();
}

void AccessGrantModel::setExpiresSoonDays(int days)
{
    if (days == m_expiresSoonDays)
        return;
    m_expiresSoonDays = days;
    if (!m_grants.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

QStringList AccessGrantModel::badgesFor(const AccessGrant &grant, const QDateTime &now,
                                        int expiresSoonDays)
{
    QStringList badges;
    if (grant.expiresAt && grant.expiresAt->isValid()) {
        if (*grant.expiresAt <= now)
            badges << tr("expired");
        else if (now.secsTo(*grant.expiresAt) <= qint64(expiresSoonDays) * 24 * 3600)
            badges << tr("expires soon");
    }
    // Only a PAT tells when it was last used; for OAuth grants "unknown" is not "never".
    if (grant.kind == GrantKind::PersonalToken && !grant.lastUsedAt)
        badges << tr("never used");
    return badges;
}

QString AccessGrantModel::kindLabel(GrantKind kind)
{
    switch (kind) {
    case GrantKind::OAuth1:
        return tr("OAuth 1.0a");
    case GrantKind::OAuth2:
        return tr("OAuth 2.0");
    case GrantKind::PersonalToken:
        return tr("Personal token");
    }
    return {};
}

QString AccessGrantModel::grantId(const AccessGrant &grant)
{
    return QString(grantKindName(grant.kind) + QLatin1Char(':') + grant.id);
}

QString AccessGrantModel::shortDateTime(const QDateTime &when)
{
    if (!when.isValid())
        return {};
    const QLocale locale;
    return locale.toString(when.toLocalTime(), shortFormat(locale));
}

int AccessGrantModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_grants.size());
}

int AccessGrantModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AccessGrantModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AccessGrant &grant = m_grants.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(grant, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Application && !grant.applicationUrl.isEmpty())
            return displaytext::plainToolTip(grant.applicationUrl);
        // The column may be narrower than a long description.
        if (index.column() == Description && !grant.description.isEmpty())
            return displaytext::plainToolTip(grant.description);
        return {};
    case RawValueRole:
        return rawValue(grant, index.column());
    case GrantIdRole:
        return grantId(grant);
    case BadgeRole:
        return badgesFor(grant, m_clock(), m_expiresSoonDays);
    case KindRole:
        return int(grant.kind);
    case ExportRole:
        return exportValue(grant, index.column());
    default:
        return {};
    }
}

QVariant AccessGrantModel::displayText(const AccessGrant &grant, int column) const
{
    switch (column) {
    case Application:
        return grant.application;
    case Kind:
        return kindLabel(grant.kind);
    case Description:
        return grant.description;
    case Issued:
        return localText(grant.issuedAt);
    case Expires: {
        // A PAT without a date never expires; the access-tokens page simply does not say when an
        // OAuth grant ends, so its cell stays empty rather than claim "never".
        const QString none = grant.kind == GrantKind::PersonalToken ? tr("never") : QString();
        const QString text = grant.expiresAt ? localText(*grant.expiresAt) : none;
        const QStringList badges = badgesFor(grant, m_clock(), m_expiresSoonDays);
        if (badges.contains(tr("expired")))
            return QString(text + QStringLiteral(" (") + tr("expired") + QLatin1Char(')'));
        if (badges.contains(tr("expires soon")))
            return QString(text + QStringLiteral(" (") + tr("expires soon") + QLatin1Char(')'));
        return text;
    }
    case LastUsed:
        if (grant.lastUsedAt)
            return localText(*grant.lastUsedAt);
        return grant.kind == GrantKind::PersonalToken ? tr("never used") : QString();
    case Scopes:
        return grant.scopes.join(QStringLiteral(", "));
    default:
        return {};
    }
}

QVariant AccessGrantModel::rawValue(const AccessGrant &grant, int column) const
{
    const QVariant date = dateValue(grant, column);
    return date.isValid() ? date : QVariant(displayText(grant, column));
}

QVariant AccessGrantModel::exportValue(const AccessGrant &grant, int column)
{
    if (column == Scopes)
        return grant.scopes;
    return dateValue(grant, column);
}

QVariant AccessGrantModel::dateValue(const AccessGrant &grant, int column)
{
    switch (column) {
    case Issued:
        return grant.issuedAt;
    case Expires:
        return optionalDate(grant.expiresAt);
    case LastUsed:
        return optionalDate(grant.lastUsedAt);
    default:
        return {}; // not a date column
    }
}

QVariant AccessGrantModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Application:
        return tr("Application");
    case Kind:
        return tr("Kind");
    case Description:
        return tr("Description");
    case Issued:
        return tr("Issued");
    case Expires:
        return tr("Expires");
    case LastUsed:
        return tr("Last used");
    case Scopes:
        return tr("Scopes");
    default:
        return {};
    }
}

QHash<int, QByteArray> AccessGrantModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(RawValueRole, QByteArrayLiteral("rawValue"));
    names.insert(GrantIdRole, QByteArrayLiteral("grantId"));
    names.insert(BadgeRole, QByteArrayLiteral("badges"));
    names.insert(KindRole, QByteArrayLiteral("kind"));
    names.insert(ExportRole, QByteArrayLiteral("exportValue"));
    return names;
}

} // namespace accessdesk
