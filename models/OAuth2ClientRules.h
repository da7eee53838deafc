#pragma once

#include "OAuth2Client.h"

#include <QCoreApplication>
#include <QMap>
#include <QString>
#include <QStringList>

namespace accessdesk {

// What is wrong with an OAuth 2.0 client draft, found before it is sent.
struct OAuth2ClientProblems
{
    // Keyed like the server's fieldErrors ("name", "redirects", "scope"), one sentence each, so
    // the form shows local and server refusals at the same field.
    QMap<QString, QString> fieldErrors;
    // Every redirect line at fault: its index in the list checked, and what is wrong with it.
    // fieldErrors["redirects"] names the first of them.
    QMap<int, QString> redirectLines;

    bool ok() const { return fieldErrors.isEmpty(); }
};

// The checks Jira's RestClientValidator makes on an incoming OAuth 2.0 client (spec 6.1), so a
// form or the CLI can refuse a draft at the right field without a round trip. Pure: no network.
class OAuth2ClientRules
{
    Q_DECLARE_TR_FUNCTIONS(OAuth2ClientRules)

public:
    // Create checks a whole client. Update follows Jira's partial PUT: a blank name or scope and
    // an empty redirect list keep the stored values, so only what is given is checked.
    enum class Purpose { Create, Update };

    // The spec says "too long" without a number; 255 is the usual column size, and what
    // trackersim enforces. 450 is Jira's own limit for a redirect URL.
    static constexpr qsizetype kMaxNameLength = 255;
    static constexpr qsizetype kMaxRedirectLength = 450;

    // READ, WRITE, ADMIN, SYSTEM_ADMIN: Jira's scopes, each including the ones before (spec 6.6).
    static QStringList scopes();

    // draft.redirects are the lines as entered (e.g. a text box split at line breaks), so that
    // indexes match what the user sees; blank lines are skipped, not refused. Names and URLs
    // are judged trimmed. takenNames (the other clients' names, compared case-insensitively)
    // lets the form report a duplicate name before Jira does.
    static OAuth2ClientProblems check(const OAuth2Client &draft, Purpose purpose = Purpose::Create,
                                      const QStringList &takenNames = {});

    // What is wrong with one redirect URL (already trimmed), or an empty string.
    static QString redirectProblem(const QString &redirect);

    // The draft as it should be sent: name, scope and redirects trimmed, blank lines dropped.
    static OAuth2Client normalised(const OAuth2Client &draft);
};

} // namespace accessdesk
