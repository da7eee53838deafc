#pragma once

#include "AccessGrant.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

#include <functional>

namespace accessdesk {

// Every grant of the user as table rows (My access). Display text is for people (local time,
// short dates without seconds); RawValueRole carries what sorting compares, so dates sort by time
// and not by their text.
class AccessGrantModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccessGrantModel)

public:
    enum Column { Application, Kind, Description, Issued, Expires, LastUsed, Scopes, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        RawValueRole = Qt::UserRole + 1, // QDateTime for dates (invalid: none), text otherwise
        GrantIdRole,                     // "<kind>:<id>", unique across kinds
        BadgeRole,                       // QStringList: "expires soon", "expired", "never used"
        KindRole,                        // int(GrantKind)
    };
    Q_ENUM(Role)

    // What a CSV export writes: QDateTime for the date columns (invalid: none), QStringList for
    // the scopes, nothing (the display text) elsewhere. The same number as ui/'s
    // TableExport::ExportRole, which models/ cannot include; ui/ static_asserts that they match.
    static constexpr int ExportRole = Qt::UserRole + 99;

    using Clock = std::function<QDateTime()>;

    // The clock decides the badges; tests inject a fixed one.
    explicit AccessGrantModel(Clock clock = {}, QObject *parent = nullptr);

    void setGrants(QList<AccessGrant> grants);
    const QList<AccessGrant> &grants() const { return m_grants; }
    AccessGrant grantAt(int row) const { return m_grants.value(row); }

    static constexpr int defaultExpiresSoonDays = 5;
    // "expires soon" within expiresSoonDays: the window the expiry announcements use too
    // (Preferences::expiryWarningDays()), so the badge and the banner never disagree.
    static QStringList badgesFor(const AccessGrant &grant, const QDateTime &now,
                                 int expiresSoonDays = defaultExpiresSoonDays);
    void setExpiresSoonDays(int days);
    int expiresSoonDays() const { return m_expiresSoonDays; }
    static QString kindLabel(GrantKind kind); // "OAuth 1.0a", "OAuth 2.0", "Personal token"
    static QString grantId(const AccessGrant &grant);
    // A time as the table shows it: the locale's short date and time, local, without seconds.
    static QString shortDateTime(const QDateTime &when);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QVariant displayText(const AccessGrant &grant, int column) const;
    QVariant rawValue(const AccessGrant &grant, int column) const;
    static QVariant exportValue(const AccessGrant &grant, int column);
    // QDateTime for the date columns (an invalid one for "none"); no value for the others.
    static QVariant dateValue(const AccessGrant &grant, int column);

    Clock m_clock;
    QList<AccessGrant> m_grants;
    int m_expiresSoonDays = defaultExpiresSoonDays;
};

} // namespace accessdesk
