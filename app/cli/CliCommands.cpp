// accessdesk-cli commands that talk to the server: probe, tokens, pat.
#include "DisplayText.h"
#include "cli/CliApp.h"

#include "api/PatJobs.h"
#include "api/ServerConnection.h"
#include "services/GrantIds.h"
#include "services/GrantList.h"
#include "services/PersonalTokenCreator.h"
#include "services/ProbeJob.h"
#include "services/RevokeWording.h"
#include "storage/ActivityLog.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace accessdesk::cli {

namespace {

QJsonValue isoOrNull(const std::optional<QDateTime> &time)
{
    return time && time->isValid() ? QJsonValue(time->toUTC().toString(Qt::ISODateWithMs))
                                   : QJsonValue(QJsonValue::Null);
}

QString shortTime(const std::optional<QDateTime> &time, const QString &none)
{
    return time && time->isValid() ? time->toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                                   : none;
}

QJsonObject grantJson(const AccessGrant &grant)
{
    return QJsonObject{{QStringLiteral("id"), grantids::publicId(grant)},
                       {QStringLiteral("kind"), grantKindName(grant.kind)},
                       {QStringLiteral("application"), grant.application},
                       {QStringLiteral("description"), grant.description},
                       {QStringLiteral("issuedAt"), isoOrNull(grant.issuedAt)},
                       {QStringLiteral("expiresAt"), isoOrNull(grant.expiresAt)},
                       {QStringLiteral("lastUsedAt"), isoOrNull(grant.lastUsedAt)},
                       {QStringLiteral("scopes"), QJsonArray::fromStringList(grant.scopes)}};
}

// One line on stderr per row of the access-tokens page that looked like a grant but could not be
// read, so that no grant goes missing from a list without a word. True when there was any.
bool warnUnreadable(QTextStream &err, const ListGrantsJob &job)
{
    const QString url = job.accessTokensPageUrl().toString();
    for (const UnreadableGrantRow &row : job.unreadableRows()) {
        const QString warning =
            row.excerpt.isEmpty()
                ? QCoreApplication::translate("accessdesk::cli::CliApp",
                                              "warning: 1 grant on the access-tokens page could "
                                              "not be read (%1); open %2 in the browser")
                      .arg(row.reason, url)
                : QCoreApplication::translate("accessdesk::cli::CliApp",
                                              "warning: 1 grant on the access-tokens page could "
                                              "not be read (%1: \"%2\"); open %3 in the browser")
                      .arg(row.reason, row.excerpt, url);
        err << "accessdesk-cli: " << warning << '\n';
    }
    err.flush();
    return !job.unreadableRows().isEmpty();
}

} // namespace

void CliApp::probe()
{
    auto *job = new ProbeJob(m_connection.get(), this);
    connect(job, &ProbeJob::finished, this, [this, job] {
        job->deleteLater();
        if (job->error().isError()) {
            fail(job->error());
            return;
        }
        const ProbeReport &r = job->report();
        CommandOutput output;
        output.columns = {QStringLiteral("field"), QStringLiteral("value")};
        auto yesNo = [](bool b) { return b ? QStringLiteral("yes") : QStringLiteral("no"); };
        output.rows = {{QStringLiteral("server"), r.server.baseUrl},
                       {QStringLiteral("version"), r.server.version},
                       {QStringLiteral("user"),
                        r.user.name + QStringLiteral(" (") + r.user.displayName + QLatin1Char(')')},
                       {QStringLiteral("admin"), yesNo(r.admin)},
                       {QStringLiteral("sysadmin"), yesNo(r.sysadmin)},
                       {QStringLiteral("personal access tokens"), yesNo(r.personalTokens)},
                       {QStringLiteral("OAuth 2.0 provider"), yesNo(r.oauth2)},
                       {QStringLiteral("application links v3"), yesNo(r.appLinksV3)}};
        output.json = QJsonDocument(
            QJsonObject{{QStringLiteral("baseUrl"), r.server.baseUrl},
                        {QStringLiteral("version"), r.server.version},
                        {QStringLiteral("user"),
                         QJsonObject{{QStringLiteral("name"), r.user.name},
                                     {QStringLiteral("displayName"), r.user.displayName}}},
                        {QStringLiteral("admin"), r.admin},
                        {QStringLiteral("sysadmin"), r.sysadmin},
                        {QStringLiteral("features"),
                         QJsonObject{{QStringLiteral("pat"), r.personalTokens},
                                     {QStringLiteral("oauth2"), r.oauth2},
                                     {QStringLiteral("applinksV3"), r.appLinksV3}}}});
        print(output);
        finish(Success);
    });
    job->start();
}

