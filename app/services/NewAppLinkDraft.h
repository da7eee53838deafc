#pragma once

#include "AdminDecoders.h"
#include "AppLink.h"
#include "services/AppLinkOutcome.h"

#include <QList>
#include <QString>

#include <optional>

namespace accessdesk {

// How much OAuth 1.0a one direction of a new Atlassian link gets (spec 3.4 (17)/(18)).
enum class LinkOAuth {
    Off,
    OAuth,                  // 3-legged and 2-legged ("default" in Jira's wizard)
    OAuthWithImpersonation, // also 2-legged with impersonation (system administrators only)
};
OAuthConfig oauthConfigFor(LinkOAuth level);

// What the admin enters for a new application link: the create wizard's pages, or the options
// of `links create`. The creator fills empty fields from the probe and never clears any.
struct NewAppLinkDraft
{
    QString url;        // the remote's base URL (the link's rpcUrl)
    QString typeId;     // empty: from the remote's manifest, or generic for other applications
    QString name;       // empty: from the manifest, or the host name
    QString displayUrl; // empty: the remote's own base URL, else url
    bool primary = false;
    // Create even though nothing answers at url: only for generic links, when the admin insists.
    bool createAnyway = false;
    // One-way links to Atlassian applications: this end's incoming and outgoing OAuth.
    LinkOAuth incoming = LinkOAuth::OAuth;
    LinkOAuth outgoing = LinkOAuth::OAuth;
    // Two-way (Atlassian remotes): the remote end is created too, with its administrator's
    // credentials (the password is given to the creator separately and never kept).
    bool twoWay = false;
    QString remoteUser;
    bool impersonation = false; // two-way: OAuth with impersonation on both ends (sysadmin)
    QString localUrlForRemote;  // two-way: how the remote reaches this Jira; empty: its base URL
};

// What the server found at the draft's URL (the create wizard's probe, spec 3.4 (25)).
struct AppLinkProbeResult
{
    enum class Kind {
        None,         // not probed
        Atlassian,    // a manifest: type, name and application id are known
        NotAtlassian, // answers, but is no Atlassian application: a generic link fits
        NoAnswer,     // nothing answers at the URL
        Redirected,   // the URL redirects elsewhere: not the application's base URL
        AlreadyLinked,
        ThisServer,
        Failed, // the probe itself failed: see outcome
    };

    Kind kind = Kind::None;
    QString url; // as probed
    std::optional<AppManifest> manifest;
    AppLink existing;       // AlreadyLinked: the link found for the URL (empty id: not identified)
    QString warning;        // plain words worth showing even when creation may go on
    AppLinkOutcome outcome; // for every kind but Atlassian and NotAtlassian: why not, what next
};

// The pure rules of link creation, apart from the jobs so tests can check them alone.
class NewAppLinkRules final
{
    Q_DECLARE_TR_FUNCTIONS(NewAppLinkRules)

public:
    // "https://Host/jira/" → "https://host/jira": what two URLs of one application share.
    static QString normalizedUrl(const QString &url);
    static bool sameUrl(const QString &a, const QString &b);
    static bool isHttpUrl(const QString &url);
    static bool isAtlassianType(const QString &typeId);
    // A product's name for people: "confluence" → "Confluence", "stash" → "Bitbucket".
    static QString typeName(const QString &typeId);

    // Fills the draft's empty type, name and display URL from what the probe found.
    static void fillFromProbe(const AppLinkProbeResult &probe, NewAppLinkDraft *draft);
    // Whether a link may be created after this probe, filling the draft as fillFromProbe()
    // does; otherwise a failure that says why not and what to do.
    static AppLinkOutcome admit(const AppLinkProbeResult &probe, NewAppLinkDraft *draft);
    // The draft's own fields: present, well-formed and consistent (two-way needs an Atlassian
    // type, a remote user and a password). A failure of step Check naming the field.
    static AppLinkOutcome checkDraft(const NewAppLinkDraft &draft, bool hasRemotePassword);
    // Against the links the server has: a taken name, a link to the same URL.
    static AppLinkOutcome checkAgainst(const NewAppLinkDraft &draft, const QList<AppLink> &links);
    // The link among `links` whose rpcUrl (or display URL) is url.
    static std::optional<AppLink> findByUrl(const QList<AppLink> &links, const QString &url);
};

} // namespace accessdesk
