#include "cli/CliApp.h"

#include "DisplayText.h"
#include "api/ServerConnection.h"
#include "cli/CliAdminPats.h"
#include "cli/CliCommandGroup.h"
#include "cli/CliConsumers.h"
#include "cli/CliLinks.h"
#include "cli/CliOAuth2Clients.h"
#include "cli/Confirmation.h"
#include "secrets/SecretStore.h"
#include "storage/ActivityLog.h"
#include "storage/Database.h"
#include "storage/OfflineCache.h"
#include "storage/PrivateFiles.h"
#include "storage/ProfileStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QTimer>

#include <cerrno>
#include <cstdio>

namespace accessdesk::cli {

CliApp::CliApp(CliOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_secrets(new SecretStore(this))
    , m_out(stdout)
    , m_err(stderr)
{
    m_settings =
        std::make_unique<QSettings>(privatefiles::settingsFile(QStandardPaths::writableLocation(
                                        QStandardPaths::AppConfigLocation)),
                                    QSettings::IniFormat);
    // Said once at the end, unless the command's own message already said it (a profile's
    // secret that cannot be read or saved): the same news twice is noise.
    connect(m_secrets, &SecretStore::keychainUnavailable, this,
            [this](const QString &reason) { m_keychainNotice = reason.trimmed(); });
}

CliApp::~CliApp() = default;

void CliApp::run()
{
    QTimer::singleShot(0, this, &CliApp::dispatch);
}

void CliApp::dispatch()
{
    const QStringList &w = m_options.words;
    const QString command = w.value(0);
    const QString sub = w.value(1);
    const QStringList rest = w.mid(2);

    // Command groups in their own classes (CliCommandGroup), one line each.
    using MakeGroup = CliCommandGroup *(*)(CliApp &);
    const QList<std::pair<QLatin1String, MakeGroup>> groups{
        {QLatin1String("admin-pats"),
         [](CliApp &app) -> CliCommandGroup * { return new CliAdminPats(app); }},
        {QLatin1String("links"),
         [](CliApp &app) -> CliCommandGroup * { return new CliLinks(app); }},
        {QLatin1String("consumers"),
         [](CliApp &app) -> CliCommandGroup * { return new CliConsumers(app); }},
        {QLatin1String("oauth2-clients"),
         [](CliApp &app) -> CliCommandGroup * { return new CliOAuth2Clients(app); }},
    };
    for (const auto &[word, make] : groups) {
        if (command == word) {
            if (!make(*this)->run(sub, rest))
                failWith(Usage,
                         tr("unknown command \"%1\" (see --help)").arg(w.join(QLatin1Char(' '))));
            return;
        }
    }

    if (command == QLatin1String("version")) {
        // Not translated: packagers and scripts read "accessdesk-cli <version>".
        m_out << "accessdesk-cli " << ACCESSDESK_VERSION << '\n';
        finish(Success);
    } else if (command == QLatin1String("probe") && w.size() == 1) {
        connectThen([this] { probe(); });
    } else if (command == QLatin1String("tokens") && sub == QLatin1String("list") &&
               rest.isEmpty()) {
        connectThen([this] { tokensList(); });
    } else if (command == QLatin1String("tokens") && sub == QLatin1String("revoke") &&
               !rest.isEmpty()) {
        connectThen([this, rest] { tokensRevoke(rest); });
    } else if (command == QLatin1String("pat") && sub == QLatin1String("list") && rest.isEmpty()) {
        connectThen([this] { patList(); });
    } else if (command == QLatin1String("pat") && sub == QLatin1String("create") &&
               rest.size() == 1) {
        connectThen([this, name = rest.first()] { patCreate(name); });
    } else if (command == QLatin1String("pat") && sub == QLatin1String("revoke") &&
               !rest.isEmpty()) {
        connectThen([this, rest] { patRevoke(rest); });
    } else if (command == QLatin1String("profiles") && sub == QLatin1String("add") &&
               rest.size() == 1) {
        profilesAdd(rest.first());
    } else if (command == QLatin1String("profiles") && sub == QLatin1String("list") &&
               rest.isEmpty()) {
        profilesList();
    } else if (command == QLatin1String("profiles") && sub == QLatin1String("remove") &&
               rest.size() == 1) {
        profilesRemove(rest.first());
    } else if (command == QLatin1String("profiles") && sub == QLatin1String("test") &&
               rest.size() == 1) {
        m_options.profile = rest.first();
        connectThen([this] { probe(); });
    } else if (command == QLatin1String("oauth1") && sub == QLatin1String("authorize") &&
               rest.isEmpty()) {
        oauth1Authorize();
    } else if (command == QLatin1String("oauth2") && sub == QLatin1String("login") &&
               rest.isEmpty()) {
        oauth2Login();
    } else if (command == QLatin1String("oauth2") && sub == QLatin1String("refresh") &&
               rest.isEmpty()) {
        oauth2Refresh();
    } else if (command == QLatin1String("activity") &&
               (sub == QLatin1String("list") || sub == QLatin1String("export")) && rest.isEmpty()) {
        activityList(sub == QLatin1String("export"));
    } else {
        failWith(Usage, tr("unknown command \"%1\" (see --help)").arg(w.join(QLatin1Char(' '))));
    }
}

bool CliApp::confirmRevoke(const QString &question)
{
    switch (Confirmation(m_options.assumeYes).ask(question)) {
    case Confirmation::Answer::NoTerminal:
        failWith(Usage, tr("revoking needs a confirmation: run it in a terminal or add --yes"));
        return false;
    case Confirmation::Answer::No:
        failWith(Usage, tr("nothing was revoked"));
        return false;
    case Confirmation::Answer::Yes:
        break;
    }
    return true;
}

void CliApp::print(const CommandOutput &output)
{
    printOutput(m_out, output, m_options.format);
}

QString CliApp::withCertificate(const ApiError &error) const
{
    QString message = error.userMessage();
    if (error.kind() == ApiError::Kind::Tls && !error.certificate().isNull()) {
        const CertificateInfo &c = error.certificate();
        // A pinned profile's server that shows another certificate has changed it (or another
        // server answers): the fingerprint trusted so far is what the user compares against.
        const QString pinned = m_connection ? m_connection->settings().pinnedSha256 : QString();
        if (!pinned.isEmpty() && CertificateInfo::normaliseFingerprint(pinned) !=
                                     CertificateInfo::normaliseFingerprint(c.sha256))
            //: %1 is the error message; the labels stay aligned in their column.
            message = tr("%1\n  The certificate is not the one pinned for this server: it changed, "
                         "or another server answers.\n  pinned:   %2\n  offered:  %3\n"
                         "  subject:  %4\n  issuer:   %5\n  valid:    %6 to %7\n"
                         "If you checked the offered certificate with the server's administrator "
                         "and trust it, run again with --pin-sha256 %3")
                          .arg(message, CertificateInfo::normaliseFingerprint(pinned), c.sha256,
                               c.subject, c.issuer, c.validFrom.toString(Qt::ISODate),
                               c.validUntil.toString(Qt::ISODate));
        else
            //: %1 is the error message; the labels stay aligned in their column.
            message =
                tr("%1\n  subject:  %2\n  issuer:   %3\n  valid:    %4 to %5\n  sha256:   %6\n"
                   "If you trust this certificate for this server, run again with "
                   "--pin-sha256 %6")
                    .arg(message, c.subject, c.issuer, c.validFrom.toString(Qt::ISODate),
                         c.validUntil.toString(Qt::ISODate), c.sha256);
    }
    return message;
}

void CliApp::fail(const ApiError &error)
{
    QString message = withCertificate(error);
    for (auto it = error.fieldErrors().begin(); it != error.fieldErrors().end(); ++it)
        message += QStringLiteral("\n  %1: %2")
                       .arg(displaytext::withoutControls(it.key()),
                            displaytext::withoutControls(it.value()));
    failWith(exitCodeFor(error), message);
}

void CliApp::failWith(ExitCode code, const QString &message)
{
    // Messages carry server text (error bodies, names, certificate subjects); their own line
    // breaks stay, any other control character is shown, not obeyed.
    m_err << "accessdesk-cli: " << displaytext::withoutControls(message, displaytext::Lines::Keep)
          << '\n';
    m_err.flush();
    finish(code);
}

void CliApp::finish(ExitCode code)
{
    if (m_finished)
        return;
    m_finished = true;
    // Output that did not reach its file (a full disk, a closed pipe's reader gone) is no
    // success: the CSV or JSON a script gets would be cut off without a word.
    errno = 0;
    m_out.flush();
    const bool written =
        m_out.status() == QTextStream::Ok && std::fflush(stdout) == 0 && std::ferror(stdout) == 0;
    if (!written) {
        const int error = errno;
        m_err << "accessdesk-cli: "
              << (error != 0 ? tr("the output could not be written: %1").arg(qt_error_string(error))
                             : tr("the output could not be written"))
              << '\n';
        m_err.flush();
        if (code == Success)
            code = ServerError;
    }
    if (!m_keychainNotice.isEmpty()) {
        m_err << "accessdesk-cli: " << m_keychainNotice << '\n';
        m_err.flush();
    }
    emit done(code);
}

} // namespace accessdesk::cli
