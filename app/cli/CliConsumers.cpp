// accessdesk-cli consumers: show, approve, remove, fetch-info, keygen.
#include "cli/CliConsumers.h"

#include "DisplayText.h"
#include "cli/CliApp.h"
#include "cli/CliOutcome.h"
#include "services/ConsumerApproval.h"
#include "services/ConsumerDraftCheck.h"
#include "services/ConsumerInfoFetcher.h"
#include "services/ConsumerKeyGenerator.h"
#include "services/ConsumerRemoval.h"
#include "services/LinkConsumerJob.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QSslCertificate>

#include <cstdio>

namespace accessdesk::cli {

namespace {

// Where each consumer field is set on the command line.
const QMap<QString, QString> kOptionOf{
    {QStringLiteral("key"), QStringLiteral("--key")},
    {QStringLiteral("name"), QStringLiteral("--name")},
    {QStringLiteral("description"), QStringLiteral("--description")},
    {QStringLiteral("publicKey"), QStringLiteral("--public-key")},
    {QStringLiteral("callback"), QStringLiteral("--callback")},
    {QStringLiteral("executingTwoLOUser"), QStringLiteral("--execute-as")},
    {QStringLiteral("twoLOImpersonationAllowed"), QStringLiteral("--impersonation")},
    {QStringLiteral("privateKeyFile"), QStringLiteral("--out")},
    {QStringLiteral("url"), QStringLiteral("URL")},
};

QString yesNo(bool value)
{
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}

QJsonObject linkJson(const AppLink &link)
{
    return QJsonObject{{QStringLiteral("id"), link.id},
                       {QStringLiteral("name"), link.name},
                       {QStringLiteral("type"), link.typeId}};
}

QJsonObject consumerJson(const OAuthConsumer &consumer, const std::optional<RsaPublicKey> &key)
{
    return QJsonObject{
        {QStringLiteral("key"), consumer.key},
        {QStringLiteral("name"), consumer.name},
        {QStringLiteral("description"), textOrNull(consumer.description)},
        {QStringLiteral("callback"), textOrNull(consumer.callback)},
        {QStringLiteral("signatureMethod"), textOrNull(consumer.signatureMethod)},
        {QStringLiteral("publicKey"), consumer.publicKey},
        {QStringLiteral("publicKeyBits"), key ? QJsonValue(key->bits()) : QJsonValue()},
        {QStringLiteral("publicKeySha256"),
         key ? QJsonValue(key->sha256Fingerprint()) : QJsonValue()},
        {QStringLiteral("twoLegged"), consumer.twoLoAllowed},
        {QStringLiteral("executeAs"), textOrNull(consumer.executingTwoLoUser)},
        {QStringLiteral("impersonation"), consumer.twoLoImpersonationAllowed}};
}

QString removalMethodName(ConsumerRemoval::Method method)
{
    switch (method) {
    case ConsumerRemoval::Method::OAuthStatus:
        return QStringLiteral("oauth-status");
    case ConsumerRemoval::Method::ConsumerForm:
        return QStringLiteral("consumer-form");
    case ConsumerRemoval::Method::None:
        break;
    }
    return {};
}

} // namespace

CliConsumers::CliConsumers(CliApp &app)
    : CliCommandGroup(app)
{}

bool CliConsumers::run(const QString &sub, const QStringList &arguments)
{
    const bool one = arguments.size() == 1;
    if (sub == QLatin1String("show") && one)
        app().connectThen([this, id = arguments.first()] { show(id); });
    else if (sub == QLatin1String("approve") && one)
        approve(arguments.first());
    else if (sub == QLatin1String("remove") && one)
        app().connectThen([this, id = arguments.first()] { remove(id); });
    else if (sub == QLatin1String("fetch-info") && one)
        fetchInfo(arguments.first());
    else if (sub == QLatin1String("keygen") && arguments.isEmpty())
        keygen();
    else
        return false;
    return true;
}

void CliConsumers::printConsumer(const AppLink &link, const std::optional<OAuthConsumer> &consumer,
                                 const std::optional<RsaPublicKey> &key)
{
    CommandOutput output;
    output.columns = {QStringLiteral("field"), QStringLiteral("value")};
    output.rows = {{QStringLiteral("link"), link.name},
                   {QStringLiteral("link id"), link.id},
                   {QStringLiteral("link type"), link.typeId}};
    if (!consumer) {
        output.rows.append({QStringLiteral("consumer"), QStringLiteral("none")});
    } else {
        const OAuthConsumer &c = *consumer;
        output.rows.append(
            {{QStringLiteral("consumer key"), c.key},
             {QStringLiteral("name"), c.name},
             {QStringLiteral("description"), c.description},
             {QStringLiteral("callback"), c.callback},
             {QStringLiteral("signature method"), c.signatureMethod},
             {QStringLiteral("public key"),
              key ? QStringLiteral("RSA, %1 bits").arg(key->bits()) : QStringLiteral("unreadable")},
             {QStringLiteral("public key SHA-256"), key ? key->sha256Fingerprint() : QString()},
             {QStringLiteral("two-legged OAuth"), yesNo(c.twoLoAllowed)},
             {QStringLiteral("execute as"), c.executingTwoLoUser},
             {QStringLiteral("impersonation"), yesNo(c.twoLoImpersonationAllowed)}});
    }
    output.json = QJsonDocument(
        QJsonObject{{QStringLiteral("link"), linkJson(link)},
                    {QStringLiteral("consumer"), consumer ? QJsonValue(consumerJson(*consumer, key))
                                                          : QJsonValue(QJsonValue::Null)}});
    app().print(output);
}

void CliConsumers::runToEnd(AdminJob *job, std::function<void()> printResult)
{
    connect(job, &AdminJob::finished, this, [this, job, printResult] {
        job->deleteLater();
        if (!job->succeeded()) {
            failOutcome(app(), job->outcome(), kOptionOf);
            return;
        }
        printResult();
        app().finish(Success);
    });
    job->start();
}

void CliConsumers::show(const QString &linkId)
{
    auto *job = new LinkConsumerReader(app().connection(), linkId, this);
    runToEnd(job, [this, job] { printConsumer(job->link(), job->consumer(), job->publicKey()); });
}

void CliConsumers::approve(const QString &linkId)
{
    const CliAdminOptions &o = app().options().admin;
    OAuthConsumer draft;
    draft.key = o.consumerKey;
    draft.name = o.name;
    draft.description = o.description;
    draft.callback = o.callback;
    draft.twoLoAllowed = o.twoLegged;
    draft.executingTwoLoUser = o.executeAs;
    draft.twoLoImpersonationAllowed = o.impersonation;
    if (!o.publicKeyFile.isEmpty()) {
        QFile file(o.publicKeyFile);
        if (!file.open(QIODevice::ReadOnly)) {
            app().failWith(
                Usage,
                tr("cannot read --public-key %1: %2").arg(o.publicKeyFile, file.errorString()));
            return;
        }
        // One byte past the limit is enough for RsaPublicKey to say the file is far too large.
        draft.publicKey = QString::fromUtf8(file.read(RsaPublicKey::kMaximumInputBytes + 1));
    }
    // Checked before connecting: a wrong key never leaves this machine.
    const ConsumerDraftVerdict verdict = ConsumerDraftCheck::check(draft);
    if (!verdict.ok()) {
        app().failWith(Usage, tr("the consumer was not approved; nothing was sent:") +
                                  fieldLines(verdict.fieldErrors, kOptionOf));
        return;
    }
    app().connectThen([this, linkId, draft] {
        ActivityLog *log = app().activityLog();
        if (!log)
            return;
        auto *job = new ConsumerApproval(app().connection(), {linkId, draft, std::nullopt}, log,
                                         app().who(), this);
        runToEnd(job, [this, job] { printConsumer(job->link(), job->stored(), job->storedKey()); });
    });
}

void CliConsumers::remove(const QString &linkId)
{
    // Read first, so that the question names the consumer and what stops working.
    auto *reader = new LinkConsumerReader(app().connection(), linkId, this);
    connect(reader, &AdminJob::finished, this, [this, reader] {
        reader->deleteLater();
        if (!reader->succeeded()) {
            failOutcome(app(), reader->outcome(), kOptionOf);
            return;
        }
        if (!reader->consumer()) {
            app().failWith(ServerError,
                           tr("“%1” has no incoming OAuth consumer; nothing was removed")
                               .arg(reader->link().name));
            return;
        }
        const OAuthConsumer consumer = *reader->consumer();
        const QString question =
            tr("Remove the OAuth consumer “%1” (key %2) from the application link “%3”?")
                .arg(consumer.name, consumer.key, reader->link().name) +
            QLatin1Char('\n') + ConsumerRemoval::consequences(consumer, reader->link());
        if (confirmOrFail(app(), question,
                          tr("removing a consumer needs a confirmation: run it in a terminal or "
                             "add --yes (nothing was changed)")))
            removeConfirmed(reader->link(), consumer);
    });
    reader->start();
}

void CliConsumers::removeConfirmed(const AppLink &link, const OAuthConsumer &consumer)
{
    ActivityLog *log = app().activityLog();
    if (!log)
        return;
    auto *job =
        new ConsumerRemoval(app().connection(), link.id, consumer.key, log, app().who(), this);
    runToEnd(job, [this, job, link, consumer] {
        const QString method = removalMethodName(job->method());
        CommandOutput output;
        output.columns = {QStringLiteral("field"), QStringLiteral("value")};
        output.rows = {{QStringLiteral("link"), link.name},
                       {QStringLiteral("link id"), link.id},
                       {QStringLiteral("consumer key"), consumer.key},
                       {QStringLiteral("removed"), QStringLiteral("yes")},
                       {QStringLiteral("removed through"), method}};
        output.json = QJsonDocument(QJsonObject{
            {QStringLiteral("link"), linkJson(link)},
            {QStringLiteral("consumer"), QJsonObject{{QStringLiteral("key"), consumer.key},
                                                     {QStringLiteral("name"), consumer.name}}},
            {QStringLiteral("removed"), true},
            {QStringLiteral("method"), method}});
        app().print(output);
    });
}

void CliConsumers::fetchInfo(const QString &remote)
{
    const CliOptions &options = app().options();
    ConnectionSettings settings;
    settings.timeoutMs = options.timeoutSeconds * 1000;
    if (!options.caFile.isEmpty()) {
        settings.caCertificates = QSslCertificate::fromPath(options.caFile, QSsl::Pem);
        if (settings.caCertificates.isEmpty()) {
            app().failWith(Usage, tr("%1 holds no PEM certificate").arg(options.caFile));
            return;
        }
    }
    auto *job = new ConsumerInfoFetcher(app().network(), remote, settings, this);
    runToEnd(job, [this, job] {
        const ConsumerInfo &info = job->info();
        const auto &key = job->publicKey();
        CommandOutput output;
        output.columns = {QStringLiteral("field"), QStringLiteral("value")};
        output.rows = {
            {QStringLiteral("url"), job->baseUrl().toString()},
            {QStringLiteral("consumer key"), info.key},
            {QStringLiteral("name"), info.name},
            {QStringLiteral("description"), info.description},
            {QStringLiteral("callback"), info.callback},
            {QStringLiteral("public key"),
             key ? QStringLiteral("RSA, %1 bits").arg(key->bits()) : job->publicKeyProblem()},
            {QStringLiteral("public key SHA-256"), key ? key->sha256Fingerprint() : QString()}};
        output.json = QJsonDocument(QJsonObject{
            {QStringLiteral("url"), job->baseUrl().toString()},
            {QStringLiteral("key"), info.key},
            {QStringLiteral("name"), textOrNull(info.name)},
            {QStringLiteral("description"), textOrNull(info.description)},
            {QStringLiteral("callback"), textOrNull(info.callback)},
            {QStringLiteral("publicKey"), info.publicKey},
            {QStringLiteral("publicKeyBits"), key ? QJsonValue(key->bits()) : QJsonValue()},
            {QStringLiteral("publicKeySha256"),
             key ? QJsonValue(key->sha256Fingerprint()) : QJsonValue()},
            {QStringLiteral("publicKeyProblem"), textOrNull(job->publicKeyProblem())}});
        app().print(output);
        if (!key) {
            app().err() << "accessdesk-cli: "
                        << tr("warning: this public key cannot be approved: %1")
                               .arg(displaytext::withoutControls(job->publicKeyProblem()))
                        << '\n';
            app().err().flush();
        }
    });
}

void CliConsumers::keygen()
{
    const CliAdminOptions &o = app().options().admin;
    if (o.outFile.isEmpty()) {
        app().failWith(Usage,
                       tr("consumers keygen needs --out FILE, the file for the private key"));
        return;
    }
    const QString path = QFileInfo(o.outFile).absoluteFilePath();
    auto *job = new ConsumerKeyGenerator(
        path, o.keyBits,
        o.force ? PrivateKeyFile::Existing::Replace : PrivateKeyFile::Existing::Refuse, this);
    connect(job, &ConsumerKeyGenerator::finished, this, [this, job, path] {
        job->deleteLater();
        if (!job->outcome().succeeded()) {
            AdminOutcome outcome = job->outcome();
            if (job->fileProblem() == PrivateKeyFile::Problem::FileExists)
                outcome.nextStep = tr("Add --force to replace it.");
            failOutcome(app(), outcome, kOptionOf);
            return;
        }
        const RsaPublicKey &key = *job->publicKey();
        const QString pem = QString::fromLatin1(key.pem());
        switch (app().options().format) {
        case OutputFormat::Table: {
            // The PEM as it is, so that it can go straight into a file or the consumer's form.
            QTextStream out(stdout);
            out << pem;
            if (!pem.endsWith(QLatin1Char('\n')))
                out << '\n';
            out.flush();
        } break;
        case OutputFormat::Json:
        case OutputFormat::Csv: {
            CommandOutput output;
            output.columns = {QStringLiteral("field"), QStringLiteral("value")};
            output.rows = {{QStringLiteral("private key file"), QDir::toNativeSeparators(path)},
                           {QStringLiteral("bits"), QString::number(key.bits())},
                           {QStringLiteral("public key SHA-256"), key.sha256Fingerprint()},
                           {QStringLiteral("public key"), pem}};
            output.json = QJsonDocument(
                QJsonObject{{QStringLiteral("privateKeyFile"), path},
                            {QStringLiteral("bits"), key.bits()},
                            {QStringLiteral("publicKey"), pem},
                            {QStringLiteral("publicKeySha256"), key.sha256Fingerprint()}});
            app().print(output);
        } break;
        }
        app().err() << "accessdesk-cli: "
                    << tr("the private key is in %1, readable by you only; AccessDesk keeps no "
                          "copy. Public key SHA-256 %2")
                           .arg(QDir::toNativeSeparators(path), key.sha256Fingerprint())
                    << '\n';
        app().err().flush();
        app().finish(Success);
    });
    job->start();
}

} // namespace accessdesk::cli
