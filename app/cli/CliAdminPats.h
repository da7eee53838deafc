#pragma once

#include "cli/CliCommandGroup.h"
#include "services/TokenSweep.h"

#include <functional>

namespace accessdesk {
class StaleTokenRule;
class TokenInventorySearch;
struct TokenInventoryQuery;
} // namespace accessdesk

namespace accessdesk::cli {

// admin-pats search | revoke | sweep: every user's personal access tokens, for Jira system
// administrators (README "admin-pats"). The services do the work — TokenInventorySearch,
// StaleTokenRule, TokenSweep, TokenSweepReceipt — as they do for the app's Administration page.
class CliAdminPats final : public CliCommandGroup
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliAdminPats)

public:
    using CliCommandGroup::CliCommandGroup;

    bool run(const QString &sub, const QStringList &args) override;

private:
    void revokeIds(const QList<qint64> &ids);
    void sweep(const TokenInventoryQuery &query, const StaleTokenRule &rule);
    bool checkReceiptPath();
    void list(const TokenInventoryQuery &query);
    void collect(const TokenInventoryQuery &query,
                 std::function<bool(const TokenInventorySearch &)> enough,
                 std::function<void(QList<PersonalToken>)> then);
    void failSearch(const TokenInventorySearch &search);
    void revoke(QList<PersonalToken> tokens, const QString &question);
    void report(const QList<TokenSweep::Item> &items, const ApiError &verifyError);
};

} // namespace accessdesk::cli
