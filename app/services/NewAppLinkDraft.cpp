#include "services/NewAppLinkDraft.h"

#include <QUrl>

namespace accessdesk {

namespace {

using Step = AppLinkOutcome::Step;
using Problem = AppLinkOutcome::Problem;

// The application types Jira's applinks know (spec 3.1), generic last.
constexpr const char *kTypes[] = {"jira",  "confluence", "bamboo", "stash",
                                  "fecru", "crowd",      "refapp", "generic"};

bool isKnownType(const QString &typeId)
{
    for (const char *type : kTypes) {
        if (typeId == QLatin1String(type))
            return true;
    }
    return false;
}

AppLinkOutcome unknownType(const QString &typeId)
{
    return AppLinkOutcome::failure(
        AppLinkOutcome::Step::Check, AppLinkOutcome::Problem::InvalidInput,
        NewAppLinkRules::tr("“%1” is not an application type Jira knows.").arg(typeId),
        NewAppLinkRules::tr("Choose one of: generic, jira, confluence, bamboo, stash (Bitbucket), "
                            "fecru (Fisheye / Crucible), crowd."),
        QStringLiteral("type"));
}

QString hostOf(const QString &url)
{
    return QUrl(url.trimmed()).host();
}

} // namespace

OAuthConfig oauthConfigFor(LinkOAuth level)
{
    switch (level) {
    case LinkOAuth::Off:
        return {};
    case LinkOAuth::OAuth:
        return OAuthConfig{true, true, false};
    case LinkOAuth::OAuthWithImpersonation:
        return OAuthConfig{true, true, true};
    }
    return {};
}

QString NewAppLinkRules::normalizedUrl(const QString &url)
{
    QUrl parsed(url.trimmed());
    if (!parsed.isValid() || parsed.host().isEmpty())
        return url.trimmed();
    const QString scheme = parsed.scheme().toLower();
    if ((scheme == QLatin1String("http") && parsed.port() == 80) ||
        (scheme == QLatin1String("https") && parsed.port() == 443))
        parsed.setPort(-1);
    QString path = parsed.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    parsed.setPath(path);
    parsed.setScheme(scheme);
    parsed.setHost(parsed.host().toLower());
    return parsed.toString(QUrl::RemoveUserInfo | QUrl::RemoveFragment);
}

bool NewAppLinkRules::sameUrl(const QString &a, const QString &b)
{
    return !a.trimmed().isEmpty() && normalizedUrl(a) == normalizedUrl(b);
}

bool NewAppLinkRules::isHttpUrl(const QString &url)
{
    const QUrl parsed(url.trimmed(), QUrl::StrictMode);
    const QString scheme = parsed.scheme().toLower();
    return parsed.isValid() && !parsed.host().isEmpty() &&
           (scheme == QLatin1String("http") || scheme == QLatin1String("https"));
}

bool NewAppLinkRules::isAtlassianType(const QString &typeId)
{
    return isKnownType(typeId) && typeId != QLatin1String("generic");
}

QString NewAppLinkRules::typeName(const QString &typeId)
{
    if (typeId == QLatin1String("jira"))
        return QStringLiteral("Jira");
    if (typeId == QLatin1String("confluence"))
        return QStringLiteral("Confluence");
    if (typeId == QLatin1String("bamboo"))
        return QStringLiteral("Bamboo");
    if (typeId == QLatin1String("stash"))
        return QStringLiteral("Bitbucket");
    if (typeId == QLatin1String("fecru"))
        return QStringLiteral("Fisheye / Crucible");
    if (typeId == QLatin1String("crowd"))
        return QStringLiteral("Crowd");
    if (typeId == QLatin1String("generic"))
        return tr("a generic application");
    return typeId;
}

void NewAppLinkRules::fillFromProbe(const AppLinkProbeResult &probe, NewAppLinkDraft *draft)
{
    const bool atlassian = probe.kind == AppLinkProbeResult::Kind::Atlassian && probe.manifest;
    if (draft->typeId.isEmpty()) {
        if (atlassian)
            draft->typeId = probe.manifest->typeId;
        else if (probe.kind == AppLinkProbeResult::Kind::NotAtlassian)
            draft->typeId = QStringLiteral("generic");
    }
    if (draft->name.trimmed().isEmpty()) {
        if (atlassian && !probe.manifest->name.trimmed().isEmpty())
            draft->name = probe.manifest->name.trimmed();
        else if (!hostOf(draft->url).isEmpty())
            draft->name = hostOf(draft->url);
    }
    // Jira shows users the remote's own base URL; the address typed stays the one Jira calls.
    if (draft->displayUrl.isEmpty() && atlassian && isHttpUrl(probe.manifest->url))
        draft->displayUrl = probe.manifest->url;
}

AppLinkOutcome NewAppLinkRules::admit(const AppLinkProbeResult &probe, NewAppLinkDraft *draft)
{
    using Kind = AppLinkProbeResult::Kind;
    // A type Jira does not know is the draft's own fault, whatever answers at the URL.
    if (!draft->typeId.isEmpty() && !isKnownType(draft->typeId))
        return unknownType(draft->typeId);
    switch (probe.kind) {
    case Kind::None:
        return AppLinkOutcome::failure(Step::Probe, Problem::InvalidInput,
                                       tr("The address has not been checked yet."),
                                       tr("Check the address first."), QStringLiteral("url"));
    case Kind::Failed:
    case Kind::AlreadyLinked:
    case Kind::ThisServer:
        return probe.outcome;
    case Kind::NoAnswer:
    case Kind::Redirected:
        // Creating a link nothing answers at is the admin's call, and only a generic one: an
        // Atlassian link needs the remote's application id from its manifest.
        if (!(draft->typeId == QLatin1String("generic") && draft->createAnyway && !draft->twoWay))
            return probe.outcome;
        fillFromProbe(probe, draft);
        return AppLinkOutcome::success(Step::Probe);
    case Kind::NotAtlassian:
    case Kind::Atlassian:
        break;
    }
    fillFromProbe(probe, draft);
    const bool atlassian = probe.kind == Kind::Atlassian && probe.manifest;
    if (draft->twoWay && (!atlassian || draft->typeId == QLatin1String("generic"))) {
        return AppLinkOutcome::failure(
            Step::Check, Problem::NotAtlassian,
            atlassian ? tr("A two-way link is made between Atlassian applications; a generic "
                           "link has only this end.")
                      : tr("%1 is not an Atlassian application, so Jira cannot create the other "
                           "end of the link there.")
                            .arg(probe.url),
            tr("Create a one-way link instead, and set up the other application yourself."),
            QStringLiteral("twoWay"));
    }
    if (draft->typeId == QLatin1String("generic"))
        return AppLinkOutcome::success(Step::Probe);
    if (!atlassian) {
        return AppLinkOutcome::failure(
            Step::Check, Problem::TypeMismatch,
            tr("%1 answers, but it is not an Atlassian application, so it cannot be linked as %2.")
                .arg(probe.url, typeName(draft->typeId)),
            tr("Create a generic link to it instead."), QStringLiteral("type"));
    }
    if (draft->typeId != probe.manifest->typeId) {
        return AppLinkOutcome::failure(
            Step::Check, Problem::TypeMismatch,
            tr("The application at %1 is %2, not %3.")
                .arg(probe.url, typeName(probe.manifest->typeId), typeName(draft->typeId)),
            tr("Choose the type %1, or check the address.").arg(probe.manifest->typeId),
            QStringLiteral("type"));
    }
    return AppLinkOutcome::success(Step::Probe);
}

AppLinkOutcome NewAppLinkRules::checkDraft(const NewAppLinkDraft &draft, bool hasRemotePassword)
{
    auto invalid = [](QString message, QString advice, const char *field) {
        return AppLinkOutcome::failure(Step::Check, Problem::InvalidInput, std::move(message),
                                       std::move(advice), QString::fromLatin1(field));
    };
    if (draft.url.trimmed().isEmpty())
        return invalid(tr("Enter the address of the application to link to."), {}, "url");
    if (!isHttpUrl(draft.url))
        return invalid(tr("“%1” is not a web address.").arg(draft.url),
                       tr("Enter the application's base URL, starting with https:// or "
                          "http://."),
                       "url");
    if (draft.typeId.isEmpty())
        return invalid(tr("Choose the type of application."), {}, "type");
    if (!isKnownType(draft.typeId))
        return unknownType(draft.typeId);
    if (draft.name.trimmed().isEmpty())
        return invalid(tr("Enter a name for the link."), {}, "name");
    if (!draft.displayUrl.isEmpty() && !isHttpUrl(draft.displayUrl))
        return invalid(tr("“%1” is not a web address.").arg(draft.displayUrl),
                       tr("Enter the address users see, starting with https:// or http://."),
                       "displayUrl");
    if (!draft.twoWay)
        return AppLinkOutcome::success(Step::Check);
    if (!isAtlassianType(draft.typeId))
        return AppLinkOutcome::failure(
            Step::Check, Problem::NotAtlassian,
            tr("A two-way link is made between Atlassian applications; a generic link has only "
               "this end."),
            tr("Create a one-way link instead."), QStringLiteral("twoWay"));
    if (draft.remoteUser.trimmed().isEmpty())
        return invalid(tr("Enter the user name of an administrator of the remote application."), {},
                       "remoteUser");
    if (!hasRemotePassword)
        return invalid(tr("Enter the password of the remote administrator."),
                       tr("It is used once to create the other end, and never stored."),
                       "remotePassword");
    if (!draft.localUrlForRemote.isEmpty() && !isHttpUrl(draft.localUrlForRemote))
        return invalid(tr("“%1” is not a web address.").arg(draft.localUrlForRemote),
                       tr("Enter the address the remote application reaches this Jira at, or "
                          "leave it empty for Jira's base URL."),
                       "localUrlForRemote");
    return AppLinkOutcome::success(Step::Check);
}

AppLinkOutcome NewAppLinkRules::checkAgainst(const NewAppLinkDraft &draft,
                                             const QList<AppLink> &links)
{
    if (const auto existing = findByUrl(links, draft.url)) {
        return AppLinkOutcome::failure(
            Step::Check, Problem::AlreadyLinked,
            tr("A link to %1 exists already: “%2”.").arg(draft.url, existing->name),
            tr("Edit that link instead, or delete it first."), QStringLiteral("url"));
    }
    const QString name = draft.name.trimmed();
    for (const AppLink &link : links) {
        if (link.name == name) {
            return AppLinkOutcome::failure(Step::Check, Problem::DuplicateName,
                                           tr("Another link is already called “%1”.").arg(name),
                                           tr("Choose another name."), QStringLiteral("name"));
        }
    }
    return AppLinkOutcome::success(Step::Check);
}

std::optional<AppLink> NewAppLinkRules::findByUrl(const QList<AppLink> &links, const QString &url)
{
    for (const AppLink &link : links) {
        if (sameUrl(link.rpcUrl, url) || sameUrl(link.displayUrl, url))
            return link;
    }
    return std::nullopt;
}

} // namespace accessdesk
