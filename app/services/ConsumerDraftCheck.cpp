#include "services/ConsumerDraftCheck.h"

#include "ConsumerRules.h"

#include <QRegularExpression>

namespace accessdesk {

ConsumerDraftVerdict ConsumerDraftCheck::check(const OAuthConsumer &draft,
                                               std::optional<bool> callerIsSysadmin)
{
    ConsumerDraftVerdict verdict;
    QString keyProblem;
    if (!draft.publicKey.trimmed().isEmpty())
        verdict.publicKey = RsaPublicKey::read(draft.publicKey, &keyProblem);
    verdict.fieldErrors = ConsumerRules::check(draft, keyProblem);

    const QString impersonation = QStringLiteral("twoLOImpersonationAllowed");
    if (draft.twoLoImpersonationAllowed && callerIsSysadmin == false &&
        !verdict.fieldErrors.contains(impersonation)) {
        verdict.impersonationNotAllowed = verdict.fieldErrors.isEmpty();
        verdict.fieldErrors.insert(impersonation, impersonationRefusal());
    }
    return verdict;
}

QString ConsumerDraftCheck::impersonationRefusal()
{
    return tr("Only Jira system administrators may allow impersonation, and you are not one. "
              "Turn impersonation off, or ask a system administrator to approve this consumer.");
}

IncomingConsumerDraft ConsumerDraftCheck::toRequest(const OAuthConsumer &draft,
                                                    const RsaPublicKey &key)
{
    IncomingConsumerDraft request;
    request.key = draft.key.trimmed();
    request.name = draft.name.trimmed();
    request.description = draft.description.trimmed();
    request.publicKey = QString::fromLatin1(key.base64());
    request.callback = draft.callback.trimmed();
    request.twoLoAllowed = draft.twoLoAllowed;
    request.executingTwoLoUser =
        draft.twoLoAllowed ? draft.executingTwoLoUser.trimmed() : QString();
    request.twoLoImpersonationAllowed = draft.twoLoAllowed && draft.twoLoImpersonationAllowed;
    return request;
}

bool ConsumerDraftCheck::isLinkId(const QString &id)
{
    // QUuid::fromString would also take a UUID followed by anything.
    static const QRegularExpression uuid(QStringLiteral(
        "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    return uuid.match(id).hasMatch();
}

std::optional<OAuthConsumer> ConsumerDraftCheck::incomingOf(const QList<OAuthConsumer> &consumers,
                                                            const QString &key)
{
    for (const OAuthConsumer &consumer : consumers) {
        // Incoming consumers sign with RSA; outgoing ones (HMAC) carry no public key.
        const bool incoming = !consumer.outgoing && !consumer.publicKey.isEmpty() &&
                              consumer.signatureMethod != QLatin1String("HMAC_SHA1");
        if (incoming && (key.isEmpty() || consumer.key == key))
            return consumer;
    }
    return std::nullopt;
}

} // namespace accessdesk
