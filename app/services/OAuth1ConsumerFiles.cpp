#include "services/OAuth1ConsumerFiles.h"

#include <QFile>

namespace accessdesk {

OAuth1ConsumerFiles OAuth1ConsumerFiles::chosen(const ConnectionOptions &options,
                                                const std::optional<ConnectionProfile> &profile)
{
    const auto either = [&profile](const QString &given, QString ConnectionProfile::*saved) {
        return !given.isEmpty() ? given : (profile ? (*profile).*saved : QString());
    };
    return {either(options.consumerKey, &ConnectionProfile::consumerKey),
            either(options.privateKeyFile, &ConnectionProfile::privateKeyFile)};
}

std::optional<OAuth1Signer> OAuth1ConsumerFiles::loadSigner(QString *error) const
{
    QFile file(privateKeyFile);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the private key file %1: %2")
                     .arg(privateKeyFile, file.errorString());
        return std::nullopt;
    }
    QString keyError;
    auto signer = OAuth1Signer::fromPem(consumerKey, file.readAll(), &keyError);
    if (!signer)
        *error = QStringLiteral("the private key in %1 cannot be used: %2")
                     .arg(privateKeyFile, keyError);
    return signer;
}

} // namespace accessdesk
