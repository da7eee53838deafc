// My access with the keyboard only, in the real app (DesktopApp) against a real trackersim on the
// offscreen platform. Every key goes to the widget that has the focus, as a keyboard would send
// it: the confirmation's keyboard contract (Cancel is the default and has the focus; Enter or
// Space on the focused destructive button performs it), Tab leaves the grants table and walks the
// page in reading order, the filter (Esc clears it; the count reads "2 of 5 grants"; Revoke all
// takes only the grants shown and says how many it keeps), and the revoke story from refresh to
// the grant gone.
#include "GuiTestSupport.h"
#include "SimProcess.h"

#include "AccessGrantModel.h"
#include "services/MyAccessController.h"
#include "ui/ConfirmationDialog.h"
#include "ui/DesktopApp.h"
#include "ui/MainWindow.h"
#include "ui/MyAccessPage.h"
#include "ui/RevokeProgressDialog.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <memory>

using namespace accessdesk;

namespace {

const char *const kPasswordEnv = "ACCESSDESK_TST_KEYBOARD_PASSWORD";

// The demo seed's grants of alice (README "Demo data").
const QStringList kAlicesGrants{QStringLiteral("Bamboo"), QStringLiteral("Deploy Dashboard"),
                                QStringLiteral("Release Radar"), QStringLiteral("ci-pipeline"),
                                QStringLiteral("laptop-cli")};

QStringList applications(const MyAccessController &controller)
{
    QStringList names;
    for (const AccessGrant &grant : controller.grants())
        names << grant.application;
    names.sort(Qt::CaseInsensitive);
    return names;
}

// The key goes where the keyboard's would: to the focused widget (or the active window).
bool press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget *target = QApplication::focusWidget();
    if (!target)
        target = QApplication::activeWindow();
    if (!target)
        return false;
    QTest::keyClick(target, Qt::Key(key), modifiers);
    return true;
}

bool type(const QString &text)
{
    QWidget *target = QApplication::focusWidget();
    if (!target)
        return false;
    QTest::keyClicks(target, text);
    return true;
}

template<class T> T *named(QObject *parent, const char *name)
{
    return parent->findChild<T *>(QLatin1String(name));
}

// The confirmation that is open under owner, once it is the active window.
ConfirmationDialog *openConfirmation(QObject *owner)
{
    ConfirmationDialog *found = nullptr;
    (void)QTest::qWaitFor(
        [&] {
            for (ConfirmationDialog *dialog : owner->findChildren<ConfirmationDialog *>()) {
                if (dialog->isVisible() && QApplication::activeWindow() == dialog)
                    found = dialog;
            }
            return found != nullptr;
        },
        5000);
    return found;
}

} // namespace

class TestKeyboard final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void confirmationCancelsOnEnterUntilTheFocusMoves();
    void spaceOnTheFocusedDestructiveButtonPerformsIt();
    void tabLeavesTheTableAndWalksThePageInReadingOrder();
    void filterCountsShownOfAllAndEscClearsIt();
    void revokeAllWhileFilteringTakesOnlyTheShownGrants();
    void revokeStoryWithKeysOnly();

private:
    bool waitForGrants(const QStringList &expected);
    MyAccessPage *page() const { return m_app->window().myAccessPage(); }
    QTableView *table() const { return child<QTableView>(page(), "grantTable"); }
    QLineEdit *filter() const { return child<QLineEdit>(page(), "grantFilter"); }
    // The single grant selected in the table by keys: focus in the table, to the top, then Down
    // until application is selected.
    bool selectByKeys(const QString &application);
    // Closes the progress dialog of a finished run with Esc, once the list is fetched again.
    bool finishRevoke(const QStringList &expected);
    bool backToWindow();

    std::unique_ptr<SimProcess> m_sim;
    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<DesktopApp> m_app;
};

void TestKeyboard::initTestCase()
{
    qputenv(kPasswordEnv, "alice");
}

