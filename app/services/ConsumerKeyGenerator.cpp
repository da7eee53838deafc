#include "services/ConsumerKeyGenerator.h"

#include <QDir>
#include <QThread>

namespace accessdesk {

ConsumerKeyGenerator::ConsumerKeyGenerator(QString privateKeyPath, int bits,
                                           PrivateKeyFile::Existing existing, QObject *parent)
    : QObject(parent)
    , m_path(std::move(privateKeyPath))
    , m_bits(bits)
    , m_existing(existing)
{}

ConsumerKeyGenerator::~ConsumerKeyGenerator()
{
    if (m_worker) {
        // The worker writes into this object: it must end before this object does.
        m_worker->wait();
        delete m_worker;
    }
}

void ConsumerKeyGenerator::start()
{
    if (m_worker)
        return;
    m_worker =
        QThread::create([this] { m_result = RsaKeyPairFile::create(m_path, m_bits, m_existing); });
    connect(m_worker, &QThread::finished, this, &ConsumerKeyGenerator::report);
    m_worker->start();
}

void ConsumerKeyGenerator::report()
{
    using Status = AdminOutcome::Status;
    if (m_result) {
        m_outcome = AdminOutcome::success(
            tr("A new %1-bit key pair was made. The private key is in %2, readable by you only; "
               "AccessDesk keeps no copy of it.")
                .arg(m_result.publicKey->bits())
                .arg(QDir::toNativeSeparators(m_path)));
    } else {
        bool placement = false;
        switch (m_result.fileProblem) {
        case PrivateKeyFile::Problem::NoPath:
        case PrivateKeyFile::Problem::FolderMissing:
        case PrivateKeyFile::Problem::FolderNotWritable:
        case PrivateKeyFile::Problem::FileExists:
        case PrivateKeyFile::Problem::IsAFolder:
            placement = true;
            break;
        case PrivateKeyFile::Problem::None: // the key itself could not be made
        case PrivateKeyFile::Problem::DiskFull:
        case PrivateKeyFile::Problem::WriteFailed:
            break;
        }
        const QString notMade = tr("No key pair was made.");
        m_outcome =
            placement
                ? AdminOutcome::local(Status::Invalid, notMade, {},
                                      {{QStringLiteral("privateKeyFile"), m_result.error}})
                : AdminOutcome::local(Status::Failed, notMade + QLatin1Char(' ') + m_result.error);
    }
    m_finished = true;
    emit finished();
}

} // namespace accessdesk
