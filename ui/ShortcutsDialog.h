#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QTableWidget;

namespace accessdesk {

// Help ▸ Keyboard shortcuts: every action of the window that has a shortcut, read from the
// actions themselves (the menus' and the pages'), so the list cannot drift from what the keys do.
class ShortcutsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShortcutsDialog)

public:
    struct Entry
    {
        QString action;   // the action's text, without the mnemonic's "&"
        QString shortcut; // as the platform writes it ("Ctrl+F"); several joined with ", "
        bool operator==(const Entry &) const = default;
    };

    explicit ShortcutsDialog(QWidget *window, QWidget *parent = nullptr);

    // The menu bar's actions in menu order, then the pages' own actions; each text and shortcut
    // once.
    static QList<Entry> entries(QWidget *window);
    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table;
};

} // namespace accessdesk
