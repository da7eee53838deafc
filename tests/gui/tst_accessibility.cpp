// The accessibility walk: the real app (DesktopApp) connected as the demo's administrator to a
// real trackersim, on the offscreen platform. It shows every page and tab and opens the dialogs a
// user can open from them, and in each fails on
// - an interactive control (button, line edit, combo box, spin box, list or table, text edit, …)
//   without an object name (tests and tools find it by that) or without an accessible name (what
//   a screen reader says: the accessibleName property, else what Qt derives from the button's
//   text or the label whose buddy it is);
// - a label with a mnemonic (&) and no buddy, and a label of a form row (QFormLayout) whose field
//   takes the focus but which has no buddy (the screen reader would not read it for the field).
// Hidden parts (other steps of a stacked page, other sign-in kinds) are checked too: they are
// shown sooner or later. Every confirmation met on the way is checked for its keyboard contract:
// Cancel is the default and has the focus; the destructive button, when the focus is on it, is
// the default, and Enter there performs it.
#include "GuiTestSupport.h"
#include "SimProcess.h"

#include "AccessGrantModel.h"
#include "services/AdminController.h"
#include "services/AdminTokenController.h"
#include "services/AppLinksController.h"
#include "services/ConsumersController.h"
#include "services/MyAccessController.h"
#include "services/OAuth2ClientsController.h"
#include "services/TokenSweepController.h"
#include "ui/AdminListTab.h"
#include "ui/AdministrationPage.h"
#include "ui/ConfirmationDialog.h"
#include "ui/ConnectionPage.h"
#include "ui/DesktopApp.h"
#include "ui/MainWindow.h"
#include "ui/MyAccessPage.h"
#include "ui/TokenSweepDialog.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>

#include <memory>
#include <utility>

using namespace accessdesk;

namespace {

const char *const kPasswordEnv = "ACCESSDESK_TST_ACCESSIBILITY_PASSWORD";

bool isInteractive(const QWidget *widget)
{
    return qobject_cast<const QAbstractButton *>(widget) ||
           qobject_cast<const QLineEdit *>(widget) || qobject_cast<const QComboBox *>(widget) ||
           qobject_cast<const QAbstractSpinBox *>(widget) ||
           qobject_cast<const QAbstractItemView *>(widget) ||
           qobject_cast<const QTextEdit *>(widget) || qobject_cast<const QPlainTextEdit *>(widget);
}

// Parts Qt builds inside a control (a spin box's line edit, a combo box's popup list, a table's
// header and corner button, a line edit's clear button, a tab bar's scroll arrows): they belong
// to the control, which is checked itself.
bool isPartOfAControl(const QWidget *widget, const QWidget *root)
{
    if (widget->objectName().startsWith(QLatin1String("qt_")) ||
        qobject_cast<const QHeaderView *>(widget))
        return true;
    const QByteArray className = widget->metaObject()->className();
    if (className == "QTableCornerButton" || className == "QLineEditIconButton")
        return true;
    for (const QWidget *up = widget->parentWidget(); up && up != root; up = up->parentWidget()) {
        if (qobject_cast<const QComboBox *>(up) || qobject_cast<const QAbstractSpinBox *>(up) ||
            qobject_cast<const QLineEdit *>(up) || qobject_cast<const QTabBar *>(up) ||
            qobject_cast<const QHeaderView *>(up))
            return true;
    }
    return false;
}

QString accessibleNameOf(QWidget *widget)
{
    if (!widget->accessibleName().isEmpty())
        return widget->accessibleName();
    QAccessibleInterface *face = QAccessible::queryAccessibleInterface(widget);
    return face ? face->text(QAccessible::Name).trimmed() : QString();
}

QString describe(const QWidget *widget)
{
    QString text;
    if (const auto *button = qobject_cast<const QAbstractButton *>(widget))
        text = button->text();
    else if (const auto *label = qobject_cast<const QLabel *>(widget))
        text = label->text();
    QStringList path;
    for (const QWidget *up = widget->parentWidget(); up && path.size() < 3;
         up = up->parentWidget()) {
        if (!up->objectName().isEmpty())
            path.prepend(up->objectName());
    }
    return QStringLiteral("%1 \"%2\" in %3 (\"%4\", accessible name \"%5\")")
        .arg(QLatin1String(widget->metaObject()->className()), widget->objectName(),
             path.join(QLatin1Char('/')), text.left(40), widget->accessibleName());
}

bool hasMnemonic(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('&'))
            continue;
        if (text.at(i + 1) == QLatin1Char('&')) {
            ++i; // "&&" is a literal ampersand
            continue;
        }
        if (!text.at(i + 1).isSpace())
            return true;
    }
    return false;
}

