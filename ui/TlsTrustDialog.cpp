#include "TlsTrustDialog.h"

#include "DialogParts.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace accessdesk {

std::optional<TlsTrustDialog::Answer> TlsTrustDialog::s_nextAnswer;

namespace {

QLabel *valueLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

QString validity(const QDateTime &when, bool until)
{
    if (!when.isValid())
        return TlsTrustDialog::tr("unknown");
    const QString date = QLocale().toString(when.toLocalTime(), QLocale::LongFormat);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (until && when < now)
        return TlsTrustDialog::tr("%1 (expired)").arg(date);
    if (!until && when > now)
        return TlsTrustDialog::tr("%1 (not valid yet)").arg(date);
    return date;
}

} // namespace

TlsTrustDialog::TlsTrustDialog(const CertificateInfo &certificate, const QString &server,
                               QWidget *parent)
    : QDialog(parent)
    , m_certificate(certificate)
    , m_fingerprint(valueLabel(groupedFingerprint(certificate.sha256), this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Untrusted certificate"));
    setAccessibleName(tr("Untrusted certificate"));

    auto *heading =
        new QLabel(tr("<b>%1 showed a certificate that this computer does not trust.</b>")
                       .arg(server.toHtmlEscaped()),
                   this);
    heading->setWordWrap(true);
    heading->setAccessibleName(tr("What happened"));
    auto *advice = valueLabel(
        tr("This is usual for servers with a self-signed or company certificate, but it is also "
           "what an attacker's server would look like. Trust it only if this is your server: ask "
           "its administrator to compare the SHA-256 fingerprint below. AccessDesk will then "
           "trust exactly this certificate for this server and warn again if it ever changes."),
        this);
    advice->setAccessibleName(tr("Advice"));

    auto *subject = valueLabel(certificate.subject, this);
    auto *issuer = valueLabel(certificate.issuer, this);
    auto *from = valueLabel(validity(certificate.validFrom, false), this);
    auto *until = valueLabel(validity(certificate.validUntil, true), this);
    auto *problem =
        valueLabel(certificate.problem.isEmpty() ? tr("not given") : certificate.problem, this);
    subject->setAccessibleName(tr("Issued to"));
    issuer->setAccessibleName(tr("Issued by"));
    from->setAccessibleName(tr("Valid from"));
    until->setAccessibleName(tr("Valid until"));
    problem->setAccessibleName(tr("Why it was refused"));
    m_fingerprint->setObjectName(QStringLiteral("certificateFingerprint"));
    m_fingerprint->setAccessibleName(tr("SHA-256 fingerprint"));
    m_fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_fingerprint->setWordWrap(false);

    auto *details = new QFormLayout;
    details->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    details->addRow(tr("Issued to:"), subject);
    details->addRow(tr("Issued by:"), issuer);
    details->addRow(tr("Valid from:"), from);
    details->addRow(tr("Valid until:"), until);
    details->addRow(tr("SHA-256 fingerprint:"), m_fingerprint);
    details->addRow(tr("Why it was refused:"), problem);

    auto *buttons = new QDialogButtonBox(this);
    m_trust = buttons->addButton(tr("Trust this certificate for this server"),
                                 QDialogButtonBox::AcceptRole);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_trust->setObjectName(QStringLiteral("trustCertificate"));
    m_cancel->setObjectName(QStringLiteral("cancelTrust"));
    m_trust->setAccessibleName(tr("Trust this certificate for this server"));
    m_cancel->setAccessibleName(tr("Cancel"));
    // Trusting must be a decision, never a stray Enter: Cancel is the default and has the focus.
    // Enter on the trust button, once the user moved the focus there, presses it (auto-default).
    m_trust->setAutoDefault(true);
    m_cancel->setDefault(true);
    connect(m_trust, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(this, &QDialog::finished, this,
            [this](int result) { emit answered(result == QDialog::Accepted); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(advice);
    layout->addSpacing(6);
    layout->addLayout(details);
    layout->addSpacing(6);
    layout->addWidget(buttons);
    setMinimumWidth(620);
}

QString TlsTrustDialog::groupedFingerprint(const QString &sha256)
{
    const QString normal = CertificateInfo::normaliseFingerprint(sha256);
    if (normal.isEmpty())
        return sha256;
    const QStringList pairs = normal.split(QLatin1Char(':'));
    QStringList lines;
    for (qsizetype start = 0; start < pairs.size(); start += 16) {
        const QStringList line = pairs.mid(start, 16);
        lines << line.mid(0, 8).join(QLatin1Char(':')) + QStringLiteral("  ") +
                     line.mid(8).join(QLatin1Char(':'));
    }
    return lines.join(QLatin1Char('\n'));
}

void TlsTrustDialog::setNextAnswer(Answer answer)
{
    s_nextAnswer = answer;
}

void TlsTrustDialog::open()
{
    QDialog::open();
    m_cancel->setFocus();
    DialogParts::answerIfPreset(this, s_nextAnswer, Answer::Trust);
}

QString TlsTrustDialog::shownFingerprint() const
{
    return m_fingerprint->text();
}

} // namespace accessdesk
