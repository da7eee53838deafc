#pragma once

#include "auth/RsaKeyPairFile.h"
#include "services/AdminOutcome.h"

#include <QObject>

#include <optional>

class QThread;

namespace accessdesk {

// "Generate a key pair" for a consumer being set up: a new RSA key whose private half goes to the
// file the admin chose (mode 0600, written atomically, an existing file refused unless replacing
// is asked for; RsaKeyPairFile) and whose public half goes into the consumer form. AccessDesk
// keeps no copy of the private key and never shows it. The work (seconds at 4096 bits) runs on a
// thread of its own, so the window stays responsive.
//
// A job: start(), then exactly one finished(). Nothing is sent to any server, so nothing is
// recorded in the activity log. Deleting a running generator waits for the key to be written.
class ConsumerKeyGenerator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsumerKeyGenerator)

public:
    ConsumerKeyGenerator(QString privateKeyPath, int bits = RsaKeyPairFile::kDefaultBits,
                         PrivateKeyFile::Existing existing = PrivateKeyFile::Existing::Refuse,
                         QObject *parent = nullptr);
    ~ConsumerKeyGenerator() override;

    void start();

    bool isFinished() const { return m_finished; }
    // Succeeded; Invalid (fieldErrors["privateKeyFile"]) when the file cannot go where it was
    // asked to (it exists, the folder is missing or not writable, …); Failed otherwise.
    const AdminOutcome &outcome() const { return m_outcome; }
    // After success: the public half, for the form's key field.
    const std::optional<RsaPublicKey> &publicKey() const { return m_result.publicKey; }
    PrivateKeyFile::Problem fileProblem() const { return m_result.fileProblem; }
    const QString &privateKeyPath() const { return m_path; }

signals:
    void finished();

private:
    void report();

    QString m_path;
    int m_bits;
    PrivateKeyFile::Existing m_existing;
    QThread *m_worker = nullptr;
    RsaKeyPairFile::Result m_result; // written by the worker, read after it ended
    AdminOutcome m_outcome;
    bool m_finished = false;
};

} // namespace accessdesk
