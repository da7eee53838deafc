#pragma once

#include "api/ApiError.h"
#include "api/RawReply.h"

namespace accessdesk {

// The one place where an unsuccessful exchange becomes an ApiError. It reads every error body
// shape Jira's plugins send (spec 1.4: E1–E9), HTML and plain text, and the headers that say
// more than the status (WWW-Authenticate, X-AUSERNAME, Retry-After,
// X-Authentication-Denied-Reason).
namespace errormapper {

ApiError fromReply(const RawReply &reply);
// The server's message from a body in any known shape; plain text and HTML are reduced to text.
QString extractMessage(const QByteArray &body, const QByteArray &contentType);

} // namespace errormapper
} // namespace accessdesk
