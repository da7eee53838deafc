// The receipt of a token sweep: its CSV rows (ISO 8601 UTC times, outcome keys, reasons), and the
// file: created 0600 even under a permissive umask, an existing file refused or — when allowed —
// replaced only if it is a regular file, never through a link, and nothing left behind.
#include "../FileModes.h"
#include "services/TokenSweepReceipt.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <sys/stat.h>

using namespace accessdesk;
using Existing = TokenSweepReceipt::Existing;

namespace {

TokenSweep::Item item(qint64 id, const QString &name, const QString &owner,
                      TokenSweep::Outcome outcome, const QString &reason = {})
{
    TokenSweep::Item result;
    result.token.id = id;
    result.token.name = name;
    result.token.createdAt = QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5, 6), Qt::UTC);
    if (!owner.isEmpty())
        result.token.owner = TokenOwner{QStringLiteral("KEY-") + owner, owner, {}, {}};
    result.outcome = outcome;
    result.reason = reason;
    return result;
}

QByteArray read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

} // namespace

class TestTokenSweepReceipt final : public QObject
{
    Q_OBJECT

private slots:
    void csvHasOneRowPerTokenWithTimesInUtc();
    void csvKeepsEveryOutcomeAndReason();
    void newFileIsOwnerOnly();
    void existingFileIsRefusedUnlessAllowed();
    void replacedFileBecomesOwnerOnly();
    void linksAndFoldersAreNeverReplaced();
    void missingFolderIsSaidBeforeWriting();
    void nothingIsLeftBehind();

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }
};

void TestTokenSweepReceipt::csvHasOneRowPerTokenWithTimesInUtc()
{
    TokenSweep::Item revoked =
        item(101, QStringLiteral("ci"), QStringLiteral("bob"), TokenSweep::Outcome::Revoked);
    // Given in another zone: the receipt says the same moment in UTC.
    revoked.token.expiresAt =
        QDateTime(QDate(2025, 7, 1), QTime(2, 0), QTimeZone(QByteArrayLiteral("Europe/Berlin")));
    revoked.token.lastUsedAt = QDateTime(QDate(2025, 5, 20), QTime(7, 1, 12), Qt::UTC);
    const TokenSweep::Item ownerless =
        item(102, QStringLiteral("lost"), {}, TokenSweep::Outcome::Revoked);

    const QList<QByteArray> lines = TokenSweepReceipt::csv({revoked, ownerless}).split('\n');
    QCOMPARE(lines.size(), 4); // header, two rows, the empty rest after the last CRLF
    QCOMPARE(lines.at(0), QByteArray("id,name,owner,created,expires,last used,outcome,error\r"));
    QCOMPARE(lines.at(1), QByteArray("101,ci,bob,2025-01-02T03:04:05.006Z,2025-07-01T00:00:00.000Z,"
                                     "2025-05-20T07:01:12.000Z,revoked,\r"));
    // No owner, no expiry, never used: empty cells, not made-up values.
    QCOMPARE(lines.at(2), QByteArray("102,lost,,2025-01-02T03:04:05.006Z,,,revoked,\r"));
    QCOMPARE(lines.at(3), QByteArray());
}

void TestTokenSweepReceipt::csvKeepsEveryOutcomeAndReason()
{
    const QList<TokenSweep::Item> items{
        item(1, QStringLiteral("a"), QStringLiteral("u"), TokenSweep::Outcome::Revoked),
        item(2, QStringLiteral("b"), QStringLiteral("u"), TokenSweep::Outcome::NotRevoked,
             QStringLiteral("The server had an internal error (HTTP 500).")),
        item(3, QStringLiteral("c"), QStringLiteral("u"), TokenSweep::Outcome::Failed,
             QStringLiteral("Refused, \"plainly\"")),
        item(4, QStringLiteral("=HYPERLINK(1)"), QStringLiteral("u"), TokenSweep::Outcome::Unknown,
             QStringLiteral("lost")),
        item(5, QStringLiteral("e"), QStringLiteral("u"), TokenSweep::Outcome::NotAttempted,
             QStringLiteral("Not sent: the sweep was cancelled.")),
    };
    const QString csv = QString::fromUtf8(TokenSweepReceipt::csv(items));
    QVERIFY(csv.contains(QStringLiteral(",revoked,\r\n")));
    QVERIFY(csv.contains(
        QStringLiteral(",not-revoked,The server had an internal error (HTTP 500).\r\n")));
    QVERIFY(csv.contains(QStringLiteral(",failed,\"Refused, \"\"plainly\"\"\"\r\n")));
    // A name from the server is never a formula in a spreadsheet.
    QVERIFY(csv.contains(QStringLiteral("4,'=HYPERLINK(1),u,")));
    QVERIFY(csv.contains(QStringLiteral(",unknown,lost\r\n")));
    QVERIFY(csv.contains(QStringLiteral(",not-attempted,Not sent: the sweep was cancelled.\r\n")));
}