void TestKeyboard::init()
{
    // A server of its own for each test: each revokes some of alice's five grants.
    m_sim = std::make_unique<SimProcess>();
    QVERIFY2(m_sim->start(), qPrintable(m_sim->errorText()));
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
    // As scripts/demo.sh opens the app: --server URL --auth basic --user alice --password-env.
    ConnectionOptions options;
    options.server = m_sim->url();
    options.auth = QStringLiteral("basic");
    options.user = QStringLiteral("alice");
    options.passwordEnv = QLatin1String(kPasswordEnv);
    m_app = std::make_unique<DesktopApp>(
        AppSession::Paths{m_home->filePath(QStringLiteral("profiles.ini")), m_home->path()});
    m_app->start(options, QString());
    m_app->window().showPage(MainWindow::MyAccess);
    QVERIFY(QTest::qWaitForWindowActive(&m_app->window()));
    QVERIFY(waitForGrants(kAlicesGrants));
    // Where a user starts: a click into the list. (Ctrl+F belongs to the page, so it works once
    // the focus is in the page.)
    table()->setFocus(Qt::MouseFocusReason);
    QCOMPARE(QApplication::focusWidget(), table());
}

void TestKeyboard::cleanup()
{
    m_app.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    m_home.reset();
    if (m_sim)
        m_sim->stop();
    m_sim.reset();
}

bool TestKeyboard::waitForGrants(const QStringList &expected)
{
    MyAccessController &controller = m_app->myAccess();
    return waitUntil(&controller, &MyAccessController::stateChanged, [&] {
        QStringList wanted = expected;
        wanted.sort(Qt::CaseInsensitive);
        return controller.state() == MyAccessController::State::Idle && !controller.isRevoking() &&
               applications(controller) == wanted;
    });
}

bool TestKeyboard::selectByKeys(const QString &application)
{
    QTableView *grants = table();
    if (!backToWindow())
        return false;
    grants->setFocus(Qt::TabFocusReason);
    // Ctrl+Home moves to the top without selecting; Down and Up select the first row.
    if (QApplication::focusWidget() != grants || !press(Qt::Key_Home, Qt::ControlModifier) ||
        !press(Qt::Key_Down) || !press(Qt::Key_Up))
        return false;
    for (int step = 0; step <= grants->model()->rowCount(); ++step) {
        const QList<AccessGrant> selected = page()->selectedGrants();
        if (selected.size() == 1 && selected.first().application == application)
            return true;
        press(Qt::Key_Down);
    }
    return false;
}

bool TestKeyboard::backToWindow()
{
    // A window manager gives the activation back to the window when its dialog closes; the
    // offscreen platform does not, so the test does.
    QMainWindow *window = &m_app->window();
    if (!QTest::qWaitFor([window] {
            return QApplication::activeModalWidget() == nullptr ||
                   QApplication::activeModalWidget() == window;
        }))
        return false;
    window->activateWindow();
    return QTest::qWaitForWindowActive(window);
}

bool TestKeyboard::finishRevoke(const QStringList &expected)
{
    if (!waitForGrants(expected)) {
        qWarning("listed: %s", qPrintable(applications(m_app->myAccess()).join(u',')));
        return false;
    }
    auto *progress = page()->findChild<RevokeProgressDialog *>();
    if (progress && progress->isVisible()) {
        if (!QTest::qWaitFor([progress] { return QApplication::activeWindow() == progress; })) {
            qWarning("the progress dialog is not active");
            return false;
        }
        press(Qt::Key_Escape);
    }
    if (!backToWindow()) {
        qWarning("the window is not active again: %s",
                 QApplication::activeWindow()
                     ? QApplication::activeWindow()->metaObject()->className()
                     : "none");
        return false;
    }
    return true;
}

