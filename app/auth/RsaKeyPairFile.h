#pragma once

#include "auth/PrivateKeyFile.h"
#include "auth/RsaPublicKey.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace accessdesk {

// "Generate a key pair" for an OAuth 1.0a consumer being set up (issue 8 section 2): a new RSA
// key whose private half goes to a file the admin chose (unencrypted PKCS#8 PEM, which
// RsaPrivateKey and python's requests-oauthlib read, written by PrivateKeyFile with mode 0600)
// and whose public half is returned for the consumer form. AccessDesk keeps no copy of the
// private key: its bytes are wiped from memory once written, and never logged. Blocking (key
// generation takes seconds at 4096 bits): call it from a worker thread in the app.
class RsaKeyPairFile
{
    Q_DECLARE_TR_FUNCTIONS(RsaKeyPairFile)

public:
    static constexpr int kDefaultBits = 2048;
    // The sizes offered: Jira's minimum, and the two larger sizes that are still quick to use.
    static QList<int> allowedBits();

    struct Result
    {
        std::optional<RsaPublicKey> publicKey; // set on success only
        PrivateKeyFile::Problem fileProblem = PrivateKeyFile::Problem::None;
        QString error; // a sentence for the user when publicKey is empty

        explicit operator bool() const { return publicKey.has_value(); }
    };

    static Result create(const QString &privateKeyPath, int bits = kDefaultBits,
                         PrivateKeyFile::Existing existing = PrivateKeyFile::Existing::Refuse);
};

} // namespace accessdesk