bool takesFocus(QLayoutItem *item)
{
    if (!item)
        return false;
    if (QWidget *widget = item->widget())
        return isInteractive(widget) && widget->focusPolicy() != Qt::NoFocus;
    if (QLayout *layout = item->layout()) {
        for (int i = 0; i < layout->count(); ++i) {
            if (takesFocus(layout->itemAt(i)))
                return true;
        }
    }
    return false;
}

// What is wrong in root and everything in it, one line each.
QStringList audit(QWidget *root)
{
    QStringList findings;
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *widget : widgets) {
        if (isPartOfAControl(widget, root))
            continue;
        if (isInteractive(widget)) {
            if (widget->objectName().isEmpty())
                findings << QStringLiteral("no object name: %1").arg(describe(widget));
            if (accessibleNameOf(widget).isEmpty())
                findings << QStringLiteral("no accessible name: %1").arg(describe(widget));
        }
        if (const auto *label = qobject_cast<const QLabel *>(widget)) {
            if (label->textFormat() != Qt::PlainText && hasMnemonic(label->text()) &&
                !label->buddy())
                findings << QStringLiteral("mnemonic without buddy: %1").arg(describe(widget));
        }
    }
    QList<QFormLayout *> forms = root->findChildren<QFormLayout *>();
    if (auto *form = qobject_cast<QFormLayout *>(root->layout()); form && !forms.contains(form))
        forms << form;
    for (QFormLayout *form : forms) {
        for (int row = 0; row < form->rowCount(); ++row) {
            QLayoutItem *labelItem = form->itemAt(row, QFormLayout::LabelRole);
            auto *label = labelItem ? qobject_cast<QLabel *>(labelItem->widget()) : nullptr;
            if (label && !label->buddy() && takesFocus(form->itemAt(row, QFormLayout::FieldRole)))
                findings << QStringLiteral("form label without buddy: %1").arg(describe(label));
        }
    }
    findings.removeDuplicates();
    return findings;
}

// The dialog that became the active window (a dialog opened with open() takes the focus).
QDialog *activeDialog(QWidget *besides = nullptr)
{
    QDialog *found = nullptr;
    (void)QTest::qWaitFor(
        [&] {
            found = qobject_cast<QDialog *>(QApplication::activeWindow());
            return found && found != besides && found->isVisible();
        },
        10000);
    return found != besides ? found : nullptr;
}

bool press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget *target = QApplication::focusWidget();
    if (!target)
        return false;
    QTest::keyClick(target, Qt::Key(key), modifiers);
    return true;
}

// An administration list's table, by the object name AdminListTab gives it.
QTableView *tableOf(const QWidget *tab)
{
    return child<QTableView>(tab, QStringLiteral("table"));
}

} // namespace

class TestAccessibility final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void everyPageAndTab();
    void myAccessDialogs();
    void connectionDialog();
    void administrationForms();
    void administrationConfirmations();
    void tokenConfirmations();
    void tlsTrust();
    void plainHttpConsent();
    void replaceKeyFile();
    void linkChangeDialogs();
    void windowDialogs();

private:
    // Audits the dialog, then closes it with Esc (or its reject()).
    void auditAndClose(QDialog *dialog, const QString &where);
    // Checks the keyboard contract of the confirmation that is open, then performs it with Tab
    // and Enter; false (with a message) when anything was off. The app's confirmations are
    // ConfirmationDialog; the TLS trust question has buttons of its own names.
    bool confirmWithKeys(const QString &where, const char *cancelName = "confirmCancel",
                         const char *acceptName = "confirmAccept");
    AdminListTab *list(const char *name) const
    {
        return m_app->administrationPage().findChild<AdminListTab *>(QLatin1String(name));
    }
    bool selectRow(AdminListTab *tab, int column, const QString &text);

    SimProcess m_sim;
    QTemporaryDir m_home;
    std::unique_ptr<DesktopApp> m_app;
};

