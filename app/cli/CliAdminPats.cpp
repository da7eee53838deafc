#include "cli/CliAdminPats.h"

#include "DisplayText.h"
#include "cli/CliApp.h"

#include "api/ServerConnection.h"
#include "cli/AdminPatsOutput.h"
#include "services/AdminTokenErrors.h"
#include "services/AdminTokenRevoker.h"
#include "services/StaleTokenRule.h"
#include "services/TokenInventorySearch.h"
#include "services/TokenSweep.h"
#include "services/TokenSweepReceipt.h"
#include "storage/ActivityLog.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

namespace accessdesk::cli {

namespace {

constexpr int kNamedInConfirmation = 5; // a sweep's confirmation names this many tokens

QString consequence(qsizetype count)
{
    return count == 1
               ? QCoreApplication::translate(
                     "accessdesk::cli::CliAdminPats",
                     "Scripts and tools that use it will be refused by Jira from then on.")
               : QCoreApplication::translate(
                     "accessdesk::cli::CliAdminPats",
                     "Scripts and tools that use them will be refused by Jira from then on.");
}

// Why a token was not revoked, as an error: its request's, else the verification's, else the
// server's plain refusal to let go of it (accepted, yet still listed).
ApiError causeOf(const TokenSweep::Item &item, const ApiError &verifyError)
{
    if (item.requestError.isError())
        return item.requestError;
    if (verifyError.isError())
        return verifyError;
    return ApiError(ApiError::Kind::Server, 0, item.reason);
}

} // namespace

bool CliAdminPats::run(const QString &sub, const QStringList &args)
{
    const CliAdminOptions &o = app().options().admin;
    QList<StaleTokenRule> rules;
    if (o.neverUsed)
        rules.append(StaleTokenRule::neverUsed());
    if (o.unusedDays)
        rules.append(StaleTokenRule::unusedForDays(*o.unusedDays));
    if (o.expired)
        rules.append(StaleTokenRule::expired());
    if (o.expiringDays)
        rules.append(StaleTokenRule::expiringWithinDays(*o.expiringDays));

    // One moment for the whole command: the server-side filters and the client's check agree.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    TokenInventoryQuery query;
    query.owner = o.owner;
    query.filter.nameContains = o.tokenName.trimmed();
    for (const StaleTokenRule &rule : std::as_const(rules))
        rule.narrow(query.filter, now);
    if (!rules.isEmpty()) {
        query.accept = [rules, now](const PersonalToken &token) {
            return std::all_of(rules.cbegin(), rules.cend(), [&](const StaleTokenRule &rule) {
                return rule.matches(token, now);
            });
        };
    }

    if (sub == QLatin1String("search") && args.isEmpty()) {
        if (o.dryRun || !o.receiptFile.isEmpty()) {
            app().failWith(Usage, tr("--dry-run and --receipt belong to admin-pats sweep"));
            return true;
        }
        app().connectThen([this, query] { list(query); });
    } else if (sub == QLatin1String("revoke") && !args.isEmpty()) {
        if (!rules.isEmpty() || !o.owner.isEmpty() || !o.tokenName.isEmpty() || o.dryRun) {
            app().failWith(Usage, tr("admin-pats revoke takes token ids only (to revoke by "
                                     "a rule, use admin-pats sweep)"));
            return true;
        }
        QList<qint64> ids;
        for (const QString &arg : args) {
            bool numeric = false;
            const qint64 id = QString(arg).remove(QStringLiteral("pat:")).toLongLong(&numeric);
            if (!numeric || id <= 0) {
                app().failWith(Usage, tr("\"%1\" is not a personal access token id (see: "
                                         "admin-pats search)")
                                          .arg(arg));
                return true;
            }
            if (!ids.contains(id))
                ids.append(id);
        }
        revokeIds(ids);
    } else if (sub == QLatin1String("sweep") && args.isEmpty()) {
        if (rules.size() != 1) {
            app().failWith(Usage, tr("admin-pats sweep takes exactly one rule: --never-used, "
                                     "--expired, --unused-days N or --expiring-days N"));
            return true;
        }
        if (o.dryRun && !o.receiptFile.isEmpty()) {
            app().failWith(Usage, tr("--dry-run changes nothing, so it has no receipt"));
            return true;
        }
        sweep(query, rules.first());
    } else {
        return false;
    }
    return true;
}

void CliAdminPats::revokeIds(const QList<qint64> &ids)
{
    if (!checkReceiptPath())
        return;
    const QSet<qint64> wanted(ids.cbegin(), ids.cend());
    TokenInventoryQuery query;
    query.accept = [wanted](const PersonalToken &token) { return wanted.contains(token.id); };
    // The server cannot search by id: list until every id has turned up.
    const auto enough = [wanted](const TokenInventorySearch &search) {
        return search.matchedCount() == wanted.size();
    };
    app().connectThen([this, query, enough, ids] {
        collect(query, enough, [this, ids](QList<PersonalToken> found) {
            QList<PersonalToken> ordered;
            QStringList unknown;
            for (qint64 id : ids) {
                const auto it =
                    std::find_if(found.cbegin(), found.cend(),
                                 [id](const PersonalToken &token) { return token.id == id; });
                if (it == found.cend())
                    unknown.append(QString::number(id));
                else
                    ordered.append(*it);
            }
            if (!unknown.isEmpty()) {
                app().failWith(Usage, tr("no personal access token has the id %1 (see: "
                                         "admin-pats search)")
                                          .arg(unknown.join(QStringLiteral(", "))));
                return;
            }
            const QString question =
                (ordered.size() == 1 ? tr("Revoke this personal access token?")
                                     : tr("Revoke these %n personal access tokens?", nullptr,
                                          int(ordered.size()))) +
                QLatin1Char('\n') + adminTokenLines(ordered, int(ordered.size())) +
                QLatin1Char('\n') + consequence(ordered.size());
            revoke(std::move(ordered), question);
        });
    });
}

void CliAdminPats::sweep(const TokenInventoryQuery &query, const StaleTokenRule &rule)
{
    if (!app().options().admin.dryRun && !checkReceiptPath())
        return;
    app().connectThen([this, query, rule] {
        if (app().options().admin.dryRun) {
            list(query); // the search's shape; nothing is recorded or changed
            return;
        }
        collect(query, {}, [this, rule](QList<PersonalToken> tokens) {
            if (tokens.isEmpty()) {
                report(QList<TokenSweep::Item>(), ApiError());
                return;
            }
            const QString question =
                //: %1 is the rule, e.g. "never used"
                tr("Revoke %n personal access token(s) that are %1?", nullptr, int(tokens.size()))
                    .arg(rule.description()) +
                QLatin1Char('\n') + adminTokenLines(tokens, kNamedInConfirmation) +
                QLatin1Char('\n') + consequence(tokens.size());
            revoke(std::move(tokens), question);
        });
    });
}

bool CliAdminPats::checkReceiptPath()
{
    const QString &path = app().options().admin.receiptFile;
    if (path.isEmpty())
        return true;
    const QString problem =
        TokenSweepReceipt::checkPath(path, TokenSweepReceipt::Existing::ReplaceRegularFile);
    if (problem.isEmpty())
        return true;
    app().failWith(Usage, tr("the receipt cannot be written: %1").arg(problem));
    return false;
}

void CliAdminPats::list(const TokenInventoryQuery &query)
{
    auto *search = new TokenInventorySearch(app().connection(), query, this);
    auto printer = std::make_shared<TokenListPrinter>(app().out(), app().options().format);
    // A streaming table shows progress itself; the kept formats say how far the search is.
    auto progress = std::make_shared<ProgressLine>(app().err());
    const bool showProgress = app().options().format != OutputFormat::Table;
    connect(search, &TokenInventorySearch::pageReady, this,
            [search, printer, progress, showProgress](const QList<PersonalToken> &tokens) {
                printer->add(tokens);
                if (showProgress)
                    progress->show(QStringLiteral("searching… page %1 of %2")
                                       .arg(search->pagesRead())
                                       .arg(search->totalPages()));
            });
    connect(search, &TokenInventorySearch::finished, this, [this, search, printer, progress] {
        search->deleteLater();
        progress->clear();
        if (search->outcome() != TokenInventorySearch::Outcome::Completed) {
            failSearch(*search);
            return;
        }
        printer->finish();
        app().finish(Success);
    });
    search->start();
}

void CliAdminPats::collect(const TokenInventoryQuery &query,
                           std::function<bool(const TokenInventorySearch &)> enough,
                           std::function<void(QList<PersonalToken>)> then)
{
    auto *search = new TokenInventorySearch(app().connection(), query, this);
    auto found = std::make_shared<QList<PersonalToken>>();
    auto progress = std::make_shared<ProgressLine>(app().err());
    connect(search, &TokenInventorySearch::pageReady, this,
            [search, found, progress, enough](const QList<PersonalToken> &tokens) {
                found->append(tokens);
                progress->show(QStringLiteral("searching… page %1 of %2, %3 token(s) match")
                                   .arg(search->pagesRead())
                                   .arg(search->totalPages())
                                   .arg(found->size()));
                if (enough && enough(*search))
                    search->cancel(); // all there is to find was found
            });
    connect(search, &TokenInventorySearch::finished, this,
            [this, search, found, progress, enough, then] {
                search->deleteLater();
                progress->clear();
                const auto outcome = search->outcome();
                if (outcome == TokenInventorySearch::Outcome::Completed ||
                    (outcome == TokenInventorySearch::Outcome::Cancelled && enough &&
                     enough(*search))) {
                    then(std::move(*found));
                    return;
                }
                failSearch(*search);
            });
    search->start();
}

void CliAdminPats::failSearch(const TokenInventorySearch &search)
{
    const QString owner = app().options().admin.owner.trimmed();
    switch (search.outcome()) {
    case TokenInventorySearch::Outcome::NoSuchOwner:
        app().failWith(Usage, tr("no user matches \"%1\"").arg(owner));
        return;
    case TokenInventorySearch::Outcome::TooManyOwners:
        app().failWith(Usage, tr("more than %1 users match \"%2\"; give more of the name")
                                  .arg(TokenInventorySearch::kMaxOwners)
                                  .arg(owner));
        return;
    default:
        break;
    }
    const ApiError &error = search.error();
    if (AdminTokenErrors::isPermissionRefusal(error)) {
        QString message = tr("only Jira system administrators can search and revoke "
                             "other users' personal access tokens (on Jira Data "
                             "Center)");
        if (!error.serverMessage().isEmpty())
            message += QStringLiteral("; the server said: ") + error.serverMessage();
        app().failWith(AuthRefused, message);
        return;
    }
    // A refused certificate is named as every command names it (CliApp::withCertificate).
    const QString why = error.kind() == ApiError::Kind::Tls ? app().withCertificate(error)
                                                            : AdminTokenErrors::describe(error);
    if (search.failedPage() > 0) {
        app().failWith(exitCodeFor(error),
                       tr("page %1 of the token search failed, after %n token(s): %2", nullptr,
                          int(search.listedCount()))
                           .arg(QString::number(search.failedPage() + 1), why));
        return;
    }
    app().failWith(exitCodeFor(error), why);
}

void CliAdminPats::revoke(QList<PersonalToken> tokens, const QString &question)
{
    if (!app().confirmRevoke(question))
        return;
    ActivityLog *log = app().activityLog();
    if (!log)
        return;
    auto *sweep = new TokenSweep(app().connection(), std::move(tokens), log, app().who(), this);
    auto progress = std::make_shared<ProgressLine>(app().err());
    connect(sweep, &TokenSweep::progress, this, [progress](int done, int total) {
        progress->show(tr("revoking… %1 of %n token(s)", nullptr, total).arg(done));
    });
    connect(sweep, &TokenSweep::verifying, this,
            [progress] { progress->show(tr("checking which tokens the server still lists…")); });
    connect(sweep, &TokenSweep::finished, this, [this, sweep, progress] {
        sweep->deleteLater();
        progress->clear();
        report(sweep->items(), sweep->verifyError());
    });
    sweep->start();
}

void CliAdminPats::report(const QList<TokenSweep::Item> &items, const ApiError &verifyError)
{
    // Only what the chosen format needs is built: a sweep may hold many thousands of tokens.
    CommandOutput output;
    output.columns = {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("owner"),
                      QStringLiteral("outcome"), QStringLiteral("error")};
    output.emptyMessage = tr("No personal access token matches: nothing to revoke.");
    QJsonArray array;
    int revoked = 0;
    for (const TokenSweep::Item &item : items) {
        const QString key = TokenSweep::outcomeKey(item.outcome);
        if (app().options().format == OutputFormat::Table) {
            output.rows.append({QString::number(item.token.id), item.token.name,
                                item.token.owner ? item.token.owner->username : QStringLiteral("-"),
                                key, item.reason});
        } else if (app().options().format == OutputFormat::Json) {
            QJsonObject object = adminTokenJson(item.token);
            object.insert(QStringLiteral("outcome"), key);
            object.insert(QStringLiteral("error"), item.reason.isEmpty()
                                                       ? QJsonValue(QJsonValue::Null)
                                                       : QJsonValue(item.reason));
            array.append(object);
        }
        if (item.outcome == TokenSweep::Outcome::Revoked)
            ++revoked;
        else // key: the outcome's name in the receipt and JSON, which scripts match on
            app().err() << "accessdesk-cli: " << key << ": "
                        << displaytext::withoutControls(AdminTokenRevoker::describe(item.token))
                        << ": " << displaytext::withoutControls(item.reason) << '\n';
    }
    const QString &receipt = app().options().admin.receiptFile;
    const QByteArray receiptCsv = app().options().format == OutputFormat::Csv || !receipt.isEmpty()
                                      ? TokenSweepReceipt::csv(items)
                                      : QByteArray();
    if (app().options().format == OutputFormat::Csv) {
        writeStdout(app().out(), terminalCsv(receiptCsv).toUtf8());
    } else {
        output.json = QJsonDocument(array);
        app().print(output);
    }

    QStringList others;
    for (const auto outcome : {TokenSweep::Outcome::NotRevoked, TokenSweep::Outcome::Failed,
                               TokenSweep::Outcome::Unknown, TokenSweep::Outcome::NotAttempted}) {
        const auto count =
            std::count_if(items.cbegin(), items.cend(), [outcome](const TokenSweep::Item &item) {
                return item.outcome == outcome;
            });
        if (count > 0)
            others.append(QStringLiteral("%1 %2").arg(count).arg(TokenSweep::outcomeKey(outcome)));
    }
    // The other outcomes are named by their receipt keys ("2 not-revoked"), as scripts match them.
    const QString summary =
        others.isEmpty() ? tr("revoked %1 of %n token(s)", nullptr, int(items.size())).arg(revoked)
                         : tr("revoked %1 of %n token(s); %2", nullptr, int(items.size()))
                               .arg(QString::number(revoked), others.join(QStringLiteral(", ")));
    app().err() << "accessdesk-cli: " << summary << '\n';

    ExitCode code = Success;
    if (revoked < items.size()) {
        // A token still listed, or one whose outcome is unknown, is a partial failure (6), whatever
        // its request got. Only when nothing was done — every token refused or never sent, for
        // one reason — does that reason's code say more.
        const ApiError first = causeOf(items.first(), verifyError);
        // A certificate that changed between the search and the revokes refuses every request
        // alike: what it is and how to trust it is said once, as for any other command.
        if (first.kind() == ApiError::Kind::Tls && !first.certificate().isNull())
            app().err() << "accessdesk-cli: "
                        << displaytext::withoutControls(app().withCertificate(first),
                                                        displaytext::Lines::Keep)
                        << '\n';
        const bool oneReason =
            revoked == 0 &&
            std::all_of(items.cbegin(), items.cend(), [&](const TokenSweep::Item &item) {
                return (item.outcome == TokenSweep::Outcome::Failed ||
                        item.outcome == TokenSweep::Outcome::NotAttempted) &&
                       causeOf(item, verifyError).kind() == first.kind();
            });
        code = oneReason && exitCodeFor(first) != Success ? exitCodeFor(first) : PartialFailure;
    }
    QString receiptError;
    if (!receipt.isEmpty() &&
        !TokenSweepReceipt::write(receipt, receiptCsv,
                                  TokenSweepReceipt::Existing::ReplaceRegularFile, &receiptError)) {
        app().err() << "accessdesk-cli: " << tr("the receipt was not written: %1").arg(receiptError)
                    << '\n';
        if (code == Success)
            code = PartialFailure;
    }
    app().err().flush();
    app().finish(code);
}

} // namespace accessdesk::cli