void TestKeyboard::confirmationCancelsOnEnterUntilTheFocusMoves()
{
    QVERIFY(selectByKeys(QStringLiteral("Bamboo")));
    QVERIFY(press(Qt::Key_Delete));
    ConfirmationDialog *confirm = openConfirmation(page());
    QVERIFY(confirm);
    QPointer<ConfirmationDialog> guard(confirm);
    auto *cancel = child<QPushButton>(confirm, "confirmCancel");
    auto *accept = child<QPushButton>(confirm, "confirmAccept");
    QVERIFY(cancel && accept);
    // Cancel is the default and has the focus: a stray Enter changes nothing.
    QVERIFY(cancel->isDefault());
    QVERIFY(!accept->isDefault());
    QCOMPARE(QApplication::focusWidget(), cancel);
    QSignalSpy answered(confirm, &ConfirmationDialog::answered);
    QVERIFY(press(Qt::Key_Return));
    QCOMPARE(answered.count(), 1);
    QCOMPARE(answered.first().first().toBool(), false);
    QTRY_VERIFY(guard.isNull()); // closed and deleted
    QVERIFY(backToWindow());
    QVERIFY(!m_app->myAccess().isRevoking());
    QCOMPARE(applications(m_app->myAccess()).size(), kAlicesGrants.size());

    // Again, now Tab to the destructive button: it becomes the default while it has the focus,
    // and Enter performs it.
    QVERIFY(selectByKeys(QStringLiteral("Bamboo")));
    QVERIFY(press(Qt::Key_Delete));
    confirm = openConfirmation(page());
    QVERIFY(confirm);
    cancel = child<QPushButton>(confirm, "confirmCancel");
    accept = child<QPushButton>(confirm, "confirmAccept");
    QVERIFY(press(Qt::Key_Tab));
    QCOMPARE(QApplication::focusWidget(), accept);
    QVERIFY(accept->isDefault());
    QVERIFY(!cancel->isDefault());
    // Back on Cancel, Cancel is the default again.
    QVERIFY(press(Qt::Key_Backtab));
    QCOMPARE(QApplication::focusWidget(), cancel);
    QVERIFY(cancel->isDefault());
    QVERIFY(!accept->isDefault());
    QVERIFY(press(Qt::Key_Tab));
    QSignalSpy accepted(confirm, &ConfirmationDialog::answered);
    QVERIFY(press(Qt::Key_Return));
    QCOMPARE(accepted.count(), 1);
    QCOMPARE(accepted.first().first().toBool(), true);
    QStringList left = kAlicesGrants;
    left.removeOne(QStringLiteral("Bamboo"));
    QVERIFY(finishRevoke(left));
}

void TestKeyboard::spaceOnTheFocusedDestructiveButtonPerformsIt()
{
    QVERIFY(selectByKeys(QStringLiteral("laptop-cli")));
    QVERIFY(press(Qt::Key_Delete));
    ConfirmationDialog *confirm = openConfirmation(page());
    QVERIFY(confirm);
    QVERIFY(press(Qt::Key_Tab));
    QCOMPARE(QApplication::focusWidget(), child<QPushButton>(confirm, "confirmAccept"));
    QSignalSpy answered(confirm, &ConfirmationDialog::answered);
    QVERIFY(press(Qt::Key_Space));
    QCOMPARE(answered.count(), 1);
    QCOMPARE(answered.first().first().toBool(), true);
    QStringList left = kAlicesGrants;
    left.removeOne(QStringLiteral("laptop-cli"));
    QVERIFY(finishRevoke(left));
}

