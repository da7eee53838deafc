// The little-endian records the offline cache's grant list is kept in: written bytes are what the
// format says, and a reader given damaged bytes fails without reading past them.
#include "storage/BinaryRecords.h"

#include <QTest>

#include <limits>

using namespace accessdesk;

class TestBinaryRecords final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesLittleEndianBytes();
    void readsBackWhatWasWritten();
    void recordsCanBeSteppedOver();
    void shortOrDamagedBytesFailEveryRead();
};

void TestBinaryRecords::writesLittleEndianBytes()
{
    BinaryWriter out;
    out.writeBytes("AB");
    out.writeByte(7);
    out.writeUInt32(0x01020304);
    out.writeInt64(-2);
    out.writeText(QStringLiteral("é"));
    QCOMPARE(out.bytes(), QByteArray("AB\x07"
                                     "\x04\x03\x02\x01"
                                     "\xfe\xff\xff\xff\xff\xff\xff\xff"
                                     "\x01\x00\x00\x00"
                                     "\xe9\x00",
                                     2 + 1 + 4 + 8 + 4 + 2));
}

void TestBinaryRecords::readsBackWhatWasWritten()
{
    const QString text = QStringLiteral("Deploy Dashboard \u00e4\u4e2d \U0001F511");
    BinaryWriter out;
    out.writeBytes("magic");
    out.writeByte(255);
    out.writeUInt32(4'000'000'000U);
    out.writeInt64(std::numeric_limits<qint64>::min());
    out.writeText(text);
    out.writeText(QString());

    BinaryReader in(out.bytes());
    QVERIFY(!BinaryReader(out.bytes()).skipPrefix("magix"));
    QVERIFY(in.skipPrefix("magic"));
    quint8 byte = 0;
    quint32 unsigned32 = 0;
    qint64 signed64 = 0;
    QString readText = QStringLiteral("not cleared");
    QString empty = QStringLiteral("not cleared");
    QVERIFY(in.readByte(&byte));
    QVERIFY(in.readUInt32(&unsigned32));
    QVERIFY(in.readInt64(&signed64));
    QVERIFY(in.readText(&readText));
    QVERIFY(!in.atEnd());
    QVERIFY(in.readText(&empty));
    QVERIFY(in.atEnd());
    QVERIFY(!in.failed());
    QCOMPARE(byte, quint8(255));
    QCOMPARE(unsigned32, 4'000'000'000U);
    QCOMPARE(signed64, std::numeric_limits<qint64>::min());
    QCOMPARE(readText, text);
    QVERIFY(empty.isEmpty());
}

void TestBinaryRecords::recordsCanBeSteppedOver()
{
    BinaryWriter out;
    out.beginRecord();
    out.writeText(QStringLiteral("first"));
    out.beginRecord(); // nested: its length goes inside the outer one's
    out.writeUInt32(9);
    out.endRecord();
    out.endRecord();
    out.beginRecord();
    out.writeText(QStringLiteral("second"));
    out.endRecord();
    // "first": 4 + 10 bytes, the nested record 4 + 4: the outer length is 22.
    QCOMPARE(out.bytes().left(4), QByteArray("\x16\x00\x00\x00", 4));

    BinaryReader in(out.bytes());
    BinaryReader first;
    BinaryReader second;
    QVERIFY(in.readRecord(&first)); // read without looking inside
    QVERIFY(in.readRecord(&second));
    QVERIFY(in.atEnd());
    QString text;
    QVERIFY(second.readText(&text));
    QCOMPARE(text, QStringLiteral("second"));
    QVERIFY(second.atEnd());
    // A record's reader ends where the record does.
    QVERIFY(first.readText(&text));
    BinaryReader nested;
    QVERIFY(first.readRecord(&nested));
    QVERIFY(first.atEnd());
    quint8 beyond = 0;
    QVERIFY(!first.readByte(&beyond));
    QVERIFY(first.failed());
}

void TestBinaryRecords::shortOrDamagedBytesFailEveryRead()
{
    // Each reader reads a view: the bytes live in named arrays for as long as it does.
    const QByteArray threeBytes("\x01\x02\x03", 3);
    quint32 number = 0;
    QVERIFY(!BinaryReader(threeBytes).readUInt32(&number));
    const QByteArray sevenBytes(7, '\0');
    qint64 wide = 0;
    QVERIFY(!BinaryReader(sevenBytes).readInt64(&wide));

    // A text or record length that claims more than there is (here 4 GiB - 1 units) is refused
    // before anything is allocated for it.
    const QByteArray hugeLength("\xff\xff\xff\xff"
                                "ab",
                                6);
    QString text;
    BinaryReader hugeText(hugeLength);
    QVERIFY(!hugeText.readText(&text));
    QVERIFY(hugeText.failed());
    const QByteArray recordTooLong("\x05\x00\x00\x00"
                                   "abcd",
                                   8);
    BinaryReader record;
    QVERIFY(!BinaryReader(recordTooLong).readRecord(&record));
    const QByteArray oneUnitShort("\x02\x00\x00\x00"
                                  "a\x00"
                                  "b",
                                  7);
    QVERIFY(!BinaryReader(oneUnitShort).readText(&text));

    // Once failed, it stays failed, even for reads that would fit.
    const QByteArray twoBytes("\x01\x02", 2);
    BinaryReader in(twoBytes);
    QVERIFY(!in.readUInt32(&number));
    quint8 byte = 0;
    QVERIFY(!in.readByte(&byte));
    QVERIFY(!in.skipPrefix(QByteArrayView()));
    QVERIFY(!in.atEnd());
}

QTEST_GUILESS_MAIN(TestBinaryRecords)
#include "tst_binaryrecords.moc"
