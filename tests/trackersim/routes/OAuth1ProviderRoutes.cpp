#include "Routes.h"

#include "http/Router.h"

namespace trackersim::routes {

void registerOAuth1Provider(Router &)
{
    // Being written (issue 2): see the helper brief.
}

} // namespace trackersim::routes