void TestTokenSweepReceipt::newFileIsOwnerOnly()
{
    const ScopedUmask permissive(0);
    const QString file = path(QStringLiteral("new.csv"));
    QString error;
    QVERIFY2(TokenSweepReceipt::write(file, "data\r\n", Existing::Refuse, &error),
             qPrintable(error));
    QCOMPARE(read(file), QByteArray("data\r\n"));
    QCOMPARE(modeOf(file), mode_t(0600));
}

void TestTokenSweepReceipt::existingFileIsRefusedUnlessAllowed()
{
    const QString file = path(QStringLiteral("kept.csv"));
    QVERIFY(writeFile(file, "earlier"));
    QString error;
    QVERIFY(!TokenSweepReceipt::checkPath(file, Existing::Refuse).isEmpty());
    QVERIFY(!TokenSweepReceipt::write(file, "later", Existing::Refuse, &error));
    QVERIFY(error.contains(QStringLiteral("already exists")));
    QCOMPARE(read(file), QByteArray("earlier"));
}

void TestTokenSweepReceipt::replacedFileBecomesOwnerOnly()
{
    const ScopedUmask permissive(0);
    const QString file = path(QStringLiteral("replaced.csv"));
    QVERIFY(writeFile(file, "an older, longer receipt"));
    QVERIFY(QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                            QFileDevice::ReadGroup | QFileDevice::ReadOther));
    QCOMPARE(TokenSweepReceipt::checkPath(file, Existing::ReplaceRegularFile), QString());
    QString error;
    QVERIFY2(TokenSweepReceipt::write(file, "new", Existing::ReplaceRegularFile, &error),
             qPrintable(error));
    QCOMPARE(read(file), QByteArray("new"));
    QCOMPARE(modeOf(file), mode_t(0600));
}

void TestTokenSweepReceipt::linksAndFoldersAreNeverReplaced()
{
    const QString target = path(QStringLiteral("elsewhere.txt"));
    QVERIFY(writeFile(target, "not a receipt"));
    const QString link = path(QStringLiteral("link.csv"));
    QVERIFY(QFile::link(target, link));
    QString error;
    QVERIFY(!TokenSweepReceipt::write(link, "receipt", Existing::ReplaceRegularFile, &error));
    QVERIFY2(error.contains(QStringLiteral("link")), qPrintable(error));
    QCOMPARE(read(target), QByteArray("not a receipt"));
    QVERIFY(QFileInfo(link).isSymLink());

    const QString dangling = path(QStringLiteral("dangling.csv"));
    QVERIFY(QFile::link(path(QStringLiteral("nowhere")), dangling));
    QVERIFY(!TokenSweepReceipt::checkPath(dangling, Existing::ReplaceRegularFile).isEmpty());
    QVERIFY(!TokenSweepReceipt::write(dangling, "receipt", Existing::ReplaceRegularFile, &error));
    QVERIFY(!QFileInfo::exists(path(QStringLiteral("nowhere"))));

    const QString folder = path(QStringLiteral("folder.csv"));
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(!TokenSweepReceipt::write(folder, "receipt", Existing::ReplaceRegularFile, &error));
    QVERIFY2(error.contains(QStringLiteral("not a regular file")), qPrintable(error));
    QVERIFY(QFileInfo(folder).isDir());
}

void TestTokenSweepReceipt::missingFolderIsSaidBeforeWriting()
{
    const QString file = path(QStringLiteral("no/such/folder/receipt.csv"));
    const QString problem = TokenSweepReceipt::checkPath(file, Existing::ReplaceRegularFile);
    QVERIFY2(problem.contains(QStringLiteral("does not exist")), qPrintable(problem));
    QVERIFY(!TokenSweepReceipt::checkPath({}, Existing::Refuse).isEmpty());
}

void TestTokenSweepReceipt::nothingIsLeftBehind()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("r.csv"));
    QString error;
    QVERIFY(TokenSweepReceipt::write(file, "one", Existing::ReplaceRegularFile, &error));
    QVERIFY(TokenSweepReceipt::write(file, "two", Existing::ReplaceRegularFile, &error));
    QVERIFY(!TokenSweepReceipt::write(file, "three", Existing::Refuse, &error));
    const QStringList names =
        QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
    QCOMPARE(names, QStringList{QStringLiteral("r.csv")});
    QCOMPARE(read(file), QByteArray("two"));
}

QTEST_GUILESS_MAIN(TestTokenSweepReceipt)
#include "tst_tokensweepreceipt.moc"
