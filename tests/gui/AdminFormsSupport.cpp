#include "AdminFormsSupport.h"

#include "SimClient.h"

#include "GuiTestSupport.h"
#include "services/AdminController.h"
#include "services/AdminListController.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QFileDialog>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QNetworkRequest>
#include <QPlainTextEdit>
#include <QProcess>
#include <QTableView>
#include <QUrlQuery>

namespace accessdesk {

ConnectionSettings withoutRetries()
{
    ConnectionSettings settings;
    settings.maxAttempts = 1;
    return settings;
}

ShownAdminPage::ShownAdminPage() = default;
ShownAdminPage::ShownAdminPage(ShownAdminPage &&) noexcept = default;
ShownAdminPage &ShownAdminPage::operator=(ShownAdminPage &&) noexcept = default;

ShownAdminPage::~ShownAdminPage()
{
    window.reset(); // the page uses the controllers to the end
}

ShownAdminPage showAdminPage(ServerConnection *connection, ActivityLog *log, ActivityContext who,
                             AdministrationPage::Tab tab)
{
    ShownAdminPage shown;
    shown.controller = std::make_unique<AdminController>(connection, log, std::move(who));
    shown.page = new AdministrationPage(shown.controller.get());
    shown.window = frameFor(shown.page, 1);
    shown.window->show();
    shown.page->showTab(tab);
    return shown;
}

QStringList accessibilityProblems(const QWidget *root)
{
    QStringList problems;
    QHash<QChar, QString> shortcuts; // letter → the text that has it
    const auto shortcutOf = [&problems, &shortcuts](const QString &className, const QString &text) {
        const qsizetype at = QString(text)
                                 .replace(QStringLiteral("&&"), QStringLiteral("__"))
                                 .indexOf(QLatin1Char('&'));
        if (at < 0 || at + 1 >= text.size())
            return;
        const QChar letter = text.at(at + 1).toLower();
        if (shortcuts.contains(letter))
            problems << className + QStringLiteral(" shortcut ") + letter + QStringLiteral(" of ") +
                            text + QStringLiteral(" is also ") + shortcuts.value(letter) +
                            QStringLiteral("'s");
        shortcuts.insert(letter, text);
    };
    const QList<QWidget *> widgets = root->findChildren<QWidget *>();
    for (const QWidget *widget : widgets) {
        // Another window (a dialog the page opened) is checked on its own.
        if (widget->window() != root->window())
            continue;
        // Parts of Qt's own composite widgets, and dialogs of Qt's making, name themselves.
        const QWidget *parent = widget->parentWidget();
        if (qobject_cast<const QComboBox *>(parent) ||
            qobject_cast<const QAbstractSpinBox *>(parent) ||
            qobject_cast<const QLineEdit *>(parent) || qobject_cast<const QTableView *>(parent))
            continue;
        bool insideFileDialog = false;
        for (const QWidget *up = parent; up; up = up->parentWidget())
            insideFileDialog = insideFileDialog || qobject_cast<const QFileDialog *>(up);
        if (insideFileDialog)
            continue;
        const QString className = QString::fromLatin1(widget->metaObject()->className());
        if (const auto *label = qobject_cast<const QLabel *>(widget)) {
            const QString text = QString(label->text()).remove(QStringLiteral("&&"));
            if (text.contains(QLatin1Char('&')) && !label->buddy())
                problems << className + QLatin1Char(' ') + label->text();
            if (label->isVisibleTo(root))
                shortcutOf(className, label->text());
            continue;
        }
        const bool interactive = qobject_cast<const QAbstractButton *>(widget) ||
                                 qobject_cast<const QLineEdit *>(widget) ||
                                 qobject_cast<const QPlainTextEdit *>(widget) ||
                                 qobject_cast<const QComboBox *>(widget) ||
                                 qobject_cast<const QAbstractSpinBox *>(widget);
        if (const auto *button = qobject_cast<const QAbstractButton *>(widget);
            button && button->isVisibleTo(root))
            shortcutOf(className, button->text());
        if (interactive && (widget->objectName().isEmpty() || widget->accessibleName().isEmpty()))
            problems << className + QLatin1Char(' ') +
                            (widget->objectName().isEmpty() ? widget->accessibleName()
                                                            : widget->objectName());
    }
    return problems;
}

bool waitListed(AdminListController *list)
{
    return waitUntil(list, &AdminListController::changed, [list] {
        const AdminListState &state = list->state();
        return !state.loading && (state.loaded || state.error.isError());
    });
}

std::optional<TestKeyPair> makeRsaKey(int bits)
{
    const auto privatePem =
        runOpenssl({QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("RSA"),
                    QStringLiteral("-pkeyopt"), QStringLiteral("rsa_keygen_bits:%1").arg(bits)});
    if (!privatePem)
        return std::nullopt;
    const auto publicPem =
        runOpenssl({QStringLiteral("pkey"), QStringLiteral("-pubout")}, *privatePem);
    if (!publicPem)
        return std::nullopt;
    return TestKeyPair{*privatePem, *publicPem};
}

QString fingerprintOf(const QByteArray &publicKey)
{
    QByteArray base64;
    for (const QByteArray &line : publicKey.split('\n')) {
        if (!line.startsWith("-----"))
            base64 += line.trimmed();
    }
    const QByteArray digest =
        QCryptographicHash::hash(QByteArray::fromBase64(base64), QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toHex(':').toUpper());
}

HttpResult tokenRequest(QNetworkAccessManager &network, const QString &baseUrl,
                        const QString &clientId, const QString &secret)
{
    QNetworkRequest request(QUrl(baseUrl + QStringLiteral("/rest/oauth2/latest/token")));
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("X-Atlassian-Token", "no-check");
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("authorization_code"));
    form.addQueryItem(QStringLiteral("code"), QStringLiteral("no-such-code"));
    form.addQueryItem(QStringLiteral("redirect_uri"), QStringLiteral("http://127.0.0.1:9/cb"));
    form.addQueryItem(QStringLiteral("client_id"), clientId);
    form.addQueryItem(QStringLiteral("client_secret"), secret);
    return httpSend(network, request, "POST", form.toString(QUrl::FullyEncoded).toLatin1());
}

} // namespace accessdesk
