#pragma once

#include "api/ApiError.h"
#include "secrets/SecretKey.h"
#include "services/ProbeJob.h"
#include "services/ProfileSaver.h"
#include "storage/ConnectionProfile.h"

#include <QCoreApplication>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace accessdesk {

class ApiJob;
class ProfileStore;
class SecretStore;
class ServerConnection;

// What the user typed into the connection dialog.
struct ConnectionDraft
{
    ConnectionProfile profile;
    // The password or token as typed. Empty while editing means "keep the stored one".
    QString secret;
    // The profile exists already (same name): it is replaced, and its stored secret may be reused
    // while the server's origin (scheme, host, port) stays that of storedBaseUrl.
    bool editing = false;
    QUrl storedBaseUrl; // editing: the address the stored secret was saved for
    // OAuth 1.0a and 2.0: the tokens the browser sign-in obtained (BrowserSignIn::secrets()), in
    // place of secret. Empty while editing means "keep the stored ones".
    SecretWriter::Secrets browserSecrets = {};
};

// The outcome of one test or save, in plain words, with the field it concerns.
struct ConnectionCheck
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionCheck)

public:
    enum class Field { None, Name, BaseUrl, UserName, Secret, Timeout, CaFile };

    bool accepted = false; // the server accepted the credentials
    // Nothing was sent: the address is plain http:// to another computer, and the user has not
    // consented to the secret travelling unencrypted (PlainHttpRule). Asking is the caller's.
    bool needsPlainHttpConsent = false;
    bool saved = false; // save(): the profile and its secret were written
    Field field = Field::None;
    QString message;    // what happened and what to do; for success, who we are connected as
    QString notice;     // said even on success, e.g. that the secret lives only until the app quits
    ApiError error;     // what the API layer reported; Kind::None for problems found locally
    ProbeReport report; // when accepted
    // An address that may work instead (https:// against a plain http server: the http:// one).
    QUrl suggestedBaseUrl;

    // A TLS refusal that names the certificate, so the user may choose to trust it.
    bool canTrustCertificate() const;

    // Plain words for a failed probe; pure, so it can be checked without a server.
    static ConnectionCheck explain(const ApiError &error, const ConnectionProfile &profile);
    // The TLS handshake with an https:// address failed because a plain http server answered.
    static bool isPlainHttpAnswer(const ApiError &error, const QUrl &baseUrl);
    // An https:// address failed in a way a plain http server on that port would cause; whether
    // one is there takes a request over http:// (ConnectionTester asks).
    static bool mayBePlainHttp(const ApiError &error, const QUrl &baseUrl);
    // "Try http:// instead", with that address in suggestedBaseUrl.
    static ConnectionCheck suggestPlainHttp(const ApiError &error,
                                            const ConnectionProfile &profile);
    // What can be said without sending anything: address, credentials present, CA file.
    static std::optional<ConnectionCheck> checkLocally(const ConnectionDraft &draft);
    static SecretKind secretKindFor(AuthKind kind);
    // What a missing keychain means for the user, in plain words; the keychain's own (D-Bus)
    // wording belongs in a tooltip or details (SecretStore::unavailableReason()).
    static QString noKeychainNotice();
    // The services' messages are the CLI's lower-case clauses; a window shows sentences.
    static QString asSentence(QString clause);
};

// Runs the connection dialog's "Test connection" and "Save": checks locally, then tests with
// ProfileProbe or saves with ProfileSaver (the same save as accessdesk-cli's "profiles add":
// probe, then secret, then profile, undone on failure), and words the outcome for the dialog.
// Reports each operation once via finished(); a new operation or cancel() drops the one still
// running, which then never reports.
class ConnectionTester final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTester)

public:
    // secrets must not be null; all three must outlive the tester.
    ConnectionTester(ProfileStore &profiles, SecretStore *secrets, QNetworkAccessManager *network,
                     QObject *parent = nullptr);
    ~ConnectionTester() override;

    void test(const ConnectionDraft &draft);
    void save(const ConnectionDraft &draft);
    // After a TLS refusal: trusts exactly this certificate for this server (the draft's profile
    // gets the pin) and repeats the test or save that was refused.
    void trustCertificate(const CertificateInfo &certificate);
    void cancel();

    bool isBusy() const { return m_busy; }
    const ConnectionCheck &result() const { return m_result; }
    // The draft of the last operation, with the pin added by trustCertificate().
    const ConnectionDraft &draft() const { return m_draft; }
    // Why secrets are kept only until the app quits (no keychain), in plain words; empty while
    // a keychain works. keychainDetails() is what the keychain said, for a tooltip.
    QString keychainNotice() const;
    QString keychainDetails() const;

signals:
    void busyChanged(bool busy);
    void finished();
    // The keychain was found missing: from now on secrets last only until the app quits.
    // notice is keychainNotice(), details keychainDetails().
    void keychainUnavailable(const QString &notice, const QString &details);

private:
    enum class Operation { Test, Save };

    void begin(Operation operation, const ConnectionDraft &draft);
    void run();
    void onProbed();
    void onSaved();
    ConnectionCheck failedProbe(const ProfileProbe &probe) const;
    // Finishes with check, after asking the same port over http:// when https:// may have met
    // a plain http server.
    void finishFailedProbe(ConnectionCheck check);
    ConnectionCheck success(const ProbeReport &report) const;
    SecretWriter::Secrets draftSecrets() const;
    void finish(ConnectionCheck check);
    void finishLater(ConnectionCheck check);
    void setBusy(bool busy);

    ProfileStore &m_profiles;
    SecretStore *m_secrets;
    ProfileProbe *m_probe;
    ProfileSaver *m_saver;
    QNetworkAccessManager *m_network;
    std::unique_ptr<ServerConnection> m_plainConnection; // for the http:// question
    QPointer<ApiJob> m_plainCheck;
    ConnectionDraft m_draft;
    ConnectionCheck m_result;
    Operation m_operation = Operation::Test;
    // Bumped by every operation and cancel(): late answers of an older run are ignored.
    quint64 m_run = 0;
    bool m_busy = false;
};

} // namespace accessdesk
