#include "PreferencesDialog.h"

#include "storage/Preferences.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace accessdesk {

PreferencesDialog::PreferencesDialog(QSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_language(new QComboBox(this))
    , m_expiryDays(new QSpinBox(this))
    , m_restartNote(new QLabel(this))
{
    setObjectName(QStringLiteral("preferencesDialog"));
    setWindowTitle(tr("Preferences"));
    setAccessibleName(tr("Preferences"));
    const Preferences preferences(m_settings);

    // Each language is named in itself, so whoever cannot read the current one finds their own.
    m_language->setObjectName(QStringLiteral("language"));
    m_language->setAccessibleName(tr("Language"));
    m_language->addItem(tr("System default"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->addItem(QStringLiteral("Français"), QStringLiteral("fr"));
    const int current = m_language->findData(preferences.language());
    m_language->setCurrentIndex(current < 0 ? 0 : current);

    m_restartNote->setObjectName(QStringLiteral("languageNote"));
    m_restartNote->setWordWrap(true);
    m_restartNote->setText(tr("A change of language takes effect after a restart."));
    m_restartNote->setForegroundRole(QPalette::PlaceholderText);

    m_expiryDays->setObjectName(QStringLiteral("expiryWarningDays"));
    m_expiryDays->setAccessibleName(tr("Days before expiry to warn"));
    m_expiryDays->setAccessibleDescription(
        tr("Grants that expire within this many days are announced once."));
    m_expiryDays->setRange(1, Preferences::maxExpiryWarningDays);
    m_expiryDays->setValue(preferences.expiryWarningDays());

    auto *form = new QFormLayout;
    auto *languageLabel = new QLabel(tr("&Language:"), this);
    languageLabel->setBuddy(m_language);
    form->addRow(languageLabel, m_language);
    form->addRow(QString(), m_restartNote);
    auto *expiryLabel = new QLabel(tr("&Warn about expiring grants this many days before:"), this);
    expiryLabel->setWordWrap(true);
    expiryLabel->setBuddy(m_expiryDays);
    form->addRow(expiryLabel, m_expiryDays);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("buttons"));
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setObjectName(QStringLiteral("ok"));
    ok->setAccessibleName(tr("Save the preferences"));
    QPushButton *cancel = buttons->button(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancel"));
    cancel->setAccessibleName(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(buttons);
}

void PreferencesDialog::accept()
{
    Preferences preferences(m_settings);
    preferences.setLanguage(m_language->currentData().toString());
    preferences.setExpiryWarningDays(m_expiryDays->value());
    QDialog::accept();
}

} // namespace accessdesk
