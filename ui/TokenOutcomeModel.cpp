#include "TokenOutcomeModel.h"

#include "DisplayText.h"
#include "PersonalTokenModel.h"

namespace accessdesk {

namespace {

// Sorting by outcome puts what needs attention first.
int rank(TokenSweep::Outcome outcome)
{
    switch (outcome) {
    case TokenSweep::Outcome::NotRevoked:
        return 0;
    case TokenSweep::Outcome::Failed:
        return 1;
    case TokenSweep::Outcome::Unknown:
        return 2;
    case TokenSweep::Outcome::NotAttempted:
        return 3;
    case TokenSweep::Outcome::Revoked:
        return 4;
    }
    return 5;
}

} // namespace

void TokenOutcomeModel::setItems(QList<TokenSweep::Item> items)
{
    beginResetModel();
    m_items = std::move(items);
    endResetModel();
}

QString TokenOutcomeModel::outcomeText(TokenSweep::Outcome outcome)
{
    switch (outcome) {
    case TokenSweep::Outcome::Revoked:
        return tr("revoked");
    case TokenSweep::Outcome::NotRevoked:
        return tr("not revoked");
    case TokenSweep::Outcome::Failed:
        return tr("failed");
    case TokenSweep::Outcome::Unknown:
        return tr("unknown");
    case TokenSweep::Outcome::NotAttempted:
        return tr("not attempted");
    }
    return {};
}

int TokenOutcomeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int TokenOutcomeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TokenOutcomeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TokenSweep::Item &item = m_items.at(index.row());
    if (role == RawValueRole && index.column() == Outcome)
        return rank(item.outcome);
    if (role == Qt::ToolTipRole && index.column() == Reason)
        return displaytext::plainToolTip(item.reason); // the column may be narrower
    if (role != Qt::DisplayRole && role != RawValueRole)
        return {};
    switch (index.column()) {
    case Name:
        return item.token.name;
    case Owner:
        return PersonalTokenModel::ownerText(item.token);
    case Outcome:
        return outcomeText(item.outcome);
    case Reason:
        return item.reason;
    default:
        return {};
    }
}

QVariant TokenOutcomeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: // the same words as in the list the tokens came from
        return PersonalTokenModel::columnTitle(PersonalTokenModel::Name);
    case Owner:
        return PersonalTokenModel::columnTitle(PersonalTokenModel::Owner);
    case Outcome:
        return tr("Outcome");
    case Reason:
        return tr("Why");
    default:
        return {};
    }
}

} // namespace accessdesk
