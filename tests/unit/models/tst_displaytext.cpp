#include "DisplayText.h"

#include <QTest>
#include <QTextDocument>

using namespace accessdesk::displaytext;

// Server text made safe for a terminal (control characters) and for a tooltip (markup).
class TestDisplayText final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escapesEveryControlCharacter_data();
    void escapesEveryControlCharacter();
    void leavesOrdinaryTextAlone();
    void keepsLineBreaksWhenAsked();
    void toolTipShowsMarkupLiterally();
};

void TestDisplayText::escapesEveryControlCharacter_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ESC colour") << QStringLiteral("ok\x1b[31mred")
                                << QStringLiteral("ok\\x1b[31mred");
    QTest::newRow("title") << QStringLiteral("\x1b]0;pwned\x07")
                           << QStringLiteral("\\x1b]0;pwned\\x07");
    QTest::newRow("NUL") << QString(QChar(0)) << QStringLiteral("\\x00");
    QTest::newRow("tab") << QStringLiteral("a\tb") << QStringLiteral("a\\x09b");
    QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("a\\x0ab");
    QTest::newRow("carriage return") << QStringLiteral("a\rb") << QStringLiteral("a\\x0db");
    QTest::newRow("DEL") << QStringLiteral("a\x7f") << QStringLiteral("a\\x7f");
    QTest::newRow("C1 CSI") << (QStringLiteral("a") + QChar(0x9b) + QStringLiteral("2J"))
                            << QStringLiteral("a\\x9b2J");
    QTest::newRow("C1 NEL") << QString(QChar(0x85)) << QStringLiteral("\\x85");
}

void TestDisplayText::escapesEveryControlCharacter()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QVERIFY(hasControls(text));
    const QString safe = withoutControls(text);
    QCOMPARE(safe, expected);
    QVERIFY(!hasControls(safe));
    for (const QChar c : safe)
        QVERIFY2(c.unicode() >= 0x20 && (c.unicode() < 0x7f || c.unicode() > 0x9f),
                 qPrintable(safe));
}

void TestDisplayText::leavesOrdinaryTextAlone()
{
    // Letters past U+009F (accents, NBSP, emoji, CJK) are text, not controls.
    const QString text = QStringLiteral("Zoë’s app – ünïcode 日本 \u00a0 \U0001F600 \\x1b");
    QVERIFY(!hasControls(text));
    QCOMPARE(withoutControls(text), text);
    QCOMPARE(withoutControls(QString()), QString());
}

void TestDisplayText::keepsLineBreaksWhenAsked()
{
    const QString message = QStringLiteral("Refused:\n  name: bad\x1b[2J\r");
    QCOMPARE(withoutControls(message, Lines::Keep),
             QStringLiteral("Refused:\n  name: bad\\x1b[2J\\x0d"));
    QVERIFY(!hasControls(QStringLiteral("a\nb"), Lines::Keep));
    QVERIFY(!hasControls(QStringLiteral("a,b\r\nc,d\r\n"), Lines::Keep)); // CSV line ends
    QCOMPARE(withoutControls(QStringLiteral("a\rb\r"), Lines::Keep),
             QStringLiteral("a\\x0db\\x0d"));
    QVERIFY(hasControls(QStringLiteral("a\nb"), Lines::Escape));
}

void TestDisplayText::toolTipShowsMarkupLiterally()
{
    QCOMPARE(plainToolTip(QString()), QString());
    const QString evil = QStringLiteral("<b>evil</b><img src=x>\nsecond line & more");
    const QString tip = plainToolTip(evil);
    QVERIFY(Qt::mightBeRichText(tip));
    QVERIFY(!tip.contains(QLatin1String("<b>")));
    QVERIFY(!tip.contains(QLatin1String("<img")));
    // What a tooltip renders is the text as the server sent it.
    QTextDocument document;
    document.setHtml(tip);
    QCOMPARE(document.toPlainText(), evil);
}

QTEST_MAIN(TestDisplayText) // QTextDocument needs a QGuiApplication
#include "tst_displaytext.moc"