void TestAccessibility::initTestCase()
{
    QVERIFY2(m_sim.start(), qPrintable(m_sim.errorText()));
    QVERIFY(m_home.isValid());
    qputenv(kPasswordEnv, "admin");
    ConnectionOptions options;
    options.server = m_sim.url();
    options.auth = QStringLiteral("basic");
    options.user = QStringLiteral("admin");
    options.passwordEnv = QLatin1String(kPasswordEnv);
    m_app = std::make_unique<DesktopApp>(
        AppSession::Paths{m_home.filePath(QStringLiteral("profiles.ini")), m_home.path()});
    m_app->start(options, QString());
    QVERIFY(QTest::qWaitForWindowActive(&m_app->window()));
    MyAccessController &myAccess = m_app->myAccess();
    QVERIFY(waitUntil(&myAccess, &MyAccessController::stateChanged, [&myAccess] {
        return myAccess.state() == MyAccessController::State::Idle && myAccess.isAdmin();
    }));
    AdminController &admin = m_app->admin();
    const auto loaded = [&admin] {
        for (const AdminListController *list :
             {static_cast<const AdminListController *>(admin.links()),
              static_cast<const AdminListController *>(admin.consumers()),
              static_cast<const AdminListController *>(admin.clients())}) {
            if (!list->state().loaded || list->state().loading)
                return false;
        }
        return !admin.links()->isChecking();
    };
    m_app->window().showPage(MainWindow::Administration);
    QVERIFY(QTest::qWaitFor(loaded, 30000));
}

void TestAccessibility::cleanupTestCase()
{
    m_app.reset();
    m_sim.stop();
}

void TestAccessibility::cleanup()
{
    // What a failed step left open does not count against the next one.
    for (QWidget *top : QApplication::topLevelWidgets()) {
        if (auto *dialog = qobject_cast<QDialog *>(top); dialog && dialog->isVisible())
            dialog->reject();
    }
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    // A window manager gives the activation back to the window when a dialog closes; the
    // offscreen platform does not.
    m_app->window().activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&m_app->window()));
}

void TestAccessibility::auditAndClose(QDialog *dialog, const QString &where)
{
    QVERIFY2(dialog, qPrintable(QStringLiteral("no dialog: %1").arg(where)));
    const QStringList findings = audit(dialog);
    QPointer<QDialog> guard(dialog);
    dialog->reject();
    QVERIFY2(findings.isEmpty(),
             qPrintable(where + QStringLiteral(":\n  ") + findings.join(QStringLiteral("\n  "))));
}

bool TestAccessibility::confirmWithKeys(const QString &where, const char *cancelName,
                                        const char *acceptName)
{
    // The question is the active window holding the buttons itself (a question asked from a
    // dialog is that dialog's child, so the dialog holds them too).
    QDialog *confirm = nullptr;
    (void)QTest::qWaitFor(
        [&] {
            auto *active = qobject_cast<QDialog *>(QApplication::activeWindow());
            auto *button =
                active ? active->findChild<QPushButton *>(QLatin1String(cancelName)) : nullptr;
            confirm = button && button->window() == active ? active : nullptr;
            return confirm != nullptr;
        },
        10000);
    const auto fail = [&where](const char *what) {
        qWarning("%s: %s", qPrintable(where), what);
        return false;
    };
    if (!confirm)
        return fail("no confirmation");
    const QStringList findings = audit(confirm);
    if (!findings.isEmpty()) {
        qWarning("%s", qPrintable(findings.join(QLatin1Char('\n'))));
        return fail("unnamed controls in the confirmation");
    }
    auto *cancel = confirm->findChild<QPushButton *>(QLatin1String(cancelName));
    auto *accept = confirm->findChild<QPushButton *>(QLatin1String(acceptName));
    if (!cancel || !accept)
        return fail("no Cancel or accept button");
    if (!cancel->isDefault() || accept->isDefault())
        return fail("Cancel is not the default");
    if (QApplication::focusWidget() != cancel)
        return fail("Cancel does not have the focus");
    press(Qt::Key_Tab);
    if (QApplication::focusWidget() != accept)
        return fail("Tab does not reach the destructive button");
    if (!accept->isDefault() || cancel->isDefault())
        return fail("the focused destructive button is not the default");
    QSignalSpy finished(confirm, &QDialog::finished);
    press(Qt::Key_Return);
    if (finished.count() != 1 || finished.first().first().toInt() != QDialog::Accepted)
        return fail("Enter on the focused destructive button did not perform it");
    return true;
}

