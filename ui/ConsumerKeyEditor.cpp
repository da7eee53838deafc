#include "ConsumerKeyEditor.h"

#include "ConfirmationDialog.h"
#include "DialogParts.h"
#include "services/ConsumersController.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QStyle>
#include <QTextDocument>
#include <QVBoxLayout>

namespace accessdesk {

ConsumerKeyEditor::ConsumerKeyEditor(ConsumersController *consumers, QWidget *parent)
    : QWidget(parent)
    , m_consumers(consumers)
    , m_text(new QPlainTextEdit(this))
    , m_load(new QPushButton(tr("L&oad from file…"), this))
    , m_generate(new QPushButton(tr("&Generate key pair…"), this))
    , m_info(DialogParts::wrappedLabel(QString(), this))
    , m_note(DialogParts::wrappedLabel(QString(), this))
    , m_problem(DialogParts::errorLabel(this))
{
    setAccessibleName(tr("Public key"));
    setFocusProxy(m_text); // the form puts the focus on the field at fault
    m_text->setObjectName(QStringLiteral("publicKey"));
    m_text->setAccessibleName(tr("Public key"));
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setTabChangesFocus(true);
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    // A PEM line (64 characters) fits without wrapping, so the key reads as the file does.
    const QFontMetrics metrics(m_text->font());
    m_text->setMinimumWidth(metrics.horizontalAdvance(QString(66, QLatin1Char('M'))) +
                            m_text->style()->pixelMetric(QStyle::PM_ScrollBarExtent) +
                            2 * m_text->frameWidth());
    // A 2048-bit key's PEM is nine lines with its armour: all of it in view.
    m_text->setMinimumHeight(metrics.lineSpacing() * 10 + 2 * m_text->frameWidth() +
                             int(2 * m_text->document()->documentMargin()));
    m_text->setPlaceholderText(tr("Paste the consumer's RSA public key: PEM (-----BEGIN PUBLIC "
                                  "KEY-----) or bare base64, at least 2048 bits."));
    m_load->setObjectName(QStringLiteral("loadPublicKey"));
    m_load->setAccessibleName(tr("Load the public key from a file"));
    m_load->setToolTip(tr("Read a PEM or base64 public key (or a certificate) from a file"));
    m_generate->setObjectName(QStringLiteral("generateKeyPair"));
    m_generate->setAccessibleName(tr("Generate a key pair"));
    m_generate->setToolTip(tr("Make a new RSA key pair: the private key goes to a file you "
                              "choose, the public key into this form"));
    m_info->setObjectName(QStringLiteral("publicKeyInfo"));
    m_info->setAccessibleName(tr("Public key fingerprint"));
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note->setObjectName(QStringLiteral("keyPairNote"));
    m_note->setAccessibleName(tr("Key pair"));
    m_problem->setObjectName(QStringLiteral("keyFileProblem"));
    m_info->hide();
    m_note->hide();
    m_problem->hide();

    connect(m_text, &QPlainTextEdit::textChanged, this, &ConsumerKeyEditor::textChanged);
    connect(m_load, &QPushButton::clicked, this, &ConsumerKeyEditor::chooseFileToLoad);
    connect(m_generate, &QPushButton::clicked, this, &ConsumerKeyEditor::chooseFileForPrivateKey);
    connect(m_consumers, &ConsumersController::keyPairMade, this,
            &ConsumerKeyEditor::onKeyPairMade);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_load);
    buttons->addWidget(m_generate);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_info);
    layout->addWidget(m_note);
    layout->addWidget(m_problem);
}

QString ConsumerKeyEditor::text() const
{
    return m_text->toPlainText();
}

void ConsumerKeyEditor::setText(const QString &text)
{
    m_text->setPlainText(text);
}

void ConsumerKeyEditor::showKey(int bits, const QString &sha256)
{
    m_info->setVisible(bits > 0);
    m_info->setText(bits > 0 ? tr("RSA, %1 bits. SHA-256 fingerprint: %2").arg(bits).arg(sha256)
                             : QString());
}

