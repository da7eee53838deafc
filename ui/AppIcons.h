#pragma once

#include <QIcon>

namespace accessdesk {

// The icons of the actions and the navigation: the desktop's icon theme first (so the app looks
// like its neighbours), the SVGs drawn for AccessDesk (resources/icons/) where the theme has none.
namespace AppIcons {

enum class Icon {
    Application,
    Refresh,
    Find,
    Revoke,
    AddServer,
    Export,
    MyAccess,
    Administration,
    Activity,
    Connection,
};

QIcon icon(Icon which);
// The bundled SVG alone, without the theme (the window icon, tests).
QIcon bundled(Icon which);

} // namespace AppIcons

} // namespace accessdesk
