// accessdesk-cli links: the commands that change links (create, update, relocate, primary,
// delete). Each goes through the services' activity log and reports only what the server shows.
#include "cli/CliLinks.h"

#include "DisplayText.h"
#include "cli/CliApp.h"
#include "cli/Confirmation.h"
#include "services/AppLinkChanges.h"
#include "services/AppLinkCreator.h"

#include <QJsonObject>

namespace accessdesk::cli {

namespace {

using Problem = AppLinkOutcome::Problem;
using Result = AppLinkOutcome::Result;

} // namespace

bool CliLinks::confirmed(const QString &question, const QString &refusal, const QString &noTerminal)
{
    switch (Confirmation(app().options().assumeYes).ask(question)) {
    case Confirmation::Answer::NoTerminal:
        app().failWith(Usage, noTerminal);
        return false;
    case Confirmation::Answer::No:
        app().failWith(Usage, refusal);
        return false;
    case Confirmation::Answer::Yes:
        break;
    }
    return true;
}

void CliLinks::create(const QString &url)
{
    const CliAdminOptions &options = app().options().admin;
    auto createWith = [this, url, options](const QString &remotePassword) {
        ActivityLog *log = app().activityLog();
        if (!log)
            return;
        auto *creator = new AppLinkCreator(app().connection(), log, app().who(), this);
        NewAppLinkDraft &draft = creator->draft();
        draft.url = url;
        draft.typeId = options.type;
        draft.name = options.name;
        draft.primary = options.primary;
        // `--type generic` is how a script insists on a link to an address that does not answer.
        draft.createAnyway = options.type == QLatin1String("generic");
        draft.twoWay = options.twoWay;
        draft.remoteUser = options.remoteUser;
        if (options.twoWay)
            creator->setRemotePassword(remotePassword);
        runCreator(creator);
    };
    if (!options.twoWay) {
        app().connectThen([createWith] { createWith({}); });
        return;
    }
    // The secret first: a missing variable fails before anything is sent.
    app().readSecretThen(SecretSource{SecretKind::Password,
                                      QStringLiteral("remote administrator's password"),
                                      options.remotePasswordEnv, QString()},
                         [this, createWith](QString password) {
                             app().connectThen([createWith, password] { createWith(password); });
                         });
}

void CliLinks::runCreator(AppLinkCreator *creator)
{
    connect(creator, &AppLinkCreator::finished, this, [this, creator] {
        creator->deleteLater();
        const AppLinkProbeResult &probe = creator->probeResult();
        if (!probe.warning.isEmpty())
            app().err() << "accessdesk-cli: "
                        << tr("note: %1").arg(displaytext::withoutControls(probe.warning)) << '\n';
        AppLinkOutcome outcome = creator->outcome();
        if (outcome.changed())
            printLink(creator->createdLink());
        if (outcome.succeeded()) {
            app().finish(Success);
            return;
        }
        if (outcome.step == AppLinkOutcome::Step::Probe &&
            (outcome.problem == Problem::RemoteUnreachable ||
             outcome.problem == Problem::BaseUrlMismatch))
            outcome.advice += QStringLiteral("\nTo create a generic link to it anyway, add --type "
                                             "generic.");
        failWith(outcome);
    });
    creator->create();
}

void CliLinks::update(const QString &id)
{
    const CliAdminOptions &options = app().options().admin;
    AppLinkEdit edit;
    if (!options.name.isEmpty())
        edit.name = options.name;
    if (!options.displayUrl.isEmpty())
        edit.displayUrl = options.displayUrl;
    if (!options.rpcUrl.isEmpty())
        edit.rpcUrl = options.rpcUrl;
    if (!edit.name && !edit.displayUrl && !edit.rpcUrl) {
        app().failWith(Usage, tr("links update needs --name, --display-url or --rpc-url"));
        return;
    }
    app().connectThen([this, id, edit] {
        withLink(id, [this, edit](const AppLink &link) {
            ActivityLog *log = app().activityLog();
            if (!log)
                return;
            auto *updater =
                new AppLinkUpdater(app().connection(), link, edit, log, app().who(), this);
            runChange(updater, [this, updater] { printLink(updater->link()); });
        });
    });
}

void CliLinks::relocate(const QString &id, const QString &url)
{
    app().connectThen([this, id, url] {
        withLink(id, [this, url](const AppLink &link) {
            ActivityLog *log = app().activityLog();
            if (!log)
                return;
            auto *relocator =
                new AppLinkRelocator(app().connection(), link, url, log, app().who(), this);
            runChange(relocator, [this, relocator] { printLink(relocator->link()); });
        });
    });
}

void CliLinks::primary(const QString &id)
{
    app().connectThen([this, id] {
        withLink(id, [this](const AppLink &link) {
            ActivityLog *log = app().activityLog();
            if (!log)
                return;
            auto *maker = new AppLinkPrimaryMaker(app().connection(), link, log, app().who(), this);
            runChange(maker, [this, maker] { printLink(maker->link()); });
        });
    });
}

void CliLinks::remove(const QString &id)
{
    const AppLinkDeletion scope =
        app().options().admin.bothEnds ? AppLinkDeletion::BothEnds : AppLinkDeletion::ThisEndOnly;
    app().connectThen([this, id, scope] {
        withLink(id, [this, scope](const AppLink &link) {
            ActivityLog *log = app().activityLog();
            if (!log)
                return;
            auto *remover =
                new AppLinkRemover(app().connection(), link, scope, log, app().who(), this);
            if (!confirmed(remover->describe(), tr("nothing was deleted"),
                           tr("nothing was deleted: this needs a confirmation: run it in a "
                              "terminal or add --yes"))) {
                remover->deleteLater();
                return;
            }
            runChange(remover, [this, remover, scope] {
                const AppLink &gone = remover->link();
                const bool both = scope == AppLinkDeletion::BothEnds;
                CommandOutput output;
                output.columns = {QStringLiteral("id"), QStringLiteral("name"),
                                  QStringLiteral("result")};
                output.rows = {{gone.id, gone.name,
                                both ? QStringLiteral("deleted on both ends")
                                     : QStringLiteral("deleted on this server")}};
                output.json = QJsonDocument(QJsonObject{{QStringLiteral("id"), gone.id},
                                                        {QStringLiteral("name"), gone.name},
                                                        {QStringLiteral("deleted"), true},
                                                        {QStringLiteral("bothEnds"), both}});
                app().print(output);
            });
        });
    });
}

void CliLinks::runChange(AppLinkChange *change, std::function<void()> onSuccess)
{
    connect(change, &AppLinkChange::finished, this, [this, change, onSuccess] {
        const AppLinkOutcome &outcome = change->outcome();
        if (outcome.result == Result::NeedsConfirmation) {
            // Only a relocation to an address that does not answer asks (AppLinkRelocator).
            auto *relocator = qobject_cast<AppLinkRelocator *>(change);
            if (relocator &&
                confirmed(
                    relocator->describe(),
                    tr("the link was not moved: nothing answers at %1").arg(relocator->newUrl()),
                    tr("the link was not moved: nothing answers at %1: this needs a "
                       "confirmation: run it in a terminal or add --yes")
                        .arg(relocator->newUrl()))) {
                relocator->moveAnyway();
                return;
            }
            change->deleteLater();
            if (!relocator)
                failWith(outcome);
            return;
        }
        change->deleteLater();
        if (outcome.succeeded()) {
            onSuccess();
            app().finish(Success);
            return;
        }
        failWith(outcome);
    });
    change->start();
}

} // namespace accessdesk::cli
