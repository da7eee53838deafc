#include "PersonalTokenModel.h"

#include "AccessGrantModel.h"
#include "DisplayText.h"
#include "JiraDateTime.h"

#include <QLocale>

namespace accessdesk {

namespace {

// Past this many runs of adjacent rows, removing them one by one (each costs the proxy and the
// view a pass over every row) is slower than rebuilding the table once.
constexpr int kMaxRemovedRuns = 64;

QString longLocal(const QDateTime &when)
{
    return QLocale().toString(when.toLocalTime(), QLocale::LongFormat);
}

template<typename T> PersonalTokenModel::Order orderOf(const T &left, const T &right)
{
    if (left < right)
        return PersonalTokenModel::Order::Less;
    if (right < left)
        return PersonalTokenModel::Order::Greater;
    return PersonalTokenModel::Order::Same;
}

PersonalTokenModel::Order compareTimes(const std::optional<QDateTime> &left,
                                       const std::optional<QDateTime> &right)
{
    const bool hasLeft = left && left->isValid();
    const bool hasRight = right && right->isValid();
    if (hasLeft && hasRight)
        return orderOf(*left, *right);
    if (hasLeft != hasRight)
        return hasLeft ? PersonalTokenModel::Order::MissingRight
                       : PersonalTokenModel::Order::MissingLeft;
    return PersonalTokenModel::Order::Same;
}

} // namespace

PersonalTokenModel::PersonalTokenModel(Clock clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentDateTimeUtc(); }))
{
    m_collator.setNumericMode(true);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
}

PersonalTokenModel::Row PersonalTokenModel::makeRow(const PersonalToken &token) const
{
    const QString owner = ownerText(token);
    // Folded first: without ICU (the C locale) a sort key would tell upper from lower case.
    return Row{token, owner, m_collator.sortKey(token.name.toCaseFolded()),
               m_collator.sortKey(owner.toCaseFolded()), expiryOf(token)};
}

void PersonalTokenModel::appendTokens(const QList<PersonalToken> &tokens)
{
    QList<Row> fresh;
    fresh.reserve(tokens.size());
    QSet<qint64> added;
    for (const PersonalToken &token : tokens) {
        if (m_rowById.contains(token.id) || added.contains(token.id))
            continue;
        added.insert(token.id);
        fresh.append(makeRow(token));
    }
    if (fresh.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    m_rows.append(std::move(fresh));
    reindex(first);
    endInsertRows();
}

void PersonalTokenModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    m_rowById.clear();
    endResetModel();
}

void PersonalTokenModel::removeTokens(const QSet<qint64> &ids)
{
    QList<int> rows; // ascending
    for (int row = 0; row < m_rows.size(); ++row) {
        if (ids.contains(m_rows.at(row).token.id))
            rows.append(row);
    }
    if (rows.isEmpty())
        return;
    int runs = 1;
    for (int i = 1; i < rows.size(); ++i) {
        if (rows.at(i) != rows.at(i - 1) + 1)
            ++runs;
    }
    if (runs > kMaxRemovedRuns) {
        beginResetModel();
        m_rows.removeIf([&ids](const Row &row) { return ids.contains(row.token.id); });
        m_rowById.clear();
        reindex(0);
        endResetModel();
        return;
    }
    // From the bottom up, so the rows still to remove keep their numbers.
    for (qsizetype i = rows.size() - 1; i >= 0;) {
        const int last = rows.at(i);
        int first = last;
        while (--i >= 0 && rows.at(i) == first - 1)
            first = rows.at(i);
        beginRemoveRows({}, first, last);
        for (int row = first; row <= last; ++row)
            m_rowById.remove(m_rows.at(row).token.id);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
    }
    reindex(rows.first());
}

void PersonalTokenModel::reindex(int from)
{
    for (int row = from; row < m_rows.size(); ++row)
        m_rowById.insert(m_rows.at(row).token.id, row);
}

QList<PersonalToken> PersonalTokenModel::tokens() const
{
    QList<PersonalToken> all;
    all.reserve(m_rows.size());
    for (const Row &row : m_rows)
        all.append(row.token);
    return all;
}

PersonalTokenModel::Order PersonalTokenModel::compare(int left, int right, int column) const
{
    const Row &a = m_rows.at(left);
    const Row &b = m_rows.at(right);
    Order order = Order::Same;
    switch (column) {
    case Name:
        order = orderOf(a.nameKey.compare(b.nameKey), 0);
        break;
    case Owner:
        order = orderOf(a.ownerKey.compare(b.ownerKey), 0);
        break;
    case Created:
        order = compareTimes(a.token.createdAt, b.token.createdAt);
        break;
    case Expires:
        order = compareTimes(a.expires, b.expires);
        break;
    case LastUsed:
        order = compareTimes(a.token.lastUsedAt, b.token.lastUsedAt);
        break;
    default:
        break;
    }
    if (order == Order::Same && column != Name) // one owner's tokens, say, by name
        order = orderOf(a.nameKey.compare(b.nameKey), 0);
    return order == Order::Same ? orderOf(a.token.id, b.token.id) : order;
}

