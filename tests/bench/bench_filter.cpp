// bench_filter [N] [ROUNDS]: My access with N grants (100,000 unless given), loaded from the
// offline cache as at start, in a 1280×800 window. Types bench::typedFilter() into the filter
// field one key at a time and deletes it again with Backspace, ROUNDS times (3 unless given).
// A keystroke is timed from the key press to the end of the repaint it causes (the proxy filters
// synchronously on textChanged). Prints one JSON line: median_ms and max_ms per keystroke, the
// keystrokes timed, and the rows shown after the full text. Run it on the offscreen platform.
#include "BenchClock.h"
#include "BenchGrants.h"

#include "services/GrantListCache.h"
#include "services/MyAccessController.h"
#include "storage/Database.h"
#include "storage/OfflineCache.h"
#include "ui/MyAccessPage.h"

#include <QApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMainWindow>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>

using namespace accessdesk;

namespace {

double timedKey(QLineEdit *filter, Qt::Key key, QChar text)
{
    QElapsedTimer clock;
    clock.start();
    if (key == Qt::Key_Backspace)
        QTest::keyClick(filter, key);
    else
        QTest::keyClick(filter, text.toLatin1());
    // The repaint the new text asks for (the table, the count) happens here.
    QCoreApplication::processEvents();
    const double ms = bench::msSince(clock);
    // BENCH_VERBOSE: every keystroke's time and the text it left, to find the slow ones.
    if (qEnvironmentVariableIsSet("BENCH_VERBOSE"))
        std::fprintf(stderr, "%8.1f ms  \"%s\"\n", ms, qPrintable(filter->text()));
    return ms;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    const int rounds = argc > 2 ? qMax(1, QByteArray(argv[2]).toInt()) : 3;

    QTemporaryDir home;
    Database database;
    if (!home.isValid() || !database.open(home.filePath(QStringLiteral("accessdesk.sqlite")))) {
        std::fputs("bench_filter: no database\n", stderr);
        return 1;
    }
    OfflineCache cache(database);
    const QString profile = QStringLiteral("bench");
    GrantListCache(&cache).store(profile, bench::makeGrants(count),
                                 QDateTime::currentDateTimeUtc());
    MyAccessController controller(nullptr, nullptr, ActivityContext{profile, QString(), profile});

    QMainWindow window;
    auto *page = new MyAccessPage(&controller);
    window.setCentralWidget(page);
    window.resize(1280, 800);
    // As at start: the page is there, then the cached list arrives.
    controller.setOfflineCache(&cache);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    auto *filter = page->findChild<QLineEdit *>(QStringLiteral("grantFilter"));
    auto *table = page->findChild<QTableView *>(QStringLiteral("grantTable"));
    if (!filter || !table || table->model()->rowCount() != count) {
        std::fprintf(stderr, "bench_filter: the page shows %d rows, not the %d cached grants\n",
                     table ? table->model()->rowCount() : -1, count);
        return 1;
    }
    filter->setFocus();
    QCoreApplication::processEvents();

    const QString typed = bench::typedFilter();
    QList<double> times;
    int shownAfterTyping = 0;
    for (int round = 0; round < rounds; ++round) {
        for (const QChar c : typed)
            times.append(timedKey(filter, Qt::Key_unknown, c));
        shownAfterTyping = table->model()->rowCount();
        for (qsizetype i = 0; i < typed.size(); ++i)
            times.append(timedKey(filter, Qt::Key_Backspace, QChar()));
    }
    if (!filter->text().isEmpty() || table->model()->rowCount() != count) {
        std::fputs("bench_filter: deleting the text did not bring every row back\n", stderr);
        return 1;
    }
    const QJsonObject result{
        {QStringLiteral("median_ms"), bench::median(times)},
        {QStringLiteral("max_ms"), *std::max_element(times.cbegin(), times.cend())},
        {QStringLiteral("keystrokes"), int(times.size())},
        {QStringLiteral("rows"), count},
        {QStringLiteral("shown_after_typing"), shownAfterTyping},
    };
    std::fputs(QJsonDocument(result).toJson(QJsonDocument::Compact).append('\n').constData(),
               stdout);
    return 0;
}
