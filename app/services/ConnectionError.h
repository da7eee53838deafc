#pragma once

namespace accessdesk {

// Why a connection (or one of its secrets) could not be set up. Each front end maps these to its
// own reaction (the CLI to its exit codes); the job that failed says why in plain words.
enum class ConnectionError {
    None,
    Usage,               // the options do not add up: no user, unreadable key or CA file, …
    NoServer,            // neither a profile nor a server was named
    UnknownProfile,      // no saved profile of that name
    SecretMissing,       // no environment variable named for a secret, or it is not set
    NotInKeychain,       // the profile's keychain entry for the secret is empty
    KeychainUnavailable, // no keychain to read the profile's secret from
    KeychainRefused,     // the keychain would not give the secret
    LoginRefused,        // the server refused the session login; apiError() says why
};

} // namespace accessdesk
