#include "Routes.h"

#include "http/ErrorBodies.h"
#include "http/RequestContext.h"
#include "http/Router.h"

#include <QDateTime>
#include <QJsonArray>
#include <QStringList>

// Jira core resources: enough of /rest/api/2 to identify the server and the caller, and a little
// data that is partly public and partly private, so that losing access is visible.
namespace trackersim::routes {

namespace {

QString jiraTime(const QDateTime &time)
{
    return time.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz+0000"));
}

SimResponse serverInfo(RequestContext &context)
{
    const QString version = context.config().jiraVersion;
    QJsonArray numbers;
    int build = 0;
    for (const QString &part : version.split(QLatin1Char('.'))) {
        numbers.append(part.toInt());
        build = build * 1000 + part.toInt();
    }
    return SimResponse::json(
        200,
        QJsonObject{
            {QStringLiteral("baseUrl"), context.baseUrl()},
            {QStringLiteral("version"), version},
            {QStringLiteral("versionNumbers"), numbers},
            {QStringLiteral("deploymentType"), QStringLiteral("Server")},
            {QStringLiteral("buildNumber"), build},
            {QStringLiteral("buildDate"), QStringLiteral("2026-04-03T00:00:00.000+0000")},
            {QStringLiteral("databaseBuildNumber"), build},
            {QStringLiteral("serverTime"), jiraTime(context.state.clock.now())},
            {QStringLiteral("scmInfo"), QStringLiteral("0000000000000000000000000000000000000000")},
            {QStringLiteral("serverTitle"), context.config().serverTitle},
        });
}

SimResponse notAnonymous()
{
    return errors::jiraCore(
        401, {QStringLiteral(
                 "You are not authenticated. Authentication required to perform this operation.")});
}

SimResponse myself(RequestContext &context)
{
    const auto user = context.user();
    if (!user)
        return notAnonymous();
    return SimResponse::json(200, users::toJson(*user, context.baseUrl()));
}

SimResponse userByName(RequestContext &context)
{
    if (context.caller.isAnonymous())
        return notAnonymous();
    const QString name = context.request.queryValue(QStringLiteral("username"));
    const auto user = users::find(context.store(), name);
    if (!user)
        return errors::jiraCore(404,
                                {QStringLiteral("The user named '%1' does not exist").arg(name)});
    return SimResponse::json(200, users::toJson(*user, context.baseUrl()));
}

struct PermissionInfo
{
    const char *key;
    const char *id;
    const char *name;
    const char *type;
    const char *description;
};

constexpr PermissionInfo kPermissions[] = {
    {"ADMINISTER", "0", "Jira Administrators", "GLOBAL",
     "Ability to perform most administration functions (excluding Import & Export, SMTP "
     "Configuration, etc.)."},
    {"SYSTEM_ADMIN", "44", "Jira System Administrators", "GLOBAL",
     "Ability to perform all administration functions."},
    {"USER_PICKER", "27", "Browse Users", "GLOBAL",
     "Ability to select a user or group from a popup window."},
    {"CREATE_SHARED_OBJECTS", "22", "Create Shared Objects", "GLOBAL",
     "Ability to share dashboards and filters."},
    {"BROWSE_PROJECTS", "10", "Browse Projects", "PROJECT",
     "Ability to browse projects and the issues within them."},
    {"CREATE_ISSUES", "11", "Create Issues", "PROJECT", "Ability to create issues."},
};

// Whether the caller holds a permission, given the scope an OAuth 2.0 token limits them to.
bool holds(RequestContext &context, QByteArrayView key)
{
    const auto user = context.user();
    if (key == "BROWSE_PROJECTS")
        return true; // PUB is public
    if (!user)
        return false;
    const QString scope = context.caller.kind == AuthKind::OAuth2 ? context.caller.oauth2Scope
                                                                  : QStringLiteral("SYSTEM_ADMIN");
    if (key == "ADMINISTER")
        return user->admin &&
               (scope == QLatin1String("ADMIN") || scope == QLatin1String("SYSTEM_ADMIN"));
    if (key == "SYSTEM_ADMIN")
        return user->sysadmin && scope == QLatin1String("SYSTEM_ADMIN");
    return true;
}

SimResponse myPermissions(RequestContext &context)
{
    // Whether DC honours ?permissions= is uncertain (spec 2.3); trackersim filters when asked.
    const QString filter = context.request.queryValue(QStringLiteral("permissions"));
    const QStringList wanted = filter.split(QLatin1Char(','), Qt::SkipEmptyParts);
    QJsonObject permissions;
    for (const PermissionInfo &p : kPermissions) {
        const QString key = QString::fromLatin1(p.key);
        if (!wanted.isEmpty() && !wanted.contains(key))
            continue;
        permissions.insert(
            key, QJsonObject{{QStringLiteral("id"), QString::fromLatin1(p.id)},
                             {QStringLiteral("key"), key},
                             {QStringLiteral("name"), QString::fromLatin1(p.name)},
                             {QStringLiteral("type"), QString::fromLatin1(p.type)},
                             {QStringLiteral("description"), QString::fromLatin1(p.description)},
                             {QStringLiteral("havePermission"), holds(context, p.key)}});
    }
    return SimResponse::json(200, QJsonObject{{QStringLiteral("permissions"), permissions}});
}

bool canBrowse(RequestContext &context, const QString &projectKey)
{
    const auto project = context.store().one(
        QStringLiteral("SELECT public FROM projects WHERE project_key = ?"), {projectKey});
    if (!project)
        return false;
    if (project->value(QStringLiteral("public")).toBool())
        return true;
    if (context.caller.isAnonymous())
        return false;
    return context.store()
        .one(
            QStringLiteral("SELECT 1 FROM project_members WHERE project_key = ? AND user_name = ?"),
            {projectKey, context.caller.userName})
        .has_value();
}

QJsonObject projectJson(RequestContext &context, const QVariantMap &row)
{
    const QString id = row.value(QStringLiteral("id")).toString();
    return QJsonObject{{QStringLiteral("self"),
                        QString(context.baseUrl() + QStringLiteral("/rest/api/2/project/") + id)},
                       {QStringLiteral("id"), id},
                       {QStringLiteral("key"), row.value(QStringLiteral("project_key")).toString()},
                       {QStringLiteral("name"), row.value(QStringLiteral("name")).toString()},
                       {QStringLiteral("projectTypeKey"), QStringLiteral("software")},
                       {QStringLiteral("archived"), false}};
}

SimResponse projects(RequestContext &context)
{
    QJsonArray list;
    for (const QVariantMap &row :
         context.store().all(QStringLiteral("SELECT * FROM projects ORDER BY project_key"))) {
        if (canBrowse(context, row.value(QStringLiteral("project_key")).toString()))
            list.append(projectJson(context, row));
    }
    return SimResponse::json(200, list);
}

SimResponse project(RequestContext &context)
{
    const QString wanted = context.request.pathParam(QStringLiteral("key"));
    const auto row = context.store().one(
        QStringLiteral("SELECT * FROM projects WHERE project_key = ? OR CAST(id AS TEXT) = ?"),
        {wanted.toUpper(), wanted});
    if (!row || !canBrowse(context, row->value(QStringLiteral("project_key")).toString()))
        return errors::jiraCore(
            404, {QStringLiteral("No project could be found with key '%1'.").arg(wanted)});
    return SimResponse::json(200, projectJson(context, *row));
}

SimResponse issue(RequestContext &context)
{
    const QString wanted = context.request.pathParam(QStringLiteral("key"));
    const auto row = context.store().one(
        QStringLiteral("SELECT * FROM issues WHERE issue_key = ? OR CAST(id AS TEXT) = ?"),
        {wanted.toUpper(), wanted});
    if (!row || !canBrowse(context, row->value(QStringLiteral("project_key")).toString()))
        return errors::jiraCore(404, {QStringLiteral("Issue Does Not Exist")});
    const auto projectRow =
        context.store().one(QStringLiteral("SELECT * FROM projects WHERE project_key = ?"),
                            {row->value(QStringLiteral("project_key"))});
    const QString id = row->value(QStringLiteral("id")).toString();
    return SimResponse::json(
        200, QJsonObject{
                 {QStringLiteral("expand"),
                  QStringLiteral("renderedFields,names,schema,operations,editmeta,changelog")},
                 {QStringLiteral("id"), id},
                 {QStringLiteral("self"),
                  QString(context.baseUrl() + QStringLiteral("/rest/api/2/issue/") + id)},
                 {QStringLiteral("key"), row->value(QStringLiteral("issue_key")).toString()},
                 {QStringLiteral("fields"),
                  QJsonObject{
                      {QStringLiteral("summary"), row->value(QStringLiteral("summary")).toString()},
                      {QStringLiteral("description"),
                       row->value(QStringLiteral("description")).toString()},
                      {QStringLiteral("created"),
                       jiraTime(QDateTime::fromMSecsSinceEpoch(
                           row->value(QStringLiteral("created_at")).toLongLong(), Qt::UTC))},
                      {QStringLiteral("project"), projectJson(context, *projectRow)}}},
             });
}

} // namespace

void registerCore(Router &router)
{
    router.add("GET", QStringLiteral("/rest/api/2/serverInfo"), serverInfo);
    router.add("GET", QStringLiteral("/rest/api/latest/serverInfo"), serverInfo);
    router.add("GET", QStringLiteral("/rest/api/2/myself"), myself);
    router.add("GET", QStringLiteral("/rest/api/latest/myself"), myself);
    router.add("GET", QStringLiteral("/rest/api/2/user"), userByName);
    router.add("GET", QStringLiteral("/rest/api/2/mypermissions"), myPermissions);
    router.add("GET", QStringLiteral("/rest/api/2/project"), projects);
    router.add("GET", QStringLiteral("/rest/api/2/project/{key}"), project);
    router.add("GET", QStringLiteral("/rest/api/2/issue/{key}"), issue);
}

} // namespace trackersim::routes
