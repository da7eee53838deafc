#include "AppLinkTestSupport.h"

#include "GuiTestSupport.h"
#include "services/AdminController.h"
#include "services/AppLinksController.h"
#include "ui/AdminListTab.h"
#include "ui/AdminRows.h"
#include "ui/AdministrationPage.h"
#include "ui/AppLinkWizard.h"
#include "ui/AppLinkWizardPages.h"

#include <QAbstractButton>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QMainWindow>
#include <QPushButton>
#include <QTableView>
#include <QTcpServer>
#include <QTest>
#include <QTextBrowser>

namespace accessdesk {

AdminPageUnderTest::AdminPageUnderTest(ServerConnection *connection, ActivityLog *log,
                                       ActivityContext who)
    : m_controller(std::make_unique<AdminController>(connection, log, std::move(who)))
    , m_page(new AdministrationPage(m_controller.get()))
{
    m_window = frameFor(m_page, 1);
    m_window->show();
}

AdminPageUnderTest::~AdminPageUnderTest()
{
    m_window.reset(); // the page first: it renders the controller
}

AppLinksController *AdminPageUnderTest::links() const
{
    return m_controller->links();
}

QWidget *AdminPageUnderTest::tab() const
{
    return child<QWidget>(m_page, "applicationLinksTab");
}

AdminListTab *AdminPageUnderTest::list() const
{
    return child<AdminListTab>(m_page, "applicationLinks");
}

QString silentLoopbackUrl()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        qFatal("no free loopback port");
    const quint16 port = probe.serverPort();
    probe.close();
    return QStringLiteral("http://127.0.0.1:%1").arg(port);
}

bool waitSettled(AppLinksController *links)
{
    return waitUntil(links, &AppLinksController::changed, [links] {
        const AdminListState &state = links->state();
        return !state.loading && (state.loaded || state.error.isError()) && !links->isChecking();
    });
}

bool waitForLink(AppLinksController *links, const QString &name)
{
    return waitUntil(links, &AppLinksController::changed, [links, name] {
        if (links->state().loading)
            return false;
        for (const AppLink &link : links->links()) {
            if (link.name == name)
                return true;
        }
        return false;
    });
}

AppLinkWizard *openWizard(QWidget *tab)
{
    auto *create = child<QPushButton>(tab, "createLink");
    if (!create->isEnabled())
        return nullptr;
    QTest::mouseClick(create, Qt::LeftButton);
    return tab->findChild<AppLinkWizard *>();
}

bool enterAddress(AppLinkWizard *wizard, const QString &url)
{
    QLineEdit *edit = child<QLineEdit>(wizard, "linkUrl");
    edit->selectAll();
    QTest::keyClicks(edit, url);
    QSignalSpy probed(wizard, &AppLinkWizard::probeFinished);
    pressNext(wizard);
    if (wizard->currentId() == AppLinkWizard::AddressPage && !probed.wait(30000))
        return false;
    return wizard->currentId() == AppLinkWizard::DetailsPage;
}

void pressNext(AppLinkWizard *wizard)
{
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
}

bool pressCreate(AppLinkWizard *wizard)
{
    if (wizard->currentId() != AppLinkWizard::CreatePage)
        return false;
    QSignalSpy created(wizard, &AppLinkWizard::createFinished);
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    return created.wait(60000);
}

void closeWizard(AppLinkWizard *wizard)
{
    if (!wizard)
        return;
    wizard->close();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

bool selectLink(AdminListTab *list, const QString &name)
{
    auto *table = child<QTableView>(list, QStringLiteral("table"));
    const int row = rowOf(table->model(), AdminRows::LinkName, name);
    if (row < 0)
        return false;
    table->selectRow(row);
    return list->selectedRows().size() == 1;
}

QString detailsText(AdminListTab *list)
{
    return child<QTextBrowser>(list, QStringLiteral("details"))->toPlainText();
}

bool checkSelected(QWidget *tab, AppLinksController *links)
{
    auto *check = child<QPushButton>(tab, "checkLink");
    if (!check->isEnabled()) {
        qWarning("Check is disabled: %s", qPrintable(check->toolTip()));
        return false;
    }
    QTest::mouseClick(check, Qt::LeftButton);
    return links->isChecking() && waitSettled(links);
}

QJsonObject serverLinkNamed(const SimClient &server, const QString &name)
{
    const HttpResult reply = server.get(QStringLiteral("/rest/applinks/3.0/applinks"), "admin");
    for (const QJsonValue &link : QJsonDocument::fromJson(reply.body).array()) {
        if (link.toObject().value(QStringLiteral("name")).toString() == name)
            return link.toObject();
    }
    return {};
}

std::optional<QJsonObject> serverLink(const SimClient &server, const QString &id)
{
    const HttpResult reply =
        server.get(QStringLiteral("/rest/applinks/3.0/applinks/") + id, "admin");
    if (reply.status != 200)
        return std::nullopt;
    return QJsonDocument::fromJson(reply.body).object();
}

QJsonObject serverStatus(const SimClient &server, const QString &id)
{
    const HttpResult reply = server.get(QStringLiteral("/rest/applinks/3.0/status/") + id, "admin");
    return QJsonDocument::fromJson(reply.body).object();
}

QString createGenericLink(const SimClient &server, const QString &name, const QString &url)
{
    const QJsonObject body{{QStringLiteral("typeId"), QStringLiteral("generic")},
                           {QStringLiteral("name"), name},
                           {QStringLiteral("rpcUrl"), url},
                           {QStringLiteral("displayUrl"), url}};
    const HttpResult reply =
        server.sendJson("PUT", QStringLiteral("/rest/applinks/2.0/applicationlink"),
                        QJsonDocument(body).toJson(QJsonDocument::Compact), "admin");
    if (reply.status != 201)
        return {};
    return serverLinkNamed(server, name).value(QStringLiteral("id")).toString();
}

} // namespace accessdesk
