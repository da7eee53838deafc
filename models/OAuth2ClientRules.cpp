#include "OAuth2ClientRules.h"

#include "WebUrl.h"

namespace accessdesk {

namespace {

const QString kName = QStringLiteral("name");
const QString kRedirects = QStringLiteral("redirects");
const QString kScope = QStringLiteral("scope");

QString nameProblem(const QString &name, const QStringList &takenNames)
{
    if (name.isEmpty())
        return OAuth2ClientRules::tr("Enter a name for the client.");
    if (name.size() > OAuth2ClientRules::kMaxNameLength) {
        return OAuth2ClientRules::tr("The name is %1 characters long; Jira allows at most %2. "
                                     "Shorten it.")
            .arg(name.size())
            .arg(OAuth2ClientRules::kMaxNameLength);
    }
    for (const QString &taken : takenNames) {
        if (taken.trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return OAuth2ClientRules::tr("A client with this name already exists. Choose "
                                         "another name.");
    }
    return {};
}

QString scopeProblem(const QString &scope)
{
    if (scope.isEmpty())
        return OAuth2ClientRules::tr("Choose a scope: READ, WRITE, ADMIN or SYSTEM_ADMIN.");
    if (!OAuth2ClientRules::scopes().contains(scope)) {
        return OAuth2ClientRules::tr("\"%1\" is not a scope Jira knows. Choose READ, WRITE, "
                                     "ADMIN or SYSTEM_ADMIN.")
            .arg(scope.left(40));
    }
    return {};
}

} // namespace

QStringList OAuth2ClientRules::scopes()
{
    return {QStringLiteral("READ"), QStringLiteral("WRITE"), QStringLiteral("ADMIN"),
            QStringLiteral("SYSTEM_ADMIN")};
}

QString OAuth2ClientRules::redirectProblem(const QString &redirect)
{
    if (redirect.size() > kMaxRedirectLength) {
        return tr("The URL is %1 characters long; Jira allows at most %2.")
            .arg(redirect.size())
            .arg(kMaxRedirectLength);
    }
    QUrl url;
    switch (webUrl::check(redirect, &url)) {
    case webUrl::Problem::NotAbsolute:
        return tr("This is not a complete URL. Enter an absolute URL such as "
                  "https://app.example.com/callback.");
    case webUrl::Problem::Fragment:
        return tr("Remove the part from \"#\" on: Jira does not allow a fragment in a redirect "
                  "URL.");
    case webUrl::Problem::NotWeb:
    case webUrl::Problem::None:
        break;
    }
    const bool https = url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    const bool loopbackHttp =
        url.scheme().compare(QLatin1String("http"), Qt::CaseInsensitive) == 0 &&
        webUrl::isLoopback(url);
    if (!https && !loopbackHttp) {
        return tr("Use an https:// URL. Jira accepts plain http:// only for localhost, 127.0.0.1 "
                  "and [::1].");
    }
    return {};
}

OAuth2ClientProblems OAuth2ClientRules::check(const OAuth2Client &draft, Purpose purpose,
                                              const QStringList &takenNames)
{
    const OAuth2Client client = normalised(draft);
    const bool update = purpose == Purpose::Update;
    OAuth2ClientProblems problems;

    if (!(update && client.name.isEmpty())) {
        if (const QString problem = nameProblem(client.name, takenNames); !problem.isEmpty())
            problems.fieldErrors.insert(kName, problem);
    }

    for (qsizetype line = 0; line < draft.redirects.size(); ++line) {
        const QString redirect = draft.redirects.at(line).trimmed();
        if (redirect.isEmpty())
            continue;
        if (const QString problem = redirectProblem(redirect); !problem.isEmpty())
            problems.redirectLines.insert(int(line), problem);
    }
    if (!problems.redirectLines.isEmpty()) {
        const auto first = problems.redirectLines.constBegin();
        problems.fieldErrors.insert(kRedirects,
                                    tr("Line %1: %2").arg(first.key() + 1).arg(first.value()));
    } else if (client.redirects.isEmpty() && !update) {
        problems.fieldErrors.insert(kRedirects, tr("Enter at least one redirect URL."));
    }

    if (!(update && client.scope.isEmpty())) {
        if (const QString problem = scopeProblem(client.scope); !problem.isEmpty())
            problems.fieldErrors.insert(kScope, problem);
    }
    return problems;
}

OAuth2Client OAuth2ClientRules::normalised(const OAuth2Client &draft)
{
    OAuth2Client client = draft;
    client.name = draft.name.trimmed();
    client.scope = draft.scope.trimmed();
    client.redirects.clear();
    for (const QString &line : draft.redirects) {
        if (const QString redirect = line.trimmed(); !redirect.isEmpty())
            client.redirects.append(redirect);
    }
    return client;
}

} // namespace accessdesk