bool TestAccessibility::selectRow(AdminListTab *tab, int column, const QString &text)
{
    QTableView *table = tableOf(tab);
    const int row = rowOf(table->model(), column, text);
    if (row < 0)
        return false;
    table->selectRow(row);
    return true;
}

void TestAccessibility::everyPageAndTab()
{
    MainWindow &window = m_app->window();
    for (MainWindow::Page page : {MainWindow::MyAccess, MainWindow::Administration,
                                  MainWindow::Activity, MainWindow::Connection}) {
        window.showPage(page);
        if (page == MainWindow::Administration) {
            for (AdministrationPage::Tab tab :
                 {AdministrationPage::AppLinksTab, AdministrationPage::ConsumersTab,
                  AdministrationPage::OAuth2ClientsTab, AdministrationPage::TokensTab})
                m_app->administrationPage().showTab(tab);
        }
        QCoreApplication::processEvents();
    }
    const QStringList findings = audit(&window);
    QVERIFY2(findings.isEmpty(), qPrintable(findings.join(QLatin1Char('\n'))));
}

void TestAccessibility::myAccessDialogs()
{
    MainWindow &window = m_app->window();
    window.showPage(MainWindow::MyAccess);
    MyAccessPage *page = window.myAccessPage();

    page->findChild<QPushButton *>(QStringLiteral("answerRequest"))->click();
    auditAndClose(activeDialog(&window), QStringLiteral("request for access"));

    // A token made in the dialog, so there is a grant to revoke below.
    page->findChild<QPushButton *>(QStringLiteral("newToken"))->click();
    QDialog *create = activeDialog(&window);
    QVERIFY(create);
    const QStringList before = audit(create);
    QVERIFY2(before.isEmpty(), qPrintable(before.join(QLatin1Char('\n'))));
    auto *name = create->findChild<QLineEdit *>(QStringLiteral("tokenName"));
    QVERIFY2(name, "the new token's name field has no object name tokenName");
    QTest::keyClicks(name, QStringLiteral("walk-token"));
    MyAccessController &myAccess = m_app->myAccess();
    QSignalSpy listed(&myAccess, &MyAccessController::grantsChanged);
    create->findChild<QPushButton *>(QStringLiteral("createToken"))->click();
    QVERIFY(waitUntil(&myAccess, &MyAccessController::grantsChanged, [&myAccess] {
        for (const AccessGrant &grant : myAccess.grants()) {
            if (grant.application == QLatin1String("walk-token"))
                return true;
        }
        return false;
    }));
    // The token shown once: the same dialog, on its second step.
    auditAndClose(create, QStringLiteral("new token, shown"));

    QTableView *table = page->findChild<QTableView *>(QStringLiteral("grantTable"));
    const int row =
        rowOf(table->model(), AccessGrantModel::Application, QStringLiteral("walk-token"));
    QVERIFY(row >= 0);
    table->setFocus();
    table->selectRow(row);
    page->findChild<QPushButton *>(QStringLiteral("revokeGrants"))->click();
    QVERIFY(confirmWithKeys(QStringLiteral("revoke a grant")));
    QDialog *progress = activeDialog(&window);
    QVERIFY(progress);
    QVERIFY(waitUntil(&myAccess, &MyAccessController::stateChanged, [&myAccess] {
        return myAccess.state() == MyAccessController::State::Idle && !myAccess.isRevoking();
    }));
    auditAndClose(progress, QStringLiteral("revoke progress"));
}

void TestAccessibility::connectionDialog()
{
    // The message box of a connection problem.
    m_app->window().showConnectionProblem(QStringLiteral("The walk's own problem."));
    QDialog *problem = child<QMessageBox>(&m_app->window(), QStringLiteral("connectionProblem"));
    QVERIFY(problem);
    auditAndClose(problem, QStringLiteral("connection problem"));

    m_app->window().showPage(MainWindow::Connection);
    m_app->connectionPage().openAddDialog();
    auditAndClose(activeDialog(&m_app->window()), QStringLiteral("connection dialog"));
}