void TestKeyboard::tabLeavesTheTableAndWalksThePageInReadingOrder()
{
    // A grant selected, so Revoke is enabled and in the walk.
    QVERIFY(selectByKeys(QStringLiteral("Release Radar")));
    const QModelIndex current = table()->currentIndex();
    QVERIFY(press(Qt::Key_Right)); // arrows move within the table…
    QCOMPARE(QApplication::focusWidget(), table());
    QCOMPARE(table()->currentIndex().row(), current.row());
    QVERIFY(press(Qt::Key_Tab)); // …and Tab leaves it
    QCOMPARE(QApplication::focusWidget(), child<QTextBrowser>(page(), "grantDetails"));
    QCOMPARE(page()->selectedGrants().size(), 1);
    QVERIFY(press(Qt::Key_Backtab));
    QCOMPARE(QApplication::focusWidget(), table());

    // Ctrl+F, then Tab through the page: the top row left to right, the table, its details.
    QVERIFY(press(Qt::Key_F, Qt::ControlModifier));
    QCOMPARE(QApplication::focusWidget(), filter());
    QStringList walk;
    for (int step = 0; step < 9; ++step) {
        QVERIFY(press(Qt::Key_Tab));
        QWidget *focus = QApplication::focusWidget();
        QVERIFY(focus);
        walk << focus->objectName();
    }
    const QStringList expected{QStringLiteral("refreshGrants"), QStringLiteral("exportGrants"),
                               QStringLiteral("newToken"),      QStringLiteral("answerRequest"),
                               QStringLiteral("revokeGrants"),  QStringLiteral("revokeAllGrants"),
                               QStringLiteral("grantTable"),    QStringLiteral("grantDetails")};
    QCOMPARE(walk.mid(0, expected.size()), expected);
}

void TestKeyboard::filterCountsShownOfAllAndEscClearsIt()
{
    auto *status = child<QLabel>(page(), "grantStatus");
    QVERIFY(status);
    QCOMPARE(status->text(), QStringLiteral("5 grants"));
    QVERIFY(press(Qt::Key_F, Qt::ControlModifier));
    QCOMPARE(QApplication::focusWidget(), filter());
    QVERIFY(type(QStringLiteral("radar")));
    QCOMPARE(table()->model()->rowCount(), 1);
    QCOMPARE(status->text(), QStringLiteral("1 of 5 grants"));
    QCOMPARE(child<QPushButton>(page(), "revokeAllGrants")->text(),
             QStringLiteral("Revoke all shown…"));

    QVERIFY(press(Qt::Key_Escape));
    QCOMPARE(filter()->text(), QString());
    QCOMPARE(QApplication::focusWidget(), filter());
    QCOMPARE(table()->model()->rowCount(), 5);
    QCOMPARE(status->text(), QStringLiteral("5 grants"));
    QCOMPARE(child<QPushButton>(page(), "revokeAllGrants")->text(), QStringLiteral("Revoke all…"));

    // The filter matches the kind too: alice's personal tokens.
    QVERIFY(type(QStringLiteral("personal")));
    const int shown = table()->model()->rowCount();
    QVERIFY(shown > 1 && shown < 5);
    QCOMPARE(status->text(), QStringLiteral("%1 of 5 grants").arg(shown));
    // Down goes on to the list, at its first row.
    QVERIFY(press(Qt::Key_Down));
    QCOMPARE(QApplication::focusWidget(), table());
    QCOMPARE(table()->currentIndex().row(), 0);
    // Esc in an empty filter is left alone (a dialog's filter would close the dialog).
    filter()->setFocus(Qt::ShortcutFocusReason);
    QVERIFY(press(Qt::Key_Escape));
    QVERIFY(press(Qt::Key_Escape));
    QCOMPARE(filter()->text(), QString());
    QVERIFY(m_app->window().isVisible());
}

