#include "auth/RsaKeyPairFile.h"
#include "auth/RsaPrivateKey.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using accessdesk::PrivateKeyFile;
using accessdesk::RsaKeyPairFile;
using accessdesk::RsaPrivateKey;
using Problem = accessdesk::PrivateKeyFile::Problem;

namespace {

int modeOf(const QString &path)
{
    struct stat status;
    if (::stat(QFile::encodeName(path).constData(), &status) != 0)
        return -1;
    return int(status.st_mode & 07777);
}

QByteArray contentsOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Every name in the folder, hidden ones included: a leftover temporary file shows up here.
QStringList entries(const QString &folder)
{
    return QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

// The private key as python's cryptography package (what requests-oauthlib signs with) reads
// it: its size and the base64 SPKI of its public half, or python's error.
QByteArray pythonReads(const QString &path)
{
    QProcess python;
    python.start(
        QStringLiteral("/usr/bin/python3"),
        {QStringLiteral("-c"),
         QStringLiteral("import base64, sys\n"
                        "from cryptography.hazmat.primitives import serialization as s\n"
                        "key = s.load_pem_private_key(open(sys.argv[1], 'rb').read(), None)\n"
                        "der = key.public_key().public_bytes(s.Encoding.DER,\n"
                        "    s.PublicFormat.SubjectPublicKeyInfo)\n"
                        "print(key.key_size, base64.b64encode(der).decode())\n"),
         path});
    if (!python.waitForFinished(60000))
        return "python did not finish";
    return python.exitCode() == 0 ? python.readAllStandardOutput().trimmed()
                                  : python.readAllStandardError();
}

// Runs body with file creation limited to limit bytes, as a full disk would stop it.
template<typename Body> void withFileSizeLimit(rlim_t limit, Body body)
{
    struct rlimit saved;
    ::getrlimit(RLIMIT_FSIZE, &saved);
    struct rlimit small = saved;
    small.rlim_cur = limit;
    const auto previous = std::signal(SIGXFSZ, SIG_IGN); // EFBIG instead of a killed test
    ::setrlimit(RLIMIT_FSIZE, &small);
    body();
    ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previous);
}

} // namespace

// "Generate a key pair": the private key lands in the chosen file, readable by its owner only,
// in a form both AccessDesk and python read; every way the file cannot be written is said
// plainly and leaves nothing behind.
class TestRsaKeyPairFile final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesAnOwnerOnlyKeyOthersCanUse();
    void makesTheLargerSizes_data();
    void makesTheLargerSizes();
    void refusesOtherSizes();
    void keepsAnExistingFileUnlessToldToReplaceIt();
    void refusesAMissingFolder();
    void refusesAFolderItMayNotWriteIn();
    void refusesAFolderAsTheFile();
    void refusesAnEmptyPath();
    void saysWhenTheDiskIsFull();
};

void TestRsaKeyPairFile::writesAnOwnerOnlyKeyOthersCanUse()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString path = folder.filePath(QStringLiteral("consumer.pem"));
    // With no umask at all the file would be 0666 unless the code asks for 0600 itself.
    const mode_t savedMask = ::umask(0);
    const RsaKeyPairFile::Result result = RsaKeyPairFile::create(path);
    ::umask(savedMask);
    QVERIFY2(result, qPrintable(result.error));
    QCOMPARE(result.fileProblem, Problem::None);
    QVERIFY(result.error.isEmpty());
    QCOMPARE(result.publicKey->bits(), 2048);

    QCOMPARE(modeOf(path), 0600);
    QCOMPARE(entries(folder.path()), QStringList{QStringLiteral("consumer.pem")});

    const QByteArray pem = contentsOf(path);
    QVERIFY(pem.startsWith("-----BEGIN PRIVATE KEY-----\n")); // PKCS#8, unencrypted
    QString error;
    const auto privateKey = RsaPrivateKey::fromPem(pem, &error);
    QVERIFY2(privateKey, qPrintable(error));
    QCOMPARE(privateKey->bits(), 2048);
    QCOMPARE(privateKey->publicKeyBase64(), result.publicKey->base64());

    QCOMPARE(pythonReads(path), "2048 " + result.publicKey->base64());
}

void TestRsaKeyPairFile::makesTheLargerSizes_data()
{
    QTest::addColumn<int>("bits");
    QTest::newRow("3072") << 3072;
    QTest::newRow("4096") << 4096;
}

void TestRsaKeyPairFile::makesTheLargerSizes()
{
    QFETCH(int, bits);
    QVERIFY(RsaKeyPairFile::allowedBits().contains(bits));
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("key.pem"));
    const RsaKeyPairFile::Result result = RsaKeyPairFile::create(path, bits);
    QVERIFY2(result, qPrintable(result.error));
    QCOMPARE(result.publicKey->bits(), bits);
    QCOMPARE(modeOf(path), 0600);
    QCOMPARE(pythonReads(path), QByteArray::number(bits) + ' ' + result.publicKey->base64());
}

void TestRsaKeyPairFile::refusesOtherSizes()
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("key.pem"));
    for (const int bits : {1024, 2047, 8192}) {
        const RsaKeyPairFile::Result result = RsaKeyPairFile::create(path, bits);
        QVERIFY(!result);
        QVERIFY2(result.error.contains(QLatin1String("2048, 3072 or 4096 bits")),
                 qPrintable(result.error));
    }
    QVERIFY(entries(folder.path()).isEmpty());
}