void CliApp::tokensList()
{
    auto *job = new ListGrantsJob(m_connection.get(), this);
    connect(job, &ListGrantsJob::finished, this, [this, job] {
        job->deleteLater();
        if (job->error().isError()) {
            fail(job->error());
            return;
        }
        CommandOutput output;
        output.columns = {QStringLiteral("id"),          QStringLiteral("kind"),
                          QStringLiteral("application"), QStringLiteral("issued"),
                          QStringLiteral("expires"),     QStringLiteral("last used"),
                          QStringLiteral("scopes")};
        output.emptyMessage = tr("No application can act as you.");
        QJsonArray array;
        for (const AccessGrant &grant : job->grants()) {
            // Only a personal token's missing date means "never"; the access-tokens page does
            // not say when OAuth grants expire or were last used.
            const QString none = grant.kind == GrantKind::PersonalToken ? QStringLiteral("never")
                                                                        : QStringLiteral("-");
            output.rows.append({grantids::publicId(grant), grantKindName(grant.kind),
                                grant.application, shortTime(grant.issuedAt, QStringLiteral("-")),
                                shortTime(grant.expiresAt, none), shortTime(grant.lastUsedAt, none),
                                grant.scopes.join(QLatin1Char(' '))});
            array.append(grantJson(grant));
        }
        output.json = QJsonDocument(array);
        print(output);
        // What could be read is printed; the exit code says the list is not the whole story.
        finish(warnUnreadable(m_err, *job) ? ServerError : Success);
    });
    job->start();
}

void CliApp::tokensRevoke(const QStringList &ids)
{
    // The ids come from "tokens list": fetch the list again so that what is revoked is what the
    // server holds now.
    auto *job = new ListGrantsJob(m_connection.get(), this);
    connect(job, &ListGrantsJob::finished, this, [this, job, ids] {
        job->deleteLater();
        if (job->error().isError()) {
            fail(job->error());
            return;
        }
        // The grant asked for may be one of them: say so before "no grant has the id".
        warnUnreadable(m_err, *job);
        QList<AccessGrant> chosen;
        QStringList unknown;
        for (const QString &id : ids) {
            const auto found =
                std::find_if(job->grants().cbegin(), job->grants().cend(),
                             [&id](const AccessGrant &g) { return grantids::publicId(g) == id; });
            if (found == job->grants().cend())
                unknown.append(id);
            else
                chosen.append(*found);
        }
        if (!unknown.isEmpty()) {
            failWith(Usage, tr("no grant has the id %1 (see: tokens list)")
                                .arg(unknown.join(QStringLiteral(", "))));
            return;
        }
        revoke(chosen);
    });
    job->start();
}

