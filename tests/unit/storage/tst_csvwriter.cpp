#include "storage/CsvWriter.h"

#include <QTest>

using namespace accessdesk;

class TestCsvWriter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodeCell_data();
    void encodeCell();
    void documentHasHeaderAndCrlfRows();
    void writesUtf8();
    void byteOrderMarkOnRequest();
};

void TestCsvWriter::encodeCell_data()
{
    QTest::addColumn<QString>("cell");
    QTest::addColumn<QString>("encoded");

    QTest::newRow("plain") << QStringLiteral("laptop-cli") << QStringLiteral("laptop-cli");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("spaces kept") << QStringLiteral(" a b ") << QStringLiteral(" a b ");
    QTest::newRow("comma") << QStringLiteral("a,b") << QStringLiteral("\"a,b\"");
    QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say \"\"hi\"\"\"");
    QTest::newRow("only quote") << QStringLiteral("\"") << QStringLiteral("\"\"\"\"");
    QTest::newRow("LF") << QStringLiteral("a\nb") << QStringLiteral("\"a\nb\"");
    QTest::newRow("CR") << QStringLiteral("a\rb") << QStringLiteral("\"a\rb\"");
    QTest::newRow("CRLF") << QStringLiteral("a\r\nb") << QStringLiteral("\"a\r\nb\"");
    QTest::newRow("apostrophe alone") << QStringLiteral("it's") << QStringLiteral("it's");
    QTest::newRow("semicolon") << QStringLiteral("a;b") << QStringLiteral("a;b");

    QTest::newRow("formula =") << QStringLiteral("=1+2") << QStringLiteral("'=1+2");
    QTest::newRow("formula +") << QStringLiteral("+1") << QStringLiteral("'+1");
    QTest::newRow("formula -") << QStringLiteral("-2+3") << QStringLiteral("'-2+3");
    QTest::newRow("formula @") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)");
    QTest::newRow("formula tab") << QStringLiteral("\t=1") << QStringLiteral("'\t=1");
    QTest::newRow("formula CR") << QStringLiteral("\r=1") << QStringLiteral("\"'\r=1\"");
    QTest::newRow("formula and comma")
        << QStringLiteral("=HYPERLINK(\"http://x\",\"y\")")
        << QStringLiteral("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    QTest::newRow("= later is fine") << QStringLiteral("a=b") << QStringLiteral("a=b");
    QTest::newRow("dash later is fine")
        << QStringLiteral("laptop-cli") << QStringLiteral("laptop-cli");
}

void TestCsvWriter::encodeCell()
{
    QFETCH(QString, cell);
    QFETCH(QString, encoded);
    QCOMPARE(CsvWriter::encodeCell(cell), encoded);
}

void TestCsvWriter::documentHasHeaderAndCrlfRows()
{
    CsvWriter csv({QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("note")});
    QCOMPARE(csv.data(), QByteArray("id,name,note\r\n"));
    csv.addRow({QStringLiteral("1"), QStringLiteral("a,b"), QStringLiteral("line1\nline2")});
    csv.addRow({QStringLiteral("2"), QString(), QStringLiteral("=evil()")});
    QCOMPARE(csv.data(), QByteArray("id,name,note\r\n"
                                    "1,\"a,b\",\"line1\nline2\"\r\n"
                                    "2,,'=evil()\r\n"));
}

void TestCsvWriter::writesUtf8()
{
    CsvWriter csv({QStringLiteral("name")});
    csv.addRow({QStringLiteral("Zoë ✓ 日本")});
    QCOMPARE(csv.data(),
             QByteArray("name\r\nZo\xc3\xab \xe2\x9c\x93 \xe6\x97\xa5\xe6\x9c\xac\r\n"));
}

void TestCsvWriter::byteOrderMarkOnRequest()
{
    CsvWriter csv({QStringLiteral("a")});
    QVERIFY(!csv.data().startsWith("\xEF\xBB\xBF"));
    csv.setByteOrderMark(true);
    QCOMPARE(csv.data(), QByteArray("\xEF\xBB\xBF"
                                    "a\r\n"));
}

QTEST_GUILESS_MAIN(TestCsvWriter)
#include "tst_csvwriter.moc"
