#include "ConsumerRules.h"

#include "WebUrl.h"

#include <algorithm>

namespace accessdesk {

namespace {

bool hasSpace(const QString &text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c.isSpace(); });
}

// sentence has %1 for the length and %2 for the limit: whole sentences translate better.
QString tooLong(const QString &sentence, qsizetype length, qsizetype limit)
{
    return sentence.arg(length).arg(limit);
}

QString keyProblem(const QString &key)
{
    if (key.isEmpty())
        return ConsumerRules::tr("Enter the consumer key the application signs its requests "
                                 "with.");
    if (hasSpace(key))
        return ConsumerRules::tr("The consumer key cannot contain spaces or line breaks.");
    if (key.size() > ConsumerRules::kMaxKeyLength)
        return tooLong(ConsumerRules::tr("The consumer key is %1 characters long; at most %2 "
                                         "are allowed. Shorten it."),
                       key.size(), ConsumerRules::kMaxKeyLength);
    return {};
}

QString nameProblem(const QString &name)
{
    if (name.isEmpty())
        return ConsumerRules::tr("Enter a name: users see it when they allow access and on "
                                 "their token pages.");
    if (name.size() > ConsumerRules::kMaxNameLength)
        return tooLong(ConsumerRules::tr("The name is %1 characters long; at most %2 are allowed. "
                                         "Shorten it."),
                       name.size(), ConsumerRules::kMaxNameLength);
    return {};
}

QString callbackProblem(const QString &callback)
{
    if (callback.isEmpty())
        return {};
    switch (webUrl::check(callback)) {
    case webUrl::Problem::None:
        return {};
    case webUrl::Problem::Fragment:
        return ConsumerRules::tr("Remove the part from \"#\" on: a callback URL cannot have a "
                                 "fragment.");
    case webUrl::Problem::NotAbsolute:
    case webUrl::Problem::NotWeb:
        break;
    }
    return ConsumerRules::tr("Enter the callback as an absolute http:// or https:// URL, such as "
                             "https://app.example.com/oauth/callback, or leave it empty.");
}

} // namespace

QMap<QString, QString> ConsumerRules::check(const OAuthConsumer &draft,
                                            const QString &publicKeyProblem)
{
    QMap<QString, QString> errors;
    const auto note = [&errors](const char *field, const QString &problem) {
        if (!problem.isEmpty())
            errors.insert(QString::fromLatin1(field), problem);
    };
    note("key", keyProblem(draft.key.trimmed()));
    note("name", nameProblem(draft.name.trimmed()));
    const QString description = draft.description.trimmed();
    if (description.size() > kMaxDescriptionLength)
        note("description", tooLong(tr("The description is %1 characters long; at most %2 "
                                       "are allowed. Shorten it."),
                                    description.size(), kMaxDescriptionLength));
    if (draft.publicKey.trimmed().isEmpty())
        note("publicKey", tr("Paste the consumer's RSA public key, load it from a file, or "
                             "generate a key pair."));
    else
        note("publicKey", publicKeyProblem);
    note("callback", callbackProblem(draft.callback.trimmed()));

    const QString executeAs = draft.executingTwoLoUser.trimmed();
    if (draft.twoLoAllowed && executeAs.isEmpty())
        note("executingTwoLOUser", tr("Enter the user that two-legged requests run as."));
    else if (!draft.twoLoAllowed && !executeAs.isEmpty())
        note("executingTwoLOUser", tr("An execute-as user applies only to two-legged OAuth: "
                                      "turn two-legged OAuth on, or clear the user."));
    else if (executeAs.size() > kMaxUserNameLength)
        note("executingTwoLOUser", tooLong(tr("The user name is %1 characters long; at most "
                                              "%2 are allowed."),
                                           executeAs.size(), kMaxUserNameLength));
    if (draft.twoLoImpersonationAllowed && !draft.twoLoAllowed)
        note("twoLOImpersonationAllowed", tr("Impersonation works only with two-legged OAuth: "
                                             "turn two-legged OAuth on, or impersonation off."));
    return errors;
}

} // namespace accessdesk