void CliApp::revoke(const QList<AccessGrant> &grants, bool fromList)
{
    QStringList names;
    for (const AccessGrant &grant : grants)
        names.append(QStringLiteral("  ") + RevokeGrantsJob::describe(grant));
    // The same wording as the app's confirmation: what follows depends on the kind of grant.
    const QString question = RevokeWording::question(grants) + QLatin1Char('\n') +
                             names.join(QLatin1Char('\n')) + QLatin1Char('\n') +
                             RevokeWording::summary(grants) + QLatin1Char('\n') +
                             RevokeWording::closing(grants);
    if (!confirmRevoke(question))
        return;
    if (!openActivityLog())
        return;
    using Status = RevokeGrantsJob::Status;
    auto *job = new RevokeGrantsJob(m_connection.get(), grants, m_activity.get(), m_who, this);
    job->setGrantsFromList(fromList);
    connect(job, &RevokeGrantsJob::finished, this, [this, job] {
        job->deleteLater();
        if (!job->recordError().isEmpty() && job->notSentCount() == job->outcomes().size()) {
            failWith(ServerError,
                     job->recordError().contains(QLatin1String("database is locked"))
                         ? tr("the activity log is in use by another program, so the revoke "
                              "was not recorded and nothing was sent; try again when it is done")
                         : tr("the activity log could not record the revoke (%1), so nothing "
                              "was sent")
                               .arg(job->recordError()));
            return;
        }
        CommandOutput output;
        output.columns = {QStringLiteral("id"), QStringLiteral("application"),
                          QStringLiteral("result")};
        QJsonArray array;
        for (const RevokeGrantsJob::Outcome &o : job->outcomes()) {
            // The result is what the list fetched afterwards shows, not what the request got.
            QString result;
            switch (o.status) {
            case Status::Revoked:
                result = QStringLiteral("revoked");
                break;
            case Status::NotRevoked:
                result = QStringLiteral("not revoked (still listed)");
                break;
            case Status::Failed:
                result = QStringLiteral("failed");
                break;
            case Status::Unknown:
            case Status::Pending:
                result = QStringLiteral("not confirmed (check the list)");
                break;
            }
            if (!o.reason.isEmpty())
                result += QStringLiteral(": ") + o.reason;
            output.rows.append({grantids::publicId(o.grant), o.grant.application, result});
            QJsonObject item{{QStringLiteral("id"), grantids::publicId(o.grant)},
                             {QStringLiteral("application"), o.grant.application},
                             {QStringLiteral("revoked"), o.isRevoked()},
                             {QStringLiteral("outcome"), RevokeGrantsJob::statusKey(o.status)}};
            if (!o.reason.isEmpty())
                item.insert(o.isRevoked() ? QStringLiteral("note") : QStringLiteral("error"),
                            o.reason);
            array.append(item);
        }
        output.json = QJsonDocument(array);
        print(output);
        if (!job->recordError().isEmpty()) {
            //: %1 says why the log could not record
            m_err << "accessdesk-cli: "
                  << tr("the activity log could not record the next revoke (%1), so %n grant(s) "
                        "were not sent",
                        nullptr, job->notSentCount())
                         .arg(job->recordError())
                  << '\n';
            m_err.flush();
        }
        const int failures = job->failureCount();
        if (failures == 0) {
            finish(Success);
            return;
        }
        bool refusedOnly = true; // refused outright, nothing on the list says otherwise
        for (const RevokeGrantsJob::Outcome &o : job->outcomes()) {
            if (o.isRevoked())
                continue;
            refusedOnly = refusedOnly && o.status == Status::Failed &&
                          o.error.kind() == job->outcomes().first().error.kind();
            //: %1 names the grant, %2 says why
            const QString line = o.status == Status::NotRevoked ? tr("not revoked: %1: %2")
                                 : o.status == Status::Failed   ? tr("could not revoke: %1: %2")
                                                                : tr("not confirmed: %1: %2");
            m_err << "accessdesk-cli: "
                  << line.arg(displaytext::withoutControls(RevokeGrantsJob::describe(o.grant)),
                              displaytext::withoutControls(o.reason))
                  << '\n';
        }
        // One whole sentence for each combination, so a translation can order its parts.
        const int total = int(job->outcomes().size());
        const QString revoked = QString::number(job->count(Status::Revoked));
        const QString notRevoked =
            QString::number(job->count(Status::NotRevoked) + job->count(Status::Failed));
        const QString unknown = QString::number(job->count(Status::Unknown));
        const bool anyNotRevoked = notRevoked != QLatin1String("0");
        const bool anyUnknown = unknown != QLatin1String("0");
        QString summary;
        if (anyNotRevoked && anyUnknown)
            summary = tr("revoked %1 of %n grant(s); %2 not revoked; %3 not confirmed, check "
                         "with: tokens list",
                         nullptr, total)
                          .arg(revoked, notRevoked, unknown);
        else if (anyNotRevoked)
            summary = tr("revoked %1 of %n grant(s); %2 not revoked", nullptr, total)
                          .arg(revoked, notRevoked);
        else if (anyUnknown)
            summary = tr("revoked %1 of %n grant(s); %2 not confirmed, check with: tokens list",
                         nullptr, total)
                          .arg(revoked, unknown);
        else
            summary = tr("revoked %1 of %n grant(s)", nullptr, total).arg(revoked);
        m_err << "accessdesk-cli: " << summary << '\n';
        // A refused certificate refuses every request alike: what it is and how to trust it is
        // said once, as for any other command.
        const ApiError &first = job->outcomes().first().error;
        if (refusedOnly && first.kind() == ApiError::Kind::Tls && !first.certificate().isNull())
            m_err << "accessdesk-cli: "
                  << displaytext::withoutControls(withCertificate(first), displaytext::Lines::Keep)
                  << '\n';
        m_err.flush();
        // A grant still listed, or one whose outcome is unknown, is a partial failure (6), whatever
        // its request got. Only when every revoke was refused for one reason and nothing was done
        // does that reason's code say more.
        finish(refusedOnly && failures == job->outcomes().size()
                   ? exitCodeFor(job->outcomes().first().error)
                   : PartialFailure);
    });
    job->start();
}