void TestKeyboard::revokeAllWhileFilteringTakesOnlyTheShownGrants()
{
    QVERIFY(press(Qt::Key_F, Qt::ControlModifier));
    QVERIFY(type(QStringLiteral("personal")));
    QStringList shown = columnTexts(table()->model(), AccessGrantModel::Application);
    QVERIFY(shown.size() > 1 && shown.size() < 5);
    auto *revokeAll = child<QPushButton>(page(), "revokeAllGrants");
    QVERIFY(revokeAll->isEnabled());
    QVERIFY2(revokeAll->toolTip().contains(QStringLiteral("hidden ones are kept")),
             qPrintable(revokeAll->toolTip()));
    revokeAll->setFocus(Qt::TabFocusReason);
    QVERIFY(press(Qt::Key_Space));
    ConfirmationDialog *confirm = openConfirmation(page());
    QVERIFY(confirm);
    // The question names the shown grants only, and says how many stay.
    for (const QString &application : kAlicesGrants) {
        QCOMPARE(confirm->message().contains(application), shown.contains(application));
    }
    const auto hidden = kAlicesGrants.size() - shown.size();
    QCOMPARE(confirm->note(),
             hidden == 1
                 ? QStringLiteral("1 grant hidden by the filter will be kept.")
                 : QStringLiteral("%1 grants hidden by the filter will be kept.").arg(hidden));
    QVERIFY(child<QLabel>(confirm, "confirmNote")->isVisible());
    QVERIFY(press(Qt::Key_Tab));
    QVERIFY(press(Qt::Key_Return));
    QStringList left = kAlicesGrants;
    for (const QString &gone : shown)
        left.removeOne(gone);
    QVERIFY(finishRevoke(left));
    // The filter still holds its text; nothing it hid was touched.
    QCOMPARE(filter()->text(), QStringLiteral("personal"));
    QCOMPARE(child<QLabel>(page(), "grantStatus")->text().section(QLatin1Char(' '), 0, 2),
             QStringLiteral("0 of %1").arg(left.size()));
}

void TestKeyboard::revokeStoryWithKeysOnly()
{
    MyAccessController &controller = m_app->myAccess();
    // Refresh: F5 where the window offers it, else the Refresh button reached with Tab.
    bool haveF5 = false;
    for (QAction *action : m_app->window().findChildren<QAction *>())
        haveF5 = haveF5 || action->shortcuts().contains(QKeySequence(Qt::Key_F5));
    const QDateTime before = controller.lastRefresh();
    QTest::qWait(10); // so the new refresh has a later time
    if (haveF5) {
        QVERIFY(press(Qt::Key_F5));
    } else {
        QVERIFY(press(Qt::Key_F, Qt::ControlModifier));
        QVERIFY(press(Qt::Key_Tab));
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("refreshGrants"));
        QVERIFY(press(Qt::Key_Space));
    }
    QVERIFY(waitUntil(&controller, &MyAccessController::stateChanged, [&] {
        return controller.state() == MyAccessController::State::Idle &&
               controller.lastRefresh() > before;
    }));

    // Find it, select it, Delete, Tab to the destructive button, Enter.
    QVERIFY(press(Qt::Key_F, Qt::ControlModifier));
    QCOMPARE(QApplication::focusWidget(), filter());
    QVERIFY(type(QStringLiteral("deploy")));
    QCOMPARE(table()->model()->rowCount(), 1);
    QVERIFY(press(Qt::Key_Down));
    QCOMPARE(QApplication::focusWidget(), table());
    QVERIFY(press(Qt::Key_Down)); // the arrows select within the table
    QVERIFY(press(Qt::Key_Up));
    QCOMPARE(page()->selectedGrants().size(), 1);
    QCOMPARE(page()->selectedGrants().first().application, QStringLiteral("Deploy Dashboard"));
    QVERIFY(press(Qt::Key_Delete));
    ConfirmationDialog *confirm = openConfirmation(page());
    QVERIFY(confirm);
    QVERIFY(confirm->message().contains(QStringLiteral("Deploy Dashboard")));
    QVERIFY(press(Qt::Key_Tab));
    QCOMPARE(QApplication::focusWidget(), child<QPushButton>(confirm, "confirmAccept"));
    QVERIFY(press(Qt::Key_Return));
    QStringList left = kAlicesGrants;
    left.removeOne(QStringLiteral("Deploy Dashboard"));
    QVERIFY(finishRevoke(left));
    QCOMPARE(table()->model()->rowCount(), 0); // the filter still says "deploy"
    QVERIFY(press(Qt::Key_F, Qt::ControlModifier));
    QVERIFY(press(Qt::Key_Escape));
    QCOMPARE(columnTexts(table()->model(), AccessGrantModel::Application).size(), left.size());
    QCOMPARE(
        rowOf(table()->model(), AccessGrantModel::Application, QStringLiteral("Deploy Dashboard")),
        -1);
}

QTEST_MAIN(TestKeyboard)
#include "tst_keyboard.moc"