void TestRsaKeyPairFile::keepsAnExistingFileUnlessToldToReplaceIt()
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("consumer.pem"));
    QFile existing(path);
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("the old key, still in use\n");
    existing.close();
    QVERIFY(existing.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));

    const RsaKeyPairFile::Result refused = RsaKeyPairFile::create(path);
    QVERIFY(!refused);
    QCOMPARE(refused.fileProblem, Problem::FileExists);
    QVERIFY2(refused.error.contains(QLatin1String("already exists")), qPrintable(refused.error));
    QVERIFY(refused.error.contains(QDir::toNativeSeparators(path)));
    QCOMPARE(contentsOf(path), "the old key, still in use\n");
    QCOMPARE(entries(folder.path()), QStringList{QStringLiteral("consumer.pem")});

    const RsaKeyPairFile::Result replaced =
        RsaKeyPairFile::create(path, 2048, PrivateKeyFile::Existing::Replace);
    QVERIFY2(replaced, qPrintable(replaced.error));
    QVERIFY(contentsOf(path).startsWith("-----BEGIN PRIVATE KEY-----"));
    QCOMPARE(modeOf(path), 0600); // the new file's mode, not the old one's 0604
    QCOMPARE(entries(folder.path()), QStringList{QStringLiteral("consumer.pem")});
}

void TestRsaKeyPairFile::refusesAMissingFolder()
{
    QTemporaryDir folder;
    const QString missing = folder.filePath(QStringLiteral("no-such-folder"));
    const RsaKeyPairFile::Result result =
        RsaKeyPairFile::create(missing + QStringLiteral("/key.pem"));
    QVERIFY(!result);
    QCOMPARE(result.fileProblem, Problem::FolderMissing);
    QVERIFY2(result.error.contains(QLatin1String("does not exist")), qPrintable(result.error));
    QVERIFY(result.error.contains(QDir::toNativeSeparators(missing)));
    QVERIFY(entries(folder.path()).isEmpty());
}

void TestRsaKeyPairFile::refusesAFolderItMayNotWriteIn()
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("key.pem"));
    RsaKeyPairFile::Result result;
    if (::geteuid() == 0) {
        // root writes anywhere: the folder is root's (0755) and the write runs as nobody.
        QVERIFY(QFile::setPermissions(folder.path(), QFile::ReadOwner | QFile::WriteOwner |
                                                         QFile::ExeOwner | QFile::ReadOther |
                                                         QFile::ExeOther));
        QCOMPARE(::seteuid(65534), 0);
        result = RsaKeyPairFile::create(path);
        QCOMPARE(::seteuid(0), 0);
    } else {
        QVERIFY(QFile::setPermissions(folder.path(), QFile::ReadOwner | QFile::ExeOwner));
        result = RsaKeyPairFile::create(path);
        QFile::setPermissions(folder.path(),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    QVERIFY(!result);
    QCOMPARE(result.fileProblem, Problem::FolderNotWritable);
    QVERIFY2(result.error.contains(QLatin1String("may not write in the folder")),
             qPrintable(result.error));
    QVERIFY(result.error.contains(QDir::toNativeSeparators(folder.path())));
    QVERIFY(entries(folder.path()).isEmpty());
}

void TestRsaKeyPairFile::refusesAFolderAsTheFile()
{
    QTemporaryDir folder;
    QVERIFY(QDir(folder.path()).mkdir(QStringLiteral("keys")));
    for (const auto existing :
         {PrivateKeyFile::Existing::Refuse, PrivateKeyFile::Existing::Replace}) {
        const RsaKeyPairFile::Result result =
            RsaKeyPairFile::create(folder.filePath(QStringLiteral("keys")), 2048, existing);
        QVERIFY(!result);
        QCOMPARE(result.fileProblem, Problem::IsAFolder);
        QVERIFY2(result.error.contains(QLatin1String("is a folder")), qPrintable(result.error));
    }
    QCOMPARE(entries(folder.path()), QStringList{QStringLiteral("keys")});
}

void TestRsaKeyPairFile::refusesAnEmptyPath()
{
    const RsaKeyPairFile::Result result = RsaKeyPairFile::create(QStringLiteral("  "));
    QVERIFY(!result);
    QCOMPARE(result.fileProblem, Problem::NoPath);
    QVERIFY(!result.error.isEmpty());
}

void TestRsaKeyPairFile::saysWhenTheDiskIsFull()
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("key.pem"));
    RsaKeyPairFile::Result result;
    // A 2048-bit PKCS#8 PEM is about 1.7 KB; the disk "fills up" after 512 bytes of it.
    withFileSizeLimit(512, [&] { result = RsaKeyPairFile::create(path); });
    QVERIFY(!result);
    QCOMPARE(result.fileProblem, Problem::DiskFull);
    QVERIFY2(result.error.contains(QLatin1String("not enough space")), qPrintable(result.error));
    // Neither the half-written temporary file nor the key file is left.
    QVERIFY2(entries(folder.path()).isEmpty(), qPrintable(entries(folder.path()).join(u',')));
}

QTEST_GUILESS_MAIN(TestRsaKeyPairFile)
#include "tst_rsakeypairfile.moc"
