#include "AppIcons.h"

#include <QFile>
#include <QString>

namespace accessdesk::AppIcons {

namespace {

struct Names
{
    const char *theme; // freedesktop icon naming specification
    const char *file;  // under :/icons/
};

Names namesOf(Icon which)
{
    switch (which) {
    case Icon::Application:
        return {"accessdesk", "accessdesk.svg"};
    case Icon::Refresh:
        return {"view-refresh", "refresh.svg"};
    case Icon::Find:
        return {"edit-find", "find.svg"};
    case Icon::Revoke:
        return {"edit-delete", "revoke.svg"};
    case Icon::AddServer:
        return {"list-add", "add-server.svg"};
    case Icon::Export:
        return {"document-export", "export.svg"};
    case Icon::MyAccess:
        return {"dialog-password", "page-my-access.svg"};
    case Icon::Administration:
        return {"preferences-system", "page-administration.svg"};
    case Icon::Activity:
        return {"document-open-recent", "page-activity.svg"};
    case Icon::Connection:
        return {"network-server", "page-connection.svg"};
    }
    return {"", ""};
}

} // namespace

QIcon bundled(Icon which)
{
    const QString file = QStringLiteral(":/icons/") + QLatin1String(namesOf(which).file);
    QIcon icon(file);
    // The navigation's icons have a light variant for the highlighted row, where the normal one
    // would sink into the highlight colour.
    QString selected = file;
    selected.replace(QStringLiteral(".svg"), QStringLiteral("-selected.svg"));
    if (QFile::exists(selected))
        icon.addFile(selected, QSize(), QIcon::Selected);
    return icon;
}

QIcon icon(Icon which)
{
    return QIcon::fromTheme(QLatin1String(namesOf(which).theme), bundled(which));
}

} // namespace accessdesk::AppIcons