void TestAccessibility::administrationForms()
{
    MainWindow &window = m_app->window();
    window.showPage(MainWindow::Administration);
    AdministrationPage &page = m_app->administrationPage();

    page.showTab(AdministrationPage::AppLinksTab);
    page.findChild<QPushButton *>(QStringLiteral("createLink"))->click();
    auditAndClose(activeDialog(&window), QStringLiteral("new link wizard"));

    page.showTab(AdministrationPage::ConsumersTab);
    page.findChild<QPushButton *>(QStringLiteral("approveConsumer"))->click();
    auditAndClose(activeDialog(&window), QStringLiteral("approve consumer"));

    page.showTab(AdministrationPage::OAuth2ClientsTab);
    page.findChild<QPushButton *>(QStringLiteral("createClient"))->click();
    auditAndClose(activeDialog(&window), QStringLiteral("new OAuth 2.0 client"));
    QVERIFY(selectRow(list("oauth2Clients"), 0, QStringLiteral("Deploy Dashboard")));
    page.findChild<QPushButton *>(QStringLiteral("editClient"))->click();
    auditAndClose(activeDialog(&window), QStringLiteral("edit OAuth 2.0 client"));

    page.showTab(AdministrationPage::TokensTab);
    page.findChild<QPushButton *>(QStringLiteral("sweepTokens"))->click();
    auditAndClose(activeDialog(&window), QStringLiteral("token sweep"));
}

void TestAccessibility::administrationConfirmations()
{
    MainWindow &window = m_app->window();
    window.showPage(MainWindow::Administration);
    AdministrationPage &page = m_app->administrationPage();
    AdminController &admin = m_app->admin();

    // Reset an OAuth 2.0 client's secret: the confirmation, then the new secret shown once.
    page.showTab(AdministrationPage::OAuth2ClientsTab);
    QVERIFY(selectRow(list("oauth2Clients"), 0, QStringLiteral("Deploy Dashboard")));
    page.findChild<QPushButton *>(QStringLiteral("resetClientSecret"))->click();
    QVERIFY(confirmWithKeys(QStringLiteral("reset client secret")));
    auditAndClose(activeDialog(&window), QStringLiteral("new client secret"));
    OAuth2ClientsController *clients = admin.clients();
    QVERIFY(waitUntil(clients, &OAuth2ClientsController::changed,
                      [clients] { return !clients->state().loading; }));

    QVERIFY(selectRow(list("oauth2Clients"), 0, QStringLiteral("Deploy Dashboard")));
    QSignalSpy clientGone(clients, &OAuth2ClientsController::changeFinished);
    page.findChild<QPushButton *>(QStringLiteral("deleteClient"))->click();
    QVERIFY(confirmWithKeys(QStringLiteral("delete client")));
    QVERIFY(clientGone.wait(30000));

    page.showTab(AdministrationPage::ConsumersTab);
    ConsumersController *consumers = admin.consumers();
    QTableView *consumerTable = tableOf(list("consumers"));
    QVERIFY(consumerTable->model()->rowCount() > 0);
    consumerTable->selectRow(0);
    QSignalSpy removed(consumers, &ConsumersController::removalFinished);
    page.findChild<QPushButton *>(QStringLiteral("removeConsumer"))->click();
    QVERIFY(confirmWithKeys(QStringLiteral("remove consumer")));
    QVERIFY(removed.wait(30000));

    page.showTab(AdministrationPage::AppLinksTab);
    AppLinksController *links = admin.links();
    QTableView *linkTable = tableOf(list("applicationLinks"));
    QVERIFY(linkTable->model()->rowCount() > 0);
    linkTable->selectRow(0);
    QSignalSpy linksChanged(links, &AppLinksController::linksChanged);
    // "Delete on this Jira only…" in the Delete button's menu.
    auto *deleteLink = page.findChild<QAction *>(QStringLiteral("deleteThisEnd"));
    QVERIFY(deleteLink && deleteLink->isEnabled());
    deleteLink->trigger();
    QVERIFY(confirmWithKeys(QStringLiteral("delete link")));
    QVERIFY(linksChanged.wait(30000));

    // Connection page: removing a saved profile.
    ConnectionProfile profile;
    profile.name = QStringLiteral("walk profile");
    profile.baseUrl = QUrl(m_sim.url());
    profile.username = QStringLiteral("bob");
    QStringList problems;
    QVERIFY(m_app->session().profiles().save(profile, ProfileStore::SaveMode::CreateOrReplace,
                                             &problems));
    window.showPage(MainWindow::Connection);
    ConnectionPage &connections = m_app->connectionPage();
    connections.reload();
    QVERIFY(connections.selectProfile(profile.name));
    QSignalSpy profileRemoved(&connections, &ConnectionPage::profileRemoved);
    child<QPushButton>(&connections, QStringLiteral("removeProfile"))->click();
    QVERIFY(confirmWithKeys(QStringLiteral("remove profile")));
    QVERIFY(profileRemoved.count() == 1 || profileRemoved.wait(30000));
}

