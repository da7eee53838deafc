#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace accessdesk {

class ConsumersController;
struct AdminOutcome;

// The public-key part of the approve-consumer form: the key as pasted (PEM or bare base64),
// "Load from file…", "Generate key pair…" (asks where the private key goes, then puts the public
// key here; the private key is written with mode 0600 and never kept), and what the form's check
// found (size and SHA-256 fingerprint). Errors about the key itself are the form's (FieldErrors);
// this shows those about loading and generating.
class ConsumerKeyEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsumerKeyEditor)

public:
    explicit ConsumerKeyEditor(ConsumersController *consumers, QWidget *parent = nullptr);

    QString text() const;
    void setText(const QString &text);
    // What the check says of the key: its size and fingerprint, or nothing (bits 0).
    void showKey(int bits, const QString &sha256);
    void setReadOnly(bool readOnly);
    // The name the private key file is offered under ("<name>-private.pem").
    void setSuggestedName(const QString &name) { m_suggestedName = name; }

    QPlainTextEdit *textEdit() const { return m_text; }
    bool isGenerating() const { return m_generating; }

signals:
    void textChanged();

private:
    void chooseFileToLoad();
    void load(const QString &path);
    void chooseFileForPrivateKey();
    void generate(const QString &path, bool replace);
    void onKeyPairMade(const AdminOutcome &outcome, const QString &publicKeyPem);
    void say(const QString &note, const QString &problem);
    void updateButtons();

    ConsumersController *m_consumers;
    QString m_suggestedName;
    bool m_generating = false;
    bool m_readOnly = false;
    QPlainTextEdit *m_text;
    QPushButton *m_load;
    QPushButton *m_generate;
    QLabel *m_info;
    QLabel *m_note;
    QLabel *m_problem;
};

} // namespace accessdesk
