#include "AdminRows.h"

#include "services/AdminController.h"

#include <QLocale>

namespace accessdesk {

namespace {

QString joinLines(const QStringList &lines)
{
    return lines.join(QLatin1Char('\n'));
}

// "UNKNOWN_HOST" → "unknown host": the server's codes, readable.
QString words(const QString &code)
{
    return code.toLower().replace(QLatin1Char('_'), QLatin1Char(' '));
}

} // namespace

QStringList AdminRows::linkHeaders()
{
    return {tr("Name"),           tr("Type"),        tr("Health"),
            tr("Primary"),        tr("System"),      tr("Incoming OAuth"),
            tr("Outgoing OAuth"), tr("Display URL"), tr("Application URL")};
}

QStringList AdminRows::consumerHeaders()
{
    return {
        tr("Application link"), tr("Consumer key"),         tr("Name"),
        tr("Callback"),         tr("Public key (SHA-256)"), tr("2-legged OAuth"),
    };
}

QStringList AdminRows::clientHeaders()
{
    return {tr("Name"), tr("Client ID"), tr("Scope"), tr("Redirect URIs")};
}

QString AdminRows::typeLabel(const QString &typeId)
{
    static const QHash<QString, const char *> labels{
        {QStringLiteral("jira"), QT_TR_NOOP("Jira")},
        {QStringLiteral("confluence"), QT_TR_NOOP("Confluence")},
        {QStringLiteral("bamboo"), QT_TR_NOOP("Bamboo")},
        {QStringLiteral("stash"), QT_TR_NOOP("Bitbucket")},
        {QStringLiteral("fecru"), QT_TR_NOOP("Fisheye / Crucible")},
        {QStringLiteral("crowd"), QT_TR_NOOP("Crowd")},
        {QStringLiteral("refapp"), QT_TR_NOOP("Reference application")},
        {QStringLiteral("generic"), QT_TR_NOOP("Generic application")},
    };
    const auto label = labels.constFind(typeId);
    return label == labels.cend() ? typeId : tr(*label);
}

QString AdminRows::statusText(const AppLinkStatus &status)
{
    if (status.working)
        return tr("Working");
    const QString &category = status.errorCategory;
    if (category == QLatin1String("NON_ATLASSIAN"))
        return tr("Not checked (not Atlassian)");
    if (category == QLatin1String("SYSTEM"))
        return tr("System link");
    if (category == QLatin1String("DISABLED"))
        return tr("OAuth turned off");
    if (category == QLatin1String("DEPRECATED"))
        return tr("Outdated set-up (%1)").arg(words(status.errorType));
    if (category == QLatin1String("NETWORK_ERROR"))
        return tr("Cannot reach it (%1)").arg(words(status.errorType));
    if (category == QLatin1String("ACCESS_ERROR"))
        return tr("Access refused (%1)").arg(words(status.errorType));
    return tr("Not working (%1)")
        .arg(words(status.errorType.isEmpty() ? category : status.errorType));
}

QString AdminRows::oauthText(const OAuthConfig &config)
{
    if (!config.enabled)
        return tr("Off");
    if (config.twoLoImpersonationEnabled)
        return tr("OAuth with impersonation");
    return config.twoLoEnabled ? tr("OAuth") : tr("OAuth (3-legged only)");
}

QString AdminRows::healthText(const AppLinkHealthRecord *record, bool checking)
{
    if (checking)
        return tr("Checking…");
    if (!record)
        return tr("Not checked");
    const AppLinkHealth &health = record->health;
    if (health.status)
        return statusText(*health.status);
    return tr("Could not check");
}

namespace {

// Sorting the health column puts what needs attention first.
int healthRank(const AppLinkHealthRecord *record, bool checking)
{
    if (checking || !record)
        return 4;
    switch (record->health.diagnosis.verdict) {
    case AppLinkDiagnosis::Verdict::Broken:
        return 0;
    case AppLinkDiagnosis::Verdict::Unknown:
        return 1;
    case AppLinkDiagnosis::Verdict::NotChecked:
        return 2;
    case AppLinkDiagnosis::Verdict::Working:
        return 3;
    }
    return 4;
}

QStringList linkHealthDetails(const AppLinkHealthRecord *record, bool checking)
{
    if (checking)
        return {AdminRows::tr("Health: being checked now…")};
    if (!record)
        return {AdminRows::tr("Health: not checked yet. Press Check to ask Jira.")};
    const AppLinkHealth &health = record->health;
    QStringList lines{AdminRows::tr("Health: %1").arg(health.diagnosis.summary)};
    if (!health.diagnosis.advice.isEmpty())
        lines << AdminRows::tr("What to do: %1").arg(health.diagnosis.advice);
    if (health.status && !health.status->working && !health.status->errorType.isEmpty()) {
        const QString &details = health.status->errorDetails;
        lines << (details.isEmpty()
                      ? AdminRows::tr("Jira reports: %1").arg(health.status->errorType)
                      : AdminRows::tr("Jira reports: %1 (%2)")
                            .arg(health.status->errorType, details));
    }
    lines << AdminRows::tr("Checked at %1.")
                 .arg(QLocale().toString(record->checkedAt, QLocale::ShortFormat));
    return lines;
}

} // namespace

QList<AdminRow> AdminRows::links(const AppLinksController &links,
                                 const QSet<QString> &oauth2ClientIds)
{
    QList<AdminRow> rows;
    for (const AppLinkEntry &entry : links.entries()) {
        const AppLink &link = entry.link;
        if (entry.oauth2Client || oauth2ClientIds.contains(link.id))
            continue; // managed on the OAuth 2.0 clients tab
        const QString type = typeLabel(link.typeId);
        const auto found = links.health().constFind(link.id);
        const AppLinkHealthRecord *record = found == links.health().cend() ? nullptr : &*found;
        const bool checking = links.checking().contains(link.id);
        const QString unknown = entry.oauthError.isError() ? tr("unknown") : QString();
        const QString incoming = entry.oauth ? oauthText(entry.oauth->incoming) : unknown;
        const QString outgoing = entry.oauth ? oauthText(entry.oauth->outgoing) : unknown;

        // What needs attention first: the details pane may show only its top lines.
        QStringList details{link.name};
        details << linkHealthDetails(record, checking) << QString() << tr("Type: %1").arg(type)
                << tr("Display URL: %1").arg(link.displayUrl)
                << tr("Application URL: %1").arg(link.rpcUrl)
                << tr("Primary link to %1: %2").arg(type, link.primary ? tr("yes") : tr("no"));
        if (link.system)
            details << tr("System link: the application manages it, so it cannot be edited, "
                          "moved or deleted here.");
        if (entry.oauth)
            details << tr("Incoming OAuth: %1").arg(incoming)
                    << tr("Outgoing OAuth: %1").arg(outgoing);
        else if (entry.oauthError.isError())
            details << tr("OAuth: could not be read (%1)").arg(entry.oauthError.userMessage());
        details << tr("Link ID: %1").arg(link.id);
        AdminCell health = AdminCell::plain(healthText(record, checking));
        health.raw = healthRank(record, checking);
        rows.append(AdminRow{link.id,
                             {AdminCell::plain(link.name), AdminCell::plain(type), health,
                              AdminCell::flag(link.primary), AdminCell::flag(link.system),
                              AdminCell::plain(incoming), AdminCell::plain(outgoing),
                              AdminCell::plain(link.displayUrl), AdminCell::plain(link.rpcUrl)},
                             joinLines(details)});
    }
    return rows;
}

QList<AdminRow> AdminRows::consumers(const QList<AdminConsumer> &consumers)
{
    QList<AdminRow> rows;
    for (const AdminConsumer &entry : consumers) {
        const OAuthConsumer &consumer = entry.consumer;
        QString keyText = tr("none");
        if (!entry.publicKeySha256.isEmpty())
            keyText = entry.publicKeySha256.left(23) + QStringLiteral("…");
        else if (!consumer.publicKey.isEmpty())
            keyText = tr("unreadable");
        QString twoLegged = tr("no");
        if (consumer.twoLoAllowed && consumer.twoLoImpersonationAllowed)
            twoLegged = tr("yes, with impersonation");
        else if (consumer.twoLoAllowed && !consumer.executingTwoLoUser.isEmpty())
            twoLegged = tr("yes, as %1").arg(consumer.executingTwoLoUser);
        else if (consumer.twoLoAllowed)
            twoLegged = tr("yes");

        QStringList details{consumer.name, tr("Consumer key: %1").arg(consumer.key)};
        if (!consumer.description.isEmpty())
            details << tr("Description: %1").arg(consumer.description);
        details << tr("Application link: %1").arg(entry.linkName);
        details << tr("Callback: %1")
                       .arg(consumer.callback.isEmpty()
                                ? tr("none (users copy a verification code)")
                                : consumer.callback);
        if (!entry.publicKeySha256.isEmpty())
            details << tr("Public key: RSA, %1 bits").arg(entry.publicKeyBits)
                    << tr("SHA-256 fingerprint: %1").arg(entry.publicKeySha256);
        else
            details << (consumer.publicKey.isEmpty()
                            ? tr("Public key: none")
                            : tr("Public key: one AccessDesk cannot read (starts %1…)")
                                  .arg(consumer.publicKey.left(24)));
        if (!consumer.signatureMethod.isEmpty())
            details << tr("Signature method: %1").arg(consumer.signatureMethod);
        details << tr("2-legged OAuth: %1").arg(twoLegged);
        details << QString()
                << tr("If you remove it, every token users gave it stops working at once.");
        rows.append(AdminRow{
            QString(entry.linkId + QLatin1Char('/') + consumer.key),
            {AdminCell::plain(entry.linkName), AdminCell::plain(consumer.key),
             AdminCell::plain(consumer.name),
             AdminCell::plain(consumer.callback.isEmpty() ? tr("none") : consumer.callback),
             AdminCell{keyText, entry.publicKeySha256}, AdminCell::plain(twoLegged)},
            joinLines(details)});
    }
    return rows;
}

QList<AdminRow> AdminRows::clients(const QList<OAuth2Client> &clients)
{
    QList<AdminRow> rows;
    for (const OAuth2Client &client : clients) {
        QStringList details{client.name, tr("Client ID: %1").arg(client.clientId),
                            tr("Scope: %1").arg(client.scope)};
        details << tr("Redirect URIs:");
        for (const QString &redirect : client.redirects)
            details << QString(QStringLiteral("  ") + redirect);
        if (!client.userKey.isEmpty())
            details << tr("Created by user key: %1").arg(client.userKey);
        details << tr("The client secret is not shown here.");
        rows.append(AdminRow{client.id,
                             {AdminCell::plain(client.name), AdminCell::plain(client.clientId),
                              AdminCell::plain(client.scope),
                              AdminCell::plain(client.redirects.join(QStringLiteral(", ")))},
                             joinLines(details)});
    }
    return rows;
}

} // namespace accessdesk
