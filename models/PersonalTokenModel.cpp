#include "PersonalTokenModel.h"

#include "AccessGrantModel.h"
#include "DisplayText.h"
#include "JiraDateTime.h"

#include <QLocale>

#include <algorithm>
#include <iterator>
#include <memory>
#include <numeric>

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

PersonalTokenModel::Order compareTimes(qint64 left, qint64 right, qint64 none)
{
    if (left != none && right != none)
        return orderOf(left, right);
    if (left != right)
        return left != none ? PersonalTokenModel::Order::MissingRight
                            : PersonalTokenModel::Order::MissingLeft;
    return PersonalTokenModel::Order::Same;
}

qint64 timeKey(const std::optional<QDateTime> &when, qint64 none)
{
    return when && when->isValid() ? when->toMSecsSinceEpoch() : none;
}

} // namespace

PersonalTokenModel::PersonalTokenModel(Clock clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentDateTimeUtc(); }))
{
    m_collator.setNumericMode(true);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
}

PersonalTokenModel::RowPtr PersonalTokenModel::makeRow(const PersonalToken &token) const
{
    const QString owner = ownerText(token);
    const std::optional<QDateTime> expires = expiryOf(token);
    // Folded first: without ICU (the C locale) a sort key would tell upper from lower case.
    return std::make_unique<Row>(Row{token, owner, m_collator.sortKey(token.name.toCaseFolded()),
                                     m_collator.sortKey(owner.toCaseFolded()), expires,
                                     timeKey(token.createdAt, kNoTime), timeKey(expires, kNoTime),
                                     timeKey(token.lastUsedAt, kNoTime)});
}

void PersonalTokenModel::appendTokens(const QList<PersonalToken> &tokens)
{
    Rows fresh;
    fresh.reserve(size_t(tokens.size()));
    QSet<qint64> added;
    for (const PersonalToken &token : tokens) {
        if (m_rowById.contains(token.id) || added.contains(token.id))
            continue;
        added.insert(token.id);
        fresh.push_back(makeRow(token));
    }
    if (fresh.empty())
        return;
    const auto above = [this](const RowPtr &a, const RowPtr &b) { return sortsBefore(*a, *b); };
    const int count = int(fresh.size());
    const int old = int(m_rows.size());
    int gap = old; // where the page goes when all of it goes between the same two rows
    bool oneGap = true;
    if (m_sortColumn >= 0) {
        // Ids differ, so no two rows compare equal and the order is the same whatever order
        // the server sent them in.
        std::sort(fresh.begin(), fresh.end(), above);
        gap = int(std::upper_bound(m_rows.begin(), m_rows.end(), fresh.front(), above) -
                  m_rows.begin());
        oneGap = gap == old || !sortsBefore(*m_rows[size_t(gap)], *fresh.back());
    }
    for (int i = 0; i < count; ++i) // row numbers only a hint (see m_rowById)
        m_rowById.insert(fresh[size_t(i)]->token.id, gap + i);
    if (oneGap) {
        // One insertion where the page belongs and no layout change: the first page, and pages
        // that arrive in the list's order (the server pages by creation time, but breaks ties
        // its own way, so with equal times a page usually still needs the merge below).
        beginInsertRows({}, gap, gap + count - 1);
        m_rows.insert(m_rows.begin() + gap, std::make_move_iterator(fresh.begin()),
                      std::make_move_iterator(fresh.end()));
        endInsertRows();
        return;
    }
    // The page's rows go between rows already there: in below them first (one rowsInserted,
    // cheap for the proxy and the view), then one linear merge of the two sorted runs as a
    // layout change — not a sort of the whole list. Rows are held by pointer, so the merge
    // moves 100,000 pointers, not 100,000 rows (QCollatorSortKey has no move constructor:
    // moving rows copied their sort keys, 50 ms a page).
    beginInsertRows({}, old, old + count - 1);
    m_rows.insert(m_rows.end(), std::make_move_iterator(fresh.begin()),
                  std::make_move_iterator(fresh.end()));
    endInsertRows();

    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    // Where each new row goes among the old ones: a binary search each (1,000 × 17 comparisons
    // rather than one per old row), then the pointers moved in one pass.
    const int total = old + count;
    QList<int> newRowOf(total);
    Rows merged;
    merged.reserve(size_t(total));
    int taken = 0; // old rows moved so far
    for (int k = 0; k < count; ++k) {
        const RowPtr &row = m_rows[size_t(old + k)];
        const int before =
            int(std::upper_bound(m_rows.begin() + taken, m_rows.begin() + old, row, above) -
                m_rows.begin());
        for (; taken < before; ++taken) {
            newRowOf[taken] = int(merged.size());
            merged.push_back(std::move(m_rows[size_t(taken)]));
        }
        newRowOf[old + k] = int(merged.size());
        merged.push_back(std::move(m_rows[size_t(old + k)]));
    }
    for (; taken < old; ++taken) {
        newRowOf[taken] = int(merged.size());
        merged.push_back(std::move(m_rows[size_t(taken)]));
    }
    finishLayoutChange(std::move(merged), newRowOf);
}

void PersonalTokenModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount) {
        m_sortColumn = -1;
        return;
    }
    if (column == m_sortColumn && order == m_sortOrder)
        return; // kept sorted all along
    m_sortColumn = column;
    m_sortOrder = order;
    if (m_rows.size() < 2)
        return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const int count = int(m_rows.size());
    QList<int> byOrder(count);
    std::iota(byOrder.begin(), byOrder.end(), 0);
    std::sort(byOrder.begin(), byOrder.end(),
              [this](int a, int b) { return sortsBefore(*m_rows[size_t(a)], *m_rows[size_t(b)]); });
    Rows sorted;
    sorted.reserve(size_t(count));
    QList<int> newRowOf(count);
    for (int row = 0; row < count; ++row) {
        newRowOf[byOrder.at(row)] = row;
        sorted.push_back(std::move(m_rows[size_t(byOrder.at(row))]));
    }
    finishLayoutChange(std::move(sorted), newRowOf);
}

void PersonalTokenModel::finishLayoutChange(Rows &&rows, const QList<int> &newRowOf)
{
    m_rows = std::move(rows);
    const QModelIndexList from = persistentIndexList();
    QModelIndexList to;
    to.reserve(from.size());
    for (const QModelIndex &index : from)
        to.append(createIndex(newRowOf.at(index.row()), index.column()));
    changePersistentIndexList(from, to);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

bool PersonalTokenModel::sortsBefore(const Row &a, const Row &b) const
{
    switch (compareRows(a, b, m_sortColumn)) {
    case Order::Less:
        return m_sortOrder == Qt::AscendingOrder;
    case Order::Greater:
        return m_sortOrder == Qt::DescendingOrder;
    // "Never" after every real time in both orders, as blanks in a spreadsheet.
    case Order::MissingRight:
        return true;
    case Order::MissingLeft:
    case Order::Same:
        return false;
    }
    return false;
}

void PersonalTokenModel::clear()
{
    if (m_rows.empty())
        return;
    beginResetModel();
    m_rows.clear();
    m_rowById.clear();
    endResetModel();
}

void PersonalTokenModel::removeTokens(const QSet<qint64> &ids)
{
    QList<int> rows; // ascending
    for (int row = 0; row < int(m_rows.size()); ++row) {
        if (ids.contains(rowAt(row).token.id))
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
        std::erase_if(m_rows, [&ids](const RowPtr &row) { return ids.contains(row->token.id); });
        reindex();
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
            m_rowById.remove(rowAt(row).token.id);
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
        endRemoveRows();
    }
}

void PersonalTokenModel::reindex() const
{
    m_rowById.clear();
    m_rowById.reserve(qsizetype(m_rows.size()));
    for (int row = 0; row < int(m_rows.size()); ++row)
        m_rowById.insert(rowAt(row).token.id, row);
}

int PersonalTokenModel::rowOfToken(qint64 id) const
{
    const auto found = m_rowById.constFind(id);
    if (found == m_rowById.cend())
        return -1;
    // The rows a merge or a removal moved keep their old numbers here until someone asks.
    if (*found >= int(m_rows.size()) || rowAt(*found).token.id != id)
        reindex();
    return m_rowById.value(id, -1);
}

QList<PersonalToken> PersonalTokenModel::tokens() const
{
    QList<PersonalToken> all;
    all.reserve(qsizetype(m_rows.size()));
    for (const RowPtr &row : m_rows)
        all.append(row->token);
    return all;
}

PersonalTokenModel::Order PersonalTokenModel::compareRows(const Row &a, const Row &b, int column)
{
    Order order = Order::Same;
    switch (column) {
    case Name:
        order = orderOf(a.nameKey.compare(b.nameKey), 0);
        break;
    case Owner:
        order = orderOf(a.ownerKey.compare(b.ownerKey), 0);
        break;
    case Created:
        order = compareTimes(a.createdKey, b.createdKey, kNoTime);
        break;
    case Expires:
        order = compareTimes(a.expiresKey, b.expiresKey, kNoTime);
        break;
    case LastUsed:
        order = compareTimes(a.lastUsedKey, b.lastUsedKey, kNoTime);
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
    const Row &r = rowAt(row);
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
    const Row &row = rowAt(index.row());
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