void ConsumerKeyEditor::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    m_text->setReadOnly(readOnly);
    updateButtons();
}

void ConsumerKeyEditor::updateButtons()
{
    m_load->setEnabled(!m_readOnly && !m_generating);
    m_generate->setEnabled(!m_readOnly && !m_generating && !m_consumers->isGenerating());
}

void ConsumerKeyEditor::say(const QString &note, const QString &problem)
{
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
}

void ConsumerKeyEditor::chooseFileToLoad()
{
    auto *dialog = new QFileDialog(this, tr("Load the consumer's public key"),
                                   QStandardPaths::writableLocation(QStandardPaths::HomeLocation),
                                   tr("Keys and certificates (*.pem *.pub *.crt *.cer *.key);;"
                                      "All files (*)"));
    dialog->setObjectName(QStringLiteral("loadPublicKeyDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, &ConsumerKeyEditor::load);
    dialog->open();
}

void ConsumerKeyEditor::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        say({},
            tr("%1 could not be read: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return;
    }
    // One byte past the limit is enough for the check to say the file is far too large.
    const QString content = QString::fromUtf8(file.read(RsaPublicKey::kMaximumInputBytes + 1));
    if (ConsumersController::holdsPrivateKey(content)) {
        // Never shown: a private key does not belong in this form, nor on the screen.
        say({}, tr("%1 holds a private key. Load the public key instead: Jira needs only that, "
                   "and the private key must stay with the consumer's application.")
                    .arg(QDir::toNativeSeparators(path)));
        return;
    }
    say(tr("Loaded from %1.").arg(QDir::toNativeSeparators(path)), {});
    m_text->setPlainText(content);
}

void ConsumerKeyEditor::chooseFileForPrivateKey()
{
    const QString name = m_suggestedName.trimmed().isEmpty() ? QStringLiteral("consumer")
                                                             : m_suggestedName.trimmed();
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::HomeLocation);
    auto *dialog = new QFileDialog(this, tr("Save the new private key"),
                                   QDir(folder).filePath(name + QStringLiteral("-private.pem")),
                                   tr("PEM files (*.pem);;All files (*)"));
    dialog->setObjectName(QStringLiteral("privateKeyFileDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("pem"));
    // Replacing is asked below, through the app's own confirmation (which names what is lost).
    dialog->setOption(QFileDialog::DontConfirmOverwrite);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        if (!QFileInfo::exists(path)) {
            generate(path, false);
            return;
        }
        auto *confirm = new ConfirmationDialog(
            tr("Replace the file?"),
            tr("%1 already exists. Replace it with the new private key? What it holds now is "
               "lost, and whatever uses it stops working.")
                .arg(QDir::toNativeSeparators(path)),
            tr("Replace file"), this);
        connect(confirm, &ConfirmationDialog::answered, this, [this, path](bool accepted) {
            if (accepted)
                generate(path, true);
            else
                say({}, tr("No key pair was made: %1 was kept as it is.")
                            .arg(QDir::toNativeSeparators(path)));
        });
        confirm->open();
    });
    dialog->open();
}

void ConsumerKeyEditor::generate(const QString &path, bool replace)
{
    if (m_generating || m_consumers->isGenerating())
        return;
    m_generating = true;
    say(tr("Making a new key pair…"), {});
    updateButtons();
    m_consumers->generateKeyPair(path, replace);
}

void ConsumerKeyEditor::onKeyPairMade(const AdminOutcome &outcome, const QString &publicKeyPem)
{
    if (!m_generating)
        return; // another form's key pair
    m_generating = false;
    updateButtons();
    if (!outcome.succeeded()) {
        QStringList problem{outcome.message};
        problem << outcome.fieldErrors.values();
        say({}, problem.join(QLatin1Char(' ')));
        return;
    }
    m_text->setPlainText(publicKeyPem);
    say(outcome.message + QLatin1Char(' ') +
            tr("The file has mode 0600; give it to the consumer's application only."),
        {});
}

} // namespace accessdesk