void TestAccessibility::tokenConfirmations()
{
    MainWindow &window = m_app->window();
    window.showPage(MainWindow::Administration);
    AdministrationPage &page = m_app->administrationPage();
    page.showTab(AdministrationPage::TokensTab);
    AdminTokenController *tokens = m_app->admin().tokens();
    QVERIFY(waitUntil(tokens, &AdminTokenController::changed, [tokens] {
        return tokens->searchState() == AdminTokenController::SearchState::Completed;
    }));
    auto *tab = page.findChild<QWidget *>(QStringLiteral("personalTokensTab"));
    auto *table = tab->findChild<QTableView *>(QStringLiteral("table"));
    QVERIFY(table->model()->rowCount() > 1);

    // Revoke one token from the list: the question, then the run in the sweep dialog.
    table->selectRow(0);
    tab->findChild<QPushButton *>(QStringLiteral("revokeTokens"))->click();
    QVERIFY(confirmWithKeys(QStringLiteral("revoke a personal token")));
    auto *run = qobject_cast<TokenSweepDialog *>(activeDialog(&window));
    QVERIFY(run);
    auto *runner = run->findChild<TokenSweepController *>();
    QVERIFY(runner);
    QVERIFY(waitUntil(runner, &TokenSweepController::stageChanged,
                      [runner] { return runner->stage() == TokenSweepController::Stage::Done; }));
    auditAndClose(run, QStringLiteral("token revoke run"));
    cleanup();

    // The sweep: find what matches, then the question before revoking it.
    tab->findChild<QPushButton *>(QStringLiteral("sweepTokens"))->click();
    auto *sweep = qobject_cast<TokenSweepDialog *>(activeDialog(&window));
    QVERIFY(sweep);
    auto *sweeper = sweep->findChild<TokenSweepController *>();
    sweep->findChild<QPushButton *>(QStringLiteral("findTokens"))->click();
    QVERIFY(waitUntil(sweeper, &TokenSweepController::stageChanged, [sweeper] {
        return sweeper->stage() == TokenSweepController::Stage::Chosen;
    }));
    auto *revoke = sweep->findChild<QPushButton *>(QStringLiteral("revokeMatches"));
    QVERIFY2(revoke->isEnabled(), "the sweep found no token to revoke");
    revoke->click();
    QVERIFY(confirmWithKeys(QStringLiteral("sweep tokens")));
    QVERIFY(waitUntil(sweeper, &TokenSweepController::stageChanged,
                      [sweeper] { return sweeper->stage() == TokenSweepController::Stage::Done; }));
    auditAndClose(sweep, QStringLiteral("token sweep summary"));
}

void TestAccessibility::tlsTrust()
{
    // A server with a certificate nobody vouches for: saving the profile asks whether to trust it.
    SimProcess tls({QStringLiteral("--tls")});
    QVERIFY2(tls.start(), qPrintable(tls.errorText()));
    m_app->window().showPage(MainWindow::Connection);
    m_app->connectionPage().openAddDialog();
    QDialog *add = activeDialog(&m_app->window());
    QVERIFY(add);
    for (const auto &[name, text] :
         {std::pair<const char *, QString>{"profileName", QStringLiteral("walk tls")},
          {"serverAddress", tls.url()},
          {"userName", QStringLiteral("alice")},
          {"password", QStringLiteral("alice")}}) {
        auto *field = add->findChild<QLineEdit *>(QLatin1String(name));
        QVERIFY2(field, name);
        QTest::keyClicks(field, text);
    }
    add->findChild<QPushButton *>(QStringLiteral("saveProfile"))->click();
    QDialog *trust = activeDialog(add);
    QVERIFY(trust);
    // Trusting it is the destructive answer here: the same contract as every confirmation.
    QVERIFY(confirmWithKeys(QStringLiteral("TLS trust"), "cancelTrust", "trustCertificate"));
    add->reject();
    tls.stop();
}

