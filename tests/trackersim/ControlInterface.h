#pragma once

#include "SimState.h"
#include "http/SimRequest.h"
#include "http/SimResponse.h"

// trackersim's own control interface under /__trackersim/ (README "Fault injection"): faults,
// the test clock, rate-limit buckets and health. Never part of Jira's surface; loopback only.
namespace trackersim::control {

SimResponse handle(const SimRequest &request, SimState &state);

} // namespace trackersim::control
