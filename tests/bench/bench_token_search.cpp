// bench_token_search URL: opens Administration → Personal tokens on the trackersim at URL as its
// admin, as the app does (AdminTokenController, AdminTokensTab in a 1280×800 window), and lets
// the tab's first search load every token. Prints one JSON line:
//   first_rows_ms  from showing the window to the first table paint with rows in it
//   max_stall_ms   the longest the event loop went without running (a 5 ms heartbeat's longest
//                  gap) between showing the window and the end of the search
//   load_ms, rows  the whole search, and the rows the table then holds
// Run it on the offscreen platform (QT_QPA_PLATFORM=offscreen); the caller takes the median of
// several runs.
#include "BenchClock.h"

#include "api/ServerConnection.h"
#include "auth/BasicCredentials.h"
#include "services/AdminTokenController.h"
#include "ui/AdminTokensTab.h"

#include <QApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMainWindow>
#include <QNetworkAccessManager>
#include <QTableView>

#include <cstdio>
#include <memory>

using namespace accessdesk;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fputs("usage: bench_token_search URL\n", stderr);
        return 2;
    }
    const QString url = QString::fromLocal8Bit(argv[1]);
    QNetworkAccessManager network;
    ConnectionSettings settings;
    settings.baseUrl = QUrl(url);
    ServerConnection connection(
        &network, settings,
        std::make_shared<BasicCredentials>(QStringLiteral("admin"), QStringLiteral("admin")));
    AdminTokenController controller(&connection, nullptr,
                                    ActivityContext{QString(), url, QStringLiteral("admin")});

    QMainWindow window;
    auto *tab = new AdminTokensTab(&controller);
    window.setCentralWidget(tab);
    window.resize(1280, 800);
    auto *table = tab->findChild<QTableView *>(QStringLiteral("table"));
    if (!table) {
        std::fputs("bench_token_search: the tab has no table named \"table\"\n", stderr);
        return 1;
    }

    bench::Heartbeat heartbeat;
    QElapsedTimer clock;
    double firstRowsMs = -1;
    double loadMs = -1;
    bench::afterFirstRowsPainted(table, [&] { firstRowsMs = bench::msSince(clock); });
    QObject::connect(&controller, &AdminTokenController::changed, &app, [&] {
        if (controller.isSearching() || loadMs >= 0)
            return;
        loadMs = bench::msSince(clock);
        // Whatever the search's end makes the tab paint is part of the load.
        QTimer::singleShot(0, &app, [&] {
            heartbeat.stop();
            QApplication::quit();
        });
    });
    clock.start();
    heartbeat.start();
    // The tab starts its first search when it is shown (loadIfNeeded), as in the app.
    window.show();
    QApplication::exec();

    const bool completed = controller.searchState() == AdminTokenController::SearchState::Completed;
    const QJsonObject result{
        {QStringLiteral("first_rows_ms"), firstRowsMs},
        {QStringLiteral("max_stall_ms"), heartbeat.longestGapMs()},
        {QStringLiteral("load_ms"), loadMs},
        {QStringLiteral("rows"), table->model()->rowCount()},
        {QStringLiteral("completed"), completed},
        {QStringLiteral("problem"), controller.problemText()},
    };
    std::fputs(QJsonDocument(result).toJson(QJsonDocument::Compact).append('\n').constData(),
               stdout);
    return completed ? 0 : 1;
}
