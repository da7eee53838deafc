#include "services/SourcePlurals.h"

#include <QCoreApplication>
#include <QTranslator>

namespace accessdesk {

bool installSourcePlurals()
{
    auto *app = QCoreApplication::instance();
    if (!app)
        return false;
    auto *plurals = new QTranslator(app);
    if (!plurals->load(QStringLiteral(":/i18n/accessdesk_en.qm"))) {
        delete plurals;
        return false;
    }
    return QCoreApplication::installTranslator(plurals);
}

} // namespace accessdesk
