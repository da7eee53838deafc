#pragma once

#include "AccessGrant.h"

#include <QString>

namespace accessdesk {

// The ids people and scripts use for grants ("tokens list", "tokens revoke"): the kind and a
// stable key. An OAuth 1.0a token value works as a credential for its consumer, so it is never
// shown; its id is a short hash of it instead.
namespace grantids {

QString publicId(const AccessGrant &grant); // "oauth1:3fa9c0d2e1b4", "oauth2:<token id>", "pat:123"

} // namespace grantids
} // namespace accessdesk