void CliApp::patList()
{
    auto *job = new ListPersonalTokens(m_connection.get(), this);
    connect(job, &ApiJob::finished, this, [this, job] {
        job->deleteLater();
        if (!job->succeeded()) {
            fail(job->error());
            return;
        }
        CommandOutput output;
        output.columns = {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("created"),
                          QStringLiteral("expires"), QStringLiteral("last used")};
        output.emptyMessage = tr("You have no personal access tokens.");
        QJsonArray array;
        for (const PersonalToken &token : job->result()) {
            output.rows.append({QString::number(token.id), token.name,
                                shortTime(token.createdAt, QStringLiteral("-")),
                                shortTime(token.expiresAt, QStringLiteral("never")),
                                shortTime(token.lastUsedAt, QStringLiteral("never"))});
            array.append(QJsonObject{{QStringLiteral("id"), token.id},
                                     {QStringLiteral("name"), token.name},
                                     {QStringLiteral("createdAt"), isoOrNull(token.createdAt)},
                                     {QStringLiteral("expiresAt"), isoOrNull(token.expiresAt)},
                                     {QStringLiteral("lastUsedAt"), isoOrNull(token.lastUsedAt)}});
        }
        output.json = QJsonDocument(array);
        print(output);
        finish(Success);
    });
    job->start();
}

void CliApp::patCreate(const QString &name)
{
    if (!openActivityLog())
        return;
    auto *creator = new PersonalTokenCreator(m_connection.get(), {name, m_options.days},
                                             m_activity.get(), m_who, this);
    connect(creator, &PersonalTokenCreator::finished, this, [this, creator] {
        creator->deleteLater();
        if (creator->error().isError()) {
            fail(creator->error());
            return;
        }
        const PersonalToken &token = creator->token();
        CommandOutput output;
        output.columns = {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("expires"),
                          QStringLiteral("token")};
        output.rows = {{QString::number(token.id), token.name,
                        shortTime(token.expiresAt, QStringLiteral("never")), token.rawToken}};
        output.json =
            QJsonDocument(QJsonObject{{QStringLiteral("id"), token.id},
                                      {QStringLiteral("name"), token.name},
                                      {QStringLiteral("createdAt"), isoOrNull(token.createdAt)},
                                      {QStringLiteral("expiresAt"), isoOrNull(token.expiresAt)},
                                      {QStringLiteral("token"), token.rawToken}});
        print(output);
        creator->forgetToken();
        m_err << "accessdesk-cli: "
              << tr("this is the only time the token is shown; store it somewhere safe now.")
              << '\n';
        m_err.flush();
        finish(Success);
    });
    creator->start();
}

void CliApp::patRevoke(const QStringList &ids)
{
    QList<AccessGrant> grants;
    for (const QString &id : ids) {
        bool numeric = false;
        const qint64 value = QString(id).remove(QStringLiteral("pat:")).toLongLong(&numeric);
        if (!numeric || value <= 0) {
            failWith(Usage, tr("\"%1\" is not a personal access token id (see: pat list)").arg(id));
            return;
        }
        AccessGrant grant;
        grant.kind = GrantKind::PersonalToken;
        grant.revokeKey = QString::number(value);
        grant.id = grant.revokeKey;
        grant.application = QStringLiteral("#") + grant.revokeKey;
        grants.append(grant);
    }
    revoke(grants, false);
}

} // namespace accessdesk::cli
