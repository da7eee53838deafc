#pragma once

#include "api/AppLinkJobs.h"
#include "services/AppLinkChange.h"

#include <optional>

// The changes to an existing application link, each an AppLinkChange: recorded, confirmed by
// what the server shows, described for confirmations.
namespace accessdesk {

// What to change in a link; an empty optional keeps the current value.
struct AppLinkEdit
{
    std::optional<QString> name;
    std::optional<QString> displayUrl;
    std::optional<QString> rpcUrl;
};

// Renames a link or changes its URLs (PUT /rest/applinks/3.0/applinks/{id}); the server's field
// errors (E4 `context`) come back as the outcome's field. System links are refused here.
class AppLinkUpdater final : public AppLinkChange
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppLinkUpdater)

public:
    // current: the link as the server has it (the v3 update replaces every field).
    AppLinkUpdater(ServerConnection *connection, AppLink current, AppLinkEdit edit,
                   ActivityLog *log, ActivityContext who, QObject *parent = nullptr);
    QString describe() const override;
    const AppLinkUpdate &update() const { return m_update; }

protected:
    Step step() const override { return Step::Update; }
    QString action() const override { return QStringLiteral("update-applink"); }
    QString target() const override;
    AppLinkOutcome check() const override;
    ApiJob *makeRequest() override;
    bool takeAnswer(ApiJob *request) override;
    bool showsChange(ApiJob *readBack) override;

private:
    bool matches(const AppLink &link) const;

    AppLink m_before;
    AppLinkUpdate m_update;
};

// Moves a link to a new address after a server move (spec 3.4 (28)), without database edits.
// When nothing answers at the new address the server asks first: the outcome is then
// NeedsConfirmation (nothing changed), describe() turns into that question, and moveAnyway()
// sends the move again with nowarning.
class AppLinkRelocator final : public AppLinkChange
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppLinkRelocator)

public:
    AppLinkRelocator(ServerConnection *connection, AppLink link, QString newUrl, ActivityLog *log,
                     ActivityContext who, QObject *parent = nullptr);
    QString describe() const override;
    const QString &newUrl() const { return m_newUrl; }
    void moveAnyway();

protected:
    Step step() const override { return Step::Relocate; }
    QString action() const override { return QStringLiteral("relocate-applink"); }
    QString target() const override;
    AppLinkOutcome check() const override;
    ApiJob *makeRequest() override;
    bool showsChange(ApiJob *readBack) override;
    AppLinkOutcome refused(const ApiError &error) const override;

private:
    QString m_oldUrl;
    QString m_newUrl;
    bool m_noWarning = false;
};

// Makes a link the primary one of its type (POST /rest/applinks/1.0/applicationlink/primary/…).
class AppLinkPrimaryMaker final : public AppLinkChange
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppLinkPrimaryMaker)

public:
    AppLinkPrimaryMaker(ServerConnection *connection, AppLink link, ActivityLog *log,
                        ActivityContext who, QObject *parent = nullptr);
    QString describe() const override;

protected:
    Step step() const override { return Step::MakePrimary; }
    QString action() const override { return QStringLiteral("make-applink-primary"); }
    QString target() const override;
    ApiJob *makeRequest() override;
    bool showsChange(ApiJob *readBack) override;
};

// Sets a link's incoming and outgoing OAuth levels (PUT /rest/applinks/3.0/status/{id}/oauth);
// for Atlassian links the server then fetches the remote's consumer information itself.
class AppLinkOAuthSetup final : public AppLinkChange
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppLinkOAuthSetup)

public:
    AppLinkOAuthSetup(ServerConnection *connection, AppLink link, OAuthStatus levels,
                      ActivityLog *log, ActivityContext who, QObject *parent = nullptr);
    QString describe() const override;

protected:
    Step step() const override { return Step::ConfigureOAuth; }
    QString action() const override { return QStringLiteral("configure-applink-oauth"); }
    QString target() const override;
    ApiJob *makeRequest() override;
    ApiJob *makeReadBack() override;
    bool showsChange(ApiJob *readBack) override;
    AppLinkOutcome refused(const ApiError &error) const override;

private:
    OAuthStatus m_levels;
};

// Deletes a link on this server only (v3) or on both ends (v1 ?reciprocate=true, which needs the
// user's own OAuth authorisation on the remote). When deleting both ends fails, the link is read
// back so the outcome says whether this end is gone.
class AppLinkRemover final : public AppLinkChange
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppLinkRemover)

public:
    AppLinkRemover(ServerConnection *connection, AppLink link, AppLinkDeletion scope,
                   ActivityLog *log, ActivityContext who, QObject *parent = nullptr);
    QString describe() const override;
    AppLinkDeletion scope() const { return m_scope; }

protected:
    Step step() const override { return Step::Delete; }
    QString action() const override;
    QString target() const override;
    ApiJob *makeRequest() override;
    bool showsChange(ApiJob *readBack) override;
    AppLinkOutcome refused(const ApiError &error) const override;
    bool readBackAfterRefusal(const AppLinkOutcome &refusal) const override;
    AppLinkOutcome afterRefusal(AppLinkOutcome refusal, ApiJob *readBack) const override;

private:
    AppLinkDeletion m_scope;
};

// "application link “Confluence” (85dc…)": how the activity log names a link.
QString appLinkTarget(const AppLink &link);

} // namespace accessdesk
