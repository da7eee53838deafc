#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QSettings;
class QSpinBox;

namespace accessdesk {

// Edit ▸ Preferences: the language of the app (read at start, so a change takes effect after a
// restart) and how many days ahead expiring grants are announced. Reads and writes through
// storage/Preferences, in the settings file the CLI shares. Saved on OK; Cancel changes nothing.
class PreferencesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreferencesDialog)

public:
    PreferencesDialog(QSettings &settings, QWidget *parent = nullptr);

    void accept() override;

private:
    QSettings &m_settings;
    QComboBox *m_language;
    QSpinBox *m_expiryDays;
    QLabel *m_restartNote;
};

} // namespace accessdesk
