// accessdesk-cli links: the reads (list, get, status) and what every links command shares.
#include "cli/CliLinks.h"

#include "DisplayText.h"
#include "api/AppLinkJobs.h"
#include "cli/CliApp.h"
#include "services/AppLinkHealthCheck.h"
#include "services/AppLinkListing.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUuid>

#include <unistd.h>

namespace accessdesk::cli {

namespace {

using Problem = AppLinkOutcome::Problem;

QString yesNo(bool value)
{
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}

// The README's contract: exactly these keys.
QJsonObject linkJson(const AppLink &link)
{
    return QJsonObject{
        {QStringLiteral("id"), link.id},         {QStringLiteral("name"), link.name},
        {QStringLiteral("type"), link.typeId},   {QStringLiteral("displayUrl"), link.displayUrl},
        {QStringLiteral("rpcUrl"), link.rpcUrl}, {QStringLiteral("primary"), link.primary},
        {QStringLiteral("system"), link.system}};
}

QJsonObject oauthJson(const OAuthConfig &config)
{
    return QJsonObject{
        {QStringLiteral("enabled"), config.enabled},
        {QStringLiteral("twoLoEnabled"), config.twoLoEnabled},
        {QStringLiteral("twoLoImpersonationEnabled"), config.twoLoImpersonationEnabled}};
}

QString oauthText(const std::optional<OAuthStatus> &status, bool incoming)
{
    if (!status)
        return QStringLiteral("-");
    const OAuthConfig &config = incoming ? status->incoming : status->outgoing;
    if (!config.enabled)
        return QStringLiteral("off");
    if (config.twoLoImpersonationEnabled)
        return QStringLiteral("OAuth+impersonation");
    return config.twoLoEnabled ? QStringLiteral("OAuth") : QStringLiteral("OAuth (3LO)");
}

QJsonValue stringOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

bool isLinkId(const QString &id)
{
    return !QUuid::fromString(id).isNull();
}

} // namespace

CliLinks::CliLinks(CliApp &app)
    : CliCommandGroup(app)
{}

CliLinks::~CliLinks() = default;

bool CliLinks::run(const QString &sub, const QStringList &arguments)
{
    const qsizetype n = arguments.size();
    const QString first = arguments.value(0);
    // Ids are checked before connecting: a typo is a usage error, not a server error.
    const bool idCommand = sub == QLatin1String("get") || sub == QLatin1String("update") ||
                           sub == QLatin1String("relocate") || sub == QLatin1String("primary") ||
                           sub == QLatin1String("delete") ||
                           (sub == QLatin1String("status") && n == 1);
    if (idCommand && n >= 1 && !isLinkId(first)) {
        app().failWith(Usage, tr("\"%1\" is not an application link id (see: links "
                                 "list)")
                                  .arg(first));
        return true;
    }
    if (sub == QLatin1String("list") && n == 0)
        app().connectThen([this] { list(); });
    else if (sub == QLatin1String("get") && n == 1)
        app().connectThen([this, first] { get(first); });
    else if (sub == QLatin1String("status") && n <= 1)
        app().connectThen([this, first] { status(first); });
    else if (sub == QLatin1String("create") && n == 1)
        create(first);
    else if (sub == QLatin1String("update") && n == 1)
        update(first);
    else if (sub == QLatin1String("relocate") && n == 2)
        relocate(first, arguments.at(1));
    else if (sub == QLatin1String("primary") && n == 1)
        primary(first);
    else if (sub == QLatin1String("delete") && n == 1)
        remove(first);
    else
        return false;
    return true;
}

ExitCode CliLinks::exitCodeFor(const AppLinkOutcome &outcome)
{
    using Result = AppLinkOutcome::Result;
    switch (outcome.result) {
    case Result::Succeeded:
        return Success;
    case Result::PartlyDone:
        return PartialFailure;
    case Result::Unknown:
    case Result::Cancelled:
        return Unreachable;
    case Result::NeedsConfirmation:
        return Usage;
    case Result::Failed:
        break;
    }
    switch (outcome.problem) {
    case Problem::InvalidInput:
        // The command line's own values; a value the server refused is its answer.
        return outcome.error.isError() ? ServerError : Usage;
    case Problem::RemoteUnreachable:
    case Problem::ServerUnreachable:
    case Problem::AnswerLost:
    case Problem::Cancelled:
        return Unreachable;
    case Problem::NotAdmin:
    case Problem::SignInRefused:
    case Problem::SysadminOnly:
    case Problem::RemoteCredentialsRefused:
    case Problem::RemoteCredentialsRequired:
        return AuthRefused;
    default:
        return ServerError;
    }
}

QString CliLinks::optionFor(const QString &field)
{
    if (field == QLatin1String("url") || field == QLatin1String("newUrl"))
        return QStringLiteral("URL");
    if (field == QLatin1String("name"))
        return QStringLiteral("--name");
    if (field == QLatin1String("type"))
        return QStringLiteral("--type");
    if (field == QLatin1String("displayUrl"))
        return QStringLiteral("--display-url");
    if (field == QLatin1String("rpcUrl"))
        return QStringLiteral("--rpc-url");
    if (field == QLatin1String("twoWay"))
        return QStringLiteral("--two-way");
    if (field == QLatin1String("remoteUser"))
        return QStringLiteral("--remote-user");
    if (field == QLatin1String("remotePassword"))
        return QStringLiteral("--remote-password-env");
    return field;
}

void CliLinks::failWith(const AppLinkOutcome &outcome)
{
    QString message = outcome.message;
    if (!outcome.field.isEmpty())
        message = optionFor(outcome.field) + QStringLiteral(": ") + message;
    if (!outcome.advice.isEmpty())
        message += QLatin1Char('\n') + outcome.advice;
    app().failWith(exitCodeFor(outcome), message);
}

CommandOutput CliLinks::linkOutput(const AppLink &link)
{
    CommandOutput output;
    output.columns = {QStringLiteral("field"), QStringLiteral("value")};
    output.rows = {{QStringLiteral("id"), link.id},
                   {QStringLiteral("name"), link.name},
                   {QStringLiteral("type"), link.typeId},
                   {QStringLiteral("display URL"), link.displayUrl},
                   {QStringLiteral("application URL"), link.rpcUrl},
                   {QStringLiteral("primary"), yesNo(link.primary)},
                   {QStringLiteral("system"), yesNo(link.system)}};
    output.json = QJsonDocument(linkJson(link));
    return output;
}

void CliLinks::printLink(const AppLink &link)
{
    app().print(linkOutput(link));
}

void CliLinks::withLink(const QString &id, std::function<void(const AppLink &)> then)
{
    auto *job = new GetAppLink(app().connection(), id, this);
    connect(job, &ApiJob::finished, this, [this, job, id, then] {
        job->deleteLater();
        if (job->error().kind() == ApiError::Kind::NotFound) {
            app().failWith(ServerError, tr("this server has no application link with the id %1 "
                                           "(see: links list)")
                                            .arg(id));
            return;
        }
        if (!job->succeeded()) {
            app().fail(job->error());
            return;
        }
        then(job->result());
    });
    job->start();
}

void CliLinks::list()
{
    auto *listing = new AppLinkListing(app().connection(), this);
    connect(listing, &AppLinkListing::finished, this, [this, listing] {
        listing->deleteLater();
        if (listing->error().isError()) {
            app().fail(listing->error());
            return;
        }
        CommandOutput output;
        output.columns = {QStringLiteral("id"),       QStringLiteral("name"),
                          QStringLiteral("type"),     QStringLiteral("application URL"),
                          QStringLiteral("primary"),  QStringLiteral("system"),
                          QStringLiteral("incoming"), QStringLiteral("outgoing")};
        output.emptyMessage = tr("This server has no application links.");
        QJsonArray array;
        for (const AppLinkEntry &entry : listing->entries()) {
            if (entry.oauth2Client) // listed by oauth2-clients, not here
                continue;
            const AppLink &link = entry.link;
            output.rows.append({link.id, link.name, link.typeId, link.rpcUrl, yesNo(link.primary),
                                yesNo(link.system), oauthText(entry.oauth, true),
                                oauthText(entry.oauth, false)});
            array.append(linkJson(link));
        }
        output.json = QJsonDocument(array);
        app().print(output);
        app().finish(Success);
    });
    listing->start();
}

void CliLinks::get(const QString &id)
{
    withLink(id, [this](const AppLink &link) {
        auto *job = new GetAppLinkOAuthStatus(app().connection(), link.id, this);
        connect(job, &ApiJob::finished, this, [this, job, link] {
            job->deleteLater();
            CommandOutput output = linkOutput(link);
            QJsonObject json = output.json.object();
            std::optional<OAuthStatus> oauth;
            if (job->succeeded())
                oauth = job->result();
            output.rows.append({QStringLiteral("incoming OAuth"), oauthText(oauth, true)});
            output.rows.append({QStringLiteral("outgoing OAuth"), oauthText(oauth, false)});
            json.insert(QStringLiteral("oauth"),
                        oauth ? QJsonValue(QJsonObject{
                                    {QStringLiteral("incoming"), oauthJson(oauth->incoming)},
                                    {QStringLiteral("outgoing"), oauthJson(oauth->outgoing)}})
                              : QJsonValue(QJsonValue::Null));
            output.json = QJsonDocument(json);
            app().print(output);
            app().finish(Success);
        });
        job->start();
    });
}

void CliLinks::status(const QString &id)
{
    if (!id.isEmpty()) {
        AppLink link;
        link.id = id;
        printStatus({link}, true);
        return;
    }
    auto *listing = new AppLinkListing(app().connection(), this);
    listing->setReadOAuth(false);
    connect(listing, &AppLinkListing::finished, this, [this, listing] {
        listing->deleteLater();
        if (listing->error().isError()) {
            app().fail(listing->error());
            return;
        }
        printStatus(listing->links(), false);
    });
    listing->start();
}

void CliLinks::printStatus(const QList<AppLink> &links, bool single)
{
    auto *check = new AppLinkHealthCheck(app().connection(), links,
                                         AppLinkHealthCheck::kDefaultMaxInFlight, this);
    // Progress is for people watching; a script's stderr stays for errors.
    if (!single && ::isatty(STDERR_FILENO)) {
        connect(check, &AppLinkHealthCheck::progress, this, [this](int done, int total) {
            app().err() << "\raccessdesk-cli: "
                        << tr("checked %1 of %n links", nullptr, total).arg(done);
            if (done == total)
                app().err() << '\n';
            app().err().flush();
        });
    }
    connect(check, &AppLinkHealthCheck::finished, this, [this, check, single] {
        check->deleteLater();
        const QList<AppLinkHealth> &results = check->results();
        int failedChecks = 0;
        for (const AppLinkHealth &health : results)
            failedChecks += health.error.isError() ? 1 : 0;
        if (single && failedChecks == 1) {
            const AppLinkHealth &health = results.first();
            if (health.error.kind() == ApiError::Kind::NotFound)
                app().failWith(ServerError, tr("this server has no application link with the id "
                                               "%1 (see: links list)")
                                                .arg(health.link.id));
            else
                app().failWith(cli::exitCodeFor(health.error), health.diagnosis.summary +
                                                                   QLatin1Char('\n') +
                                                                   health.diagnosis.advice);
            return;
        }
        CommandOutput output;
        output.columns = {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("status"),
                          QStringLiteral("what is wrong"), QStringLiteral("what to do")};
        output.emptyMessage = tr("This server has no application links.");
        QJsonArray array;
        for (const AppLinkHealth &health : results) {
            const AppLinkDiagnosis &d = health.diagnosis;
            const QString verdict = AppLinkDiagnosis::verdictKey(d.verdict);
            output.rows.append({health.link.id, health.link.name, verdict, d.summary, d.advice});
            array.append(QJsonObject{
                {QStringLiteral("id"), health.link.id},
                {QStringLiteral("name"), health.link.name},
                {QStringLiteral("working"),
                 health.status ? QJsonValue(health.status->working) : QJsonValue(QJsonValue::Null)},
                {QStringLiteral("verdict"), verdict},
                {QStringLiteral("errorType"),
                 stringOrNull(health.status ? health.status->errorType : QString())},
                {QStringLiteral("problem"), AppLinkDiagnosis::problemKey(d.problem)},
                {QStringLiteral("diagnosis"), d.summary},
                {QStringLiteral("advice"), stringOrNull(d.advice)},
                {QStringLiteral("authorisationUri"),
                 stringOrNull(health.status ? health.status->authorisationUri : QString())}});
        }
        output.json = QJsonDocument(array);
        app().print(output);
        // Broken links are the check's findings, not its failure: 0. Links whose status could
        // not be read are a partial failure, as in every bulk command.
        for (const AppLinkHealth &health : results) {
            if (health.error.isError())
                app().err() << "accessdesk-cli: "
                            << tr("could not check “%1” (%2): %3")
                                   .arg(displaytext::withoutControls(health.link.name),
                                        displaytext::withoutControls(health.link.id),
                                        displaytext::withoutControls(health.diagnosis.summary))
                            << '\n';
        }
        app().err().flush();
        if (failedChecks == 0)
            app().finish(Success);
        else if (failedChecks == results.size())
            app().finish(cli::exitCodeFor(results.first().error));
        else
            app().finish(PartialFailure);
    });
    check->start();
}

} // namespace accessdesk::cli
