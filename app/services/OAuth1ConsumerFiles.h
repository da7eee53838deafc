#pragma once

#include "auth/OAuth1Signer.h"
#include "services/ConnectionOptions.h"
#include "storage/ConnectionProfile.h"

#include <QString>

#include <optional>

namespace accessdesk {

// The OAuth 1.0a consumer a command signs as: its key and the PEM file of its private key, from
// --consumer-key and --private-key, each else from the profile. Used to sign in with a stored
// access token and to obtain a new one.
struct OAuth1ConsumerFiles
{
    QString consumerKey;
    QString privateKeyFile;

    static OAuth1ConsumerFiles chosen(const ConnectionOptions &options,
                                      const std::optional<ConnectionProfile> &profile);

    bool isComplete() const { return !consumerKey.isEmpty() && !privateKeyFile.isEmpty(); }
    // Reads the private key file. std::nullopt with *error in plain words, naming the file, when
    // it cannot be read or holds no usable RSA key.
    std::optional<OAuth1Signer> loadSigner(QString *error) const;
};

} // namespace accessdesk