bool PersonalTokenModel::matchesText(int row, QStringView text) const
{
    const Row &r = m_rows.at(row);
    const auto has = [text](const QString &value) {
        return value.contains(text, Qt::CaseInsensitive);
    };
    return has(r.token.name) || has(r.owner) ||
           (r.token.owner && (has(r.token.owner->username) || has(r.token.owner->email)));
}

QString PersonalTokenModel::ownerText(const PersonalToken &token)
{
    if (!token.owner)
        return {};
    if (token.owner->fullName.isEmpty() || token.owner->fullName == token.owner->username)
        return token.owner->username;
    return tr("%1 (%2)").arg(token.owner->fullName, token.owner->username);
}

std::optional<QDateTime> PersonalTokenModel::expiryOf(const PersonalToken &token)
{
    if (!token.expiresAt || !token.expiresAt->isValid() ||
        jiradate::isNeverSentinel(*token.expiresAt))
        return std::nullopt;
    return token.expiresAt;
}

QString PersonalTokenModel::details(const PersonalToken &token)
{
    QStringList lines{token.name, tr("Token ID: %1").arg(token.id)};
    if (token.owner) {
        lines << tr("Owner: %1").arg(ownerText(token));
        if (!token.owner->email.isEmpty())
            lines << tr("E-mail: %1").arg(token.owner->email);
    }
    lines << tr("Created: %1")
                 .arg(token.createdAt.isValid() ? longLocal(token.createdAt) : tr("unknown"));
    const auto expiry = expiryOf(token);
    lines << (expiry ? tr("Expires: %1").arg(longLocal(*expiry)) : tr("Expires: never"));
    lines << (token.lastUsedAt ? tr("Last used: %1").arg(longLocal(*token.lastUsedAt))
                               : tr("Last used: never"));
    lines << QString()
          << tr("If you revoke it, scripts and tools that use this token are refused by Jira "
                "from then on.");
    return lines.join(QLatin1Char('\n'));
}

int PersonalTokenModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PersonalTokenModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PersonalTokenModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Owner && row.token.owner && !row.token.owner->email.isEmpty())
            return displaytext::plainToolTip(row.token.owner->email);
        return {};
    case RawValueRole: {
        const QVariant date = dateValue(row, index.column());
        return date.isValid() ? date : displayText(row, index.column());
    }
    case TokenIdRole:
        return row.token.id;
    case ExportRole:
        return dateValue(row, index.column());
    default:
        return {};
    }
}

QVariant PersonalTokenModel::displayText(const Row &row, int column) const
{
    switch (column) {
    case Name:
        return row.token.name;
    case Owner:
        return row.owner;
    case Created:
        return row.token.createdAt.isValid() ? AccessGrantModel::shortDateTime(row.token.createdAt)
                                             : tr("unknown");
    case Expires:
        if (!row.expires)
            return tr("never");
        if (*row.expires <= m_clock())
            return tr("%1 (expired)").arg(AccessGrantModel::shortDateTime(*row.expires));
        return AccessGrantModel::shortDateTime(*row.expires);
    case LastUsed:
        return row.token.lastUsedAt ? AccessGrantModel::shortDateTime(*row.token.lastUsedAt)
                                    : tr("never");
    default:
        return {};
    }
}

QVariant PersonalTokenModel::dateValue(const Row &row, int column)
{
    switch (column) {
    case Created:
        return row.token.createdAt;
    case Expires:
        return row.expires.value_or(QDateTime());
    case LastUsed:
        return row.token.lastUsedAt.value_or(QDateTime());
    default:
        return {}; // not a date column
    }
}

QVariant PersonalTokenModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    const QString title = columnTitle(section);
    return title.isEmpty() ? QVariant() : QVariant(title);
}

QString PersonalTokenModel::columnTitle(int column)
{
    switch (column) {
    case Name:
        return tr("Token");
    case Owner:
        return tr("Owner");
    case Created:
        return tr("Created");
    case Expires:
        return tr("Expires");
    case LastUsed:
        return tr("Last used");
    default:
        return {};
    }
}

QHash<int, QByteArray> PersonalTokenModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(RawValueRole, QByteArrayLiteral("rawValue"));
    names.insert(TokenIdRole, QByteArrayLiteral("tokenId"));
    names.insert(ExportRole, QByteArrayLiteral("exportValue"));
    return names;
}

} // namespace accessdesk
