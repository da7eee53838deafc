#pragma once

#include "secrets/SecretKey.h"

#include <QList>
#include <QObject>
#include <QString>

#include <utility>

namespace accessdesk {

class SecretStore;

// Stores several secrets of one profile in the keychain: the one place that writes secrets, for
// the CLI (sign-in flows, profiles add) and the app (the connection dialog) alike. An empty value
// is skipped, so a missing one (no refresh token from the server, a password left empty to keep
// the stored one) never replaces what is stored.
//
// A job: start(), then exactly one finished(), always after start() returned. With
// setRememberPrevious(true) it first reads what each entry held, so that rollBack() can put the
// keychain back as it was when a later step (saving the profile) fails.
class SecretWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretWriter)

public:
    using Secrets = QList<std::pair<SecretKind, QString>>;

    enum class Outcome {
        Stored,     // every secret is in the keychain (or there was nothing to store)
        MemoryOnly, // no keychain: the secrets last only until this process ends
        Refused,    // the keychain refused one or more; problem() says why
    };

    SecretWriter(SecretStore *store, QString profileName, Secrets secrets,
                 QObject *parent = nullptr);
    ~SecretWriter() override;

    void setRememberPrevious(bool remember) { m_rememberPrevious = remember; }
    void start();
    // Restores the entries this writer changed (deletes those that were empty before), then
    // emits rolledBack(). Only after finished(); nothing to do emits rolledBack() too.
    void rollBack();

    bool isFinished() const { return m_finished; }
    Outcome outcome() const { return m_outcome; }
    // The keychain's own words for the first problem; empty when Stored.
    const QString &problem() const { return m_problem; }
    // The kinds this writer stored (non-empty values).
    QList<SecretKind> writtenKinds() const;

signals:
    void finished();
    void rolledBack();

private:
    struct Entry
    {
        SecretKind kind;
        QByteArray value;
        QByteArray previous;
        bool hadPrevious = false;
    };

    void readPrevious();
    void write();
    void noteProblem(Outcome outcome, const QString &problem);
    void finish();

    SecretStore *m_store;
    QString m_profileName;
    QList<Entry> m_entries; // values in memory only; wiped in the destructor
    Outcome m_outcome = Outcome::Stored;
    QString m_problem;
    int m_pending = 0;
    bool m_rememberPrevious = false;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace accessdesk
