// accessdesk-cli oauth2-clients: list, create, update, reset, delete.
#include "cli/CliOAuth2Clients.h"

#include "OAuth2ClientRules.h"
#include "cli/CliApp.h"
#include "cli/CliOutcome.h"
#include "services/OAuth2ClientCreator.h"
#include "services/OAuth2ClientList.h"
#include "services/OAuth2ClientRemoval.h"
#include "services/OAuth2ClientSecretReset.h"
#include "services/OAuth2ClientUpdater.h"

#include <QJsonArray>
#include <QJsonObject>

namespace accessdesk::cli {

namespace {

QJsonObject clientJson(const OAuth2Client &client)
{
    return QJsonObject{{QStringLiteral("id"), client.id},
                       {QStringLiteral("clientId"), client.clientId},
                       {QStringLiteral("name"), client.name},
                       {QStringLiteral("redirects"), QJsonArray::fromStringList(client.redirects)},
                       {QStringLiteral("scope"), client.scope},
                       {QStringLiteral("userKey"), textOrNull(client.userKey)}};
}

QStringList clientRow(const OAuth2Client &client)
{
    return {client.id, client.clientId, client.name, client.scope,
            client.redirects.join(QLatin1Char(' '))};
}

const QStringList kColumns{QStringLiteral("id"), QStringLiteral("client id"),
                           QStringLiteral("name"), QStringLiteral("scope"),
                           QStringLiteral("redirects")};

// The field errors with each redirect line at fault shown under its own URL.
QString problemLines(QMap<QString, QString> fields, const QMap<int, QString> &redirectLines,
                     const QStringList &redirects, const QString &nameOption)
{
    QString lines;
    if (!redirectLines.isEmpty()) {
        fields.remove(QStringLiteral("redirects"));
        for (auto it = redirectLines.begin(); it != redirectLines.end(); ++it)
            lines +=
                QStringLiteral("\n  --redirect %1: %2").arg(redirects.value(it.key()), it.value());
    }
    const QString name = nameOption.isEmpty() ? QStringLiteral("--name") : nameOption;
    return fieldLines(fields, {{QStringLiteral("name"), name},
                               {QStringLiteral("redirects"), QStringLiteral("--redirect")},
                               {QStringLiteral("scope"), QStringLiteral("--scope")}}) +
           lines;
}

} // namespace

CliOAuth2Clients::CliOAuth2Clients(CliApp &app)
    : CliCommandGroup(app)
{}

bool CliOAuth2Clients::run(const QString &sub, const QStringList &arguments)
{
    const bool one = arguments.size() == 1;
    if (sub == QLatin1String("list") && arguments.isEmpty()) {
        app().connectThen([this] { list(); });
    } else if (sub == QLatin1String("create") && one) {
        create(arguments.first());
    } else if (sub == QLatin1String("update") && one) {
        update(arguments.first());
    } else if (sub == QLatin1String("reset") && one) {
        app().connectThen([this, id = arguments.first()] {
            confirmThen(
                id,
                tr("resetting a client secret needs a confirmation: run it in a terminal or add "
                   "--yes (nothing was changed)"),
                [](const OAuth2Client &client) -> QString {
                    return tr("Reset the secret of the OAuth 2.0 client “%1” (client id %2)?")
                               .arg(client.name, client.clientId) +
                           QLatin1Char('\n') + OAuth2ClientSecretReset::consequences(client);
                },
                [this](const OAuth2Client &client) { reset(client); });
        });
    } else if (sub == QLatin1String("delete") && one) {
        app().connectThen([this, id = arguments.first()] {
            confirmThen(
                id,
                tr("deleting a client needs a confirmation: run it in a terminal or add --yes "
                   "(nothing was changed)"),
                [](const OAuth2Client &client) -> QString {
                    return tr("Delete the OAuth 2.0 client “%1” (client id %2)?")
                               .arg(client.name, client.clientId) +
                           QLatin1Char('\n') + OAuth2ClientRemoval::consequences(client);
                },
                [this](const OAuth2Client &client) { remove(client); });
        });
    } else {
        return false;
    }
    return true;
}

OAuth2Client CliOAuth2Clients::draftFromOptions(const QString &name) const
{
    OAuth2Client draft;
    draft.name = name;
    draft.redirects = app().options().admin.redirects;
    draft.scope = app().options().scope.trimmed().toUpper();
    return draft;
}

bool CliOAuth2Clients::checkLocally(const OAuth2Client &draft, bool update,
                                    const QString &nameOption)
{
    const OAuth2ClientProblems problems = OAuth2ClientRules::check(
        draft, update ? OAuth2ClientRules::Purpose::Update : OAuth2ClientRules::Purpose::Create);
    if (problems.ok())
        return true;
    app().failWith(Usage, (update ? tr("the OAuth 2.0 client was not changed; nothing was sent:")
                                  : tr("the OAuth 2.0 client was not created; nothing was sent:")) +
                              problemLines(problems.fieldErrors, problems.redirectLines,
                                           draft.redirects, nameOption));
    return false;
}

void CliOAuth2Clients::failJob(const OAuth2ClientJob &job, const QString &nameOption)
{
    AdminOutcome outcome = job.outcome();
    QString message = outcome.message + problemLines(outcome.fieldErrors, job.redirectLines(),
                                                     app().options().admin.redirects, nameOption);
    if (!outcome.nextStep.isEmpty())
        message += QLatin1Char('\n') + outcome.nextStep;
    app().failWith(exitCodeFor(outcome), message);
}

void CliOAuth2Clients::printClient(const OAuth2Client &client, const QString &secret)
{
    CommandOutput output;
    output.columns = kColumns;
    output.rows = {clientRow(client)};
    QJsonObject json = clientJson(client);
    if (!secret.isEmpty()) {
        output.columns << QStringLiteral("client secret");
        output.rows.first() << secret;
        json.insert(QStringLiteral("clientSecret"), secret);
    }
    output.json = QJsonDocument(json);
    app().print(output);
    if (!secret.isEmpty()) {
        app().err() << "accessdesk-cli: "
                    << tr("this is the only time the client secret is shown; store it somewhere "
                          "safe now.")
                    << '\n';
        app().err().flush();
    }
}

void CliOAuth2Clients::runToEnd(OAuth2ClientJob *job, const QString &nameOption,
                                std::function<QString()> takeSecret,
                                std::function<void()> printResult)
{
    connect(job, &AdminJob::finished, this, [this, job, nameOption, takeSecret, printResult] {
        job->deleteLater();
        // A secret the server gave must not be lost, even when the change was not confirmed.
        if (const QString secret = takeSecret ? takeSecret() : QString(); !secret.isEmpty())
            printClient(job->client(), secret);
        if (!job->succeeded()) {
            failJob(*job, nameOption);
            return;
        }
        if (printResult)
            printResult();
        app().finish(Success);
    });
    job->start();
}

void CliOAuth2Clients::list()
{
    auto *job = new OAuth2ClientList(app().connection(), this);
    runToEnd(job, {}, {}, [this, job] {
        CommandOutput output;
        output.columns = kColumns;
        output.emptyMessage = tr("The server has no OAuth 2.0 clients.");
        QJsonArray array;
        for (const OAuth2Client &client : job->clients()) {
            output.rows.append(clientRow(client));
            array.append(clientJson(client));
        }
        output.json = QJsonDocument(array);
        app().print(output);
    });
}

void CliOAuth2Clients::create(const QString &name)
{
    const OAuth2Client draft = draftFromOptions(name);
    if (!checkLocally(draft, false, QStringLiteral("NAME")))
        return;
    app().connectThen([this, draft] {
        if (ActivityLog *log = app().activityLog()) {
            auto *job = new OAuth2ClientCreator(app().connection(), draft, log, app().who(), this);
            runToEnd(job, QStringLiteral("NAME"), [job] { return job->takeSecret(); });
        }
    });
}

void CliOAuth2Clients::update(const QString &id)
{
    const OAuth2Client changes = draftFromOptions(app().options().admin.name);
    if (changes.name.trimmed().isEmpty() && changes.scope.isEmpty() &&
        OAuth2ClientRules::normalised(changes).redirects.isEmpty()) {
        app().failWith(Usage,
                       tr("oauth2-clients update needs --name, --redirect or --scope (what is not "
                          "given stays)"));
        return;
    }
    if (!checkLocally(changes, true, QStringLiteral("--name")))
        return;
    app().connectThen([this, id, changes] {
        if (ActivityLog *log = app().activityLog()) {
            auto *job =
                new OAuth2ClientUpdater(app().connection(), id, changes, log, app().who(), this);
            runToEnd(job, QStringLiteral("--name"), {},
                     [this, job] { printClient(job->client(), {}); });
        }
    });
}

void CliOAuth2Clients::confirmThen(const QString &id, const QString &noTerminal,
                                   std::function<QString(const OAuth2Client &)> question,
                                   std::function<void(const OAuth2Client &)> then)
{
    auto *job = new OAuth2ClientList(app().connection(), this);
    connect(job, &AdminJob::finished, this, [this, job, id, noTerminal, question, then] {
        job->deleteLater();
        if (!job->succeeded()) {
            failOutcome(app(), job->outcome());
            return;
        }
        const auto client = OAuth2ClientJob::find(job->clients(), id);
        if (!client) {
            app().failWith(ServerError, tr("no OAuth 2.0 client has the id or client id “%1” "
                                           "(see: oauth2-clients list)")
                                            .arg(id));
            return;
        }
        if (confirmOrFail(app(), question(*client), noTerminal))
            then(*client);
    });
    job->start();
}

void CliOAuth2Clients::reset(const OAuth2Client &client)
{
    if (ActivityLog *log = app().activityLog()) {
        auto *job =
            new OAuth2ClientSecretReset(app().connection(), client.id, log, app().who(), this);
        runToEnd(job, {}, [job] { return job->takeSecret(); });
    }
}

void CliOAuth2Clients::remove(const OAuth2Client &client)
{
    ActivityLog *log = app().activityLog();
    if (!log)
        return;
    auto *job = new OAuth2ClientRemoval(app().connection(), client.id, log, app().who(), this);
    runToEnd(job, {}, {}, [this, job] {
        const OAuth2Client &deleted = job->client();
        CommandOutput output;
        output.columns = {QStringLiteral("id"), QStringLiteral("client id"), QStringLiteral("name"),
                          QStringLiteral("result")};
        output.rows = {{deleted.id, deleted.clientId, deleted.name, QStringLiteral("deleted")}};
        QJsonObject json = clientJson(deleted);
        json.insert(QStringLiteral("deleted"), true);
        output.json = QJsonDocument(json);
        app().print(output);
    });
}

} // namespace accessdesk::cli
