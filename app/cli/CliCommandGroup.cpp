#include "cli/CliCommandGroup.h"

#include "cli/CliApp.h"

namespace accessdesk::cli {

CliCommandGroup::CliCommandGroup(CliApp &app)
    : QObject(&app)
    , m_app(app)
{}

CliCommandGroup::~CliCommandGroup() = default;

} // namespace accessdesk::cli