void TestAccessibility::plainHttpConsent()
{
    // Plain http:// to another computer: asked before the password is sent. Nobody answers at
    // 192.0.2.10 (TEST-NET-1), so after the consent the save fails on the network.
    m_app->window().showPage(MainWindow::Connection);
    m_app->connectionPage().openAddDialog();
    QDialog *add = activeDialog(&m_app->window());
    QVERIFY(add);
    for (const auto &[name, text] :
         {std::pair<const char *, QString>{"profileName", QStringLiteral("walk plain")},
          {"serverAddress", QStringLiteral("http://192.0.2.10")},
          {"userName", QStringLiteral("alice")},
          {"password", QStringLiteral("alice")}}) {
        auto *field = add->findChild<QLineEdit *>(QLatin1String(name));
        QVERIFY2(field, name);
        QTest::keyClicks(field, text);
    }
    add->findChild<QSpinBox *>(QStringLiteral("timeout"))->setValue(1);
    add->findChild<QPushButton *>(QStringLiteral("saveProfile"))->click();
    QVERIFY(confirmWithKeys(QStringLiteral("send the password unencrypted")));
    add->reject();
}

void TestAccessibility::replaceKeyFile()
{
    // A key pair made in the consumer form, into a file that exists: replacing it is asked.
    QTemporaryDir dir;
    const QString existing = dir.filePath(QStringLiteral("private.pem"));
    QFile file(existing);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write("kept\n") > 0);
    file.close();
    m_app->window().showPage(MainWindow::Administration);
    AdministrationPage &page = m_app->administrationPage();
    page.showTab(AdministrationPage::ConsumersTab);
    page.findChild<QPushButton *>(QStringLiteral("approveConsumer"))->click();
    QDialog *form = activeDialog(&m_app->window());
    QVERIFY(form);
    form->findChild<QPushButton *>(QStringLiteral("generateKeyPair"))->click();
    auto *files = form->findChild<QFileDialog *>(QStringLiteral("privateKeyFileDialog"));
    QVERIFY(files);
    files->selectFile(existing);
    static_cast<QDialog *>(files)->accept(); // QFileDialog::accept() is protected
    QVERIFY(confirmWithKeys(QStringLiteral("replace the private key file")));
    form->reject();
}

void TestAccessibility::linkChangeDialogs()
{
    MainWindow &window = m_app->window();
    window.showPage(MainWindow::Administration);
    AdministrationPage &page = m_app->administrationPage();
    page.showTab(AdministrationPage::AppLinksTab);
    QTableView *links = tableOf(list("applicationLinks"));
    QVERIFY(links->model()->rowCount() > 0);
    links->selectRow(0);
    page.findChild<QPushButton *>(QStringLiteral("editLink"))->click();
    auditAndClose(activeDialog(&window), QStringLiteral("edit link"));
    cleanup();

    // Relocating to an address where nothing answers is asked first.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const QString nowhere = QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort());
    probe.close();
    links->selectRow(0);
    page.findChild<QPushButton *>(QStringLiteral("relocateLink"))->click();
    QDialog *relocate = activeDialog(&window);
    QVERIFY(relocate);
    const QStringList findings = audit(relocate);
    QVERIFY2(findings.isEmpty(), qPrintable(findings.join(QLatin1Char('\n'))));
    auto *address = relocate->findChild<QLineEdit *>(QStringLiteral("relocateUrl"));
    QVERIFY(address);
    address->setText(nowhere);
    relocate->findChild<QPushButton *>(QStringLiteral("ok"))->click();
    QVERIFY(confirmWithKeys(QStringLiteral("relocate to a silent address")));
    AppLinksController *controller = m_app->admin().links();
    // Moved anyway: the list is fetched again.
    QVERIFY(waitUntil(controller, &AppLinksController::changed, [controller] {
        const AdminListState &state = controller->state();
        return !state.loading && state.loaded && !controller->isChecking();
    }));
}

void TestAccessibility::windowDialogs()
{
    // The menu bar's own dialogs: Preferences, the shortcuts overview and About.
    MainWindow &window = m_app->window();
    for (const char *action : {"actionPreferences", "actionShortcuts", "actionAbout"}) {
        auto *trigger = window.findChild<QAction *>(QLatin1String(action));
        QVERIFY2(trigger, action);
        trigger->trigger();
        auditAndClose(activeDialog(&window), QLatin1String(action));
        cleanup();
    }
}

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
