#pragma once

#include "secrets/SecretKey.h"
#include "services/ConnectionError.h"

#include <QObject>
#include <QString>

namespace accessdesk {

class SecretStore;

// Where one secret comes from. A secret never comes from argv: it is typed (the app), held in an
// environment variable whose NAME the command line gives (the CLI), or stored in the profile's
// keychain entry. The first source that is set wins.
struct SecretSource
{
    SecretKind kind = SecretKind::Password;
    QString what;        // names the secret in messages: "password", "personal access token"
    QString envVar;      // read this environment variable …
    QString profileName; // … else this profile's keychain entry (empty: no keychain fallback)
};

// Reads one secret: the one place that knows the order above, so the CLI's commands, the
// connection resolver and the app's connection test read secrets alike. A job: start(), then
// exactly one finished(), always after start() returned; then read error(), errorString(),
// found() and value().
//
// Errors: SecretMissing (no source, or the environment variable is empty), NotInKeychain (only
// when absence is an error, see setAbsentIsEmpty), KeychainUnavailable, KeychainRefused. The
// errorString() is accessdesk-cli's contract wording; keychainError() is what the keychain said,
// for front ends that word the failure themselves.
class SecretReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretReader)

public:
    SecretReader(SecretStore *store, SecretSource source, QObject *parent = nullptr);
    ~SecretReader() override;

    // With true, a keychain without an entry is no error: found() is false and value() empty
    // (for optional secrets such as a refresh token).
    void setAbsentIsEmpty(bool absentIsEmpty) { m_absentIsEmpty = absentIsEmpty; }
    void start();

    bool isFinished() const { return m_finished; }
    ConnectionError error() const { return m_error; }
    const QString &errorString() const { return m_errorString; }
    const QString &keychainError() const { return m_keychainError; }
    const SecretSource &source() const { return m_source; }
    bool found() const { return m_found; }
    const QString &value() const { return m_value; } // memory only; never log it

signals:
    void finished();

private:
    void read();
    void readKeychain();
    void finish(ConnectionError error, const QString &message, const QString &value = {});

    SecretStore *m_store;
    SecretSource m_source;
    ConnectionError m_error = ConnectionError::None;
    QString m_errorString;
    QString m_keychainError;
    QString m_value;
    bool m_absentIsEmpty = false;
    bool m_found = false;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace accessdesk
