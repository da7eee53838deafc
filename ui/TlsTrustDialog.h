#pragma once

#include "services/ConnectionTester.h" // CertificateInfo, as a refused connection carries it

#include <QDialog>
#include <QString>

#include <optional>

class QLabel;
class QPushButton;

namespace accessdesk {

// Shown when a server's certificate was refused: who it claims to be, who issued it, how long it
// is valid and its SHA-256 fingerprint, with "Trust this certificate for this server" and Cancel
// (the default). It opens without blocking (open(), deleted on close) and reports through
// answered(). Tests pre-set the next answer with setNextAnswer(): the dialog is still built and
// shown, then answers itself on the next event-loop turn, so a test can read it first.
class TlsTrustDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TlsTrustDialog)

public:
    enum class Answer { Cancel, Trust };

    // server: the host the user wanted to reach, as they would recognise it.
    TlsTrustDialog(const CertificateInfo &certificate, const QString &server, QWidget *parent);

    static void setNextAnswer(Answer answer);
    // "AB:CD:…" as two lines of two groups of eight pairs, easy to read aloud and compare.
    static QString groupedFingerprint(const QString &sha256);

    void open() override;
    const CertificateInfo &certificate() const { return m_certificate; }
    QString shownFingerprint() const;

signals:
    void answered(bool trusted);

private:
    static std::optional<Answer> s_nextAnswer;

    CertificateInfo m_certificate;
    QLabel *m_fingerprint;
    QPushButton *m_trust;
    QPushButton *m_cancel;
};

} // namespace accessdesk
