// The live centre and the CRM as a call's script sees them: the facts that
// fill placeholders (operator, company, customer on the line, the order taken
// on the call) and the actions a confirmed step performs (cases, callbacks,
// transfers, the supervisor consult, hold, requeue with an alert, hang-up).
// Thread-safety: one per request, on the request's thread.
#pragma once

#include <optional>
#include <utility>
#include <string>

#include "api/api.h"
#include "api/guard.h"
#include "call_scripts/script.h"
#include "script_desk/call_session.h"

namespace cc::api {

struct CallLine {
  std::optional<std::string> caller;  // the caller's number; none when withheld
  std::string queue_name;
};

class DeskWorld final : public script_desk::CallWorld {
 public:
  DeskWorld(ApiServices& s, const Caller& caller, script_desk::CallContext context, CallLine line,
            call_scripts::Language language)
      : s_(s), caller_(caller), context_(context), line_(std::move(line)), language_(language) {}

  call_scripts::PlaceholderValues Facts() override;
  core::Result<nlohmann::json> Perform(const script_desk::ActionRequest& request) override;

 private:
  std::optional<crm::CustomerId> Customer();
  core::Result<std::optional<crm::Order>> CallOrder();
  core::Result<nlohmann::json> OpenCase(const script_desk::ActionRequest& request);
  core::Result<nlohmann::json> ScheduleCallback(const script_desk::ActionRequest& request);
  // Blind, or with the stay flag a consult with the target first (request.stage).
  core::Result<nlohmann::json> Transfer(const script_desk::ActionRequest& request);
  core::Result<nlohmann::json> ConsultOrTransfer(const script_desk::ActionRequest& request);
  core::Result<nlohmann::json> Requeue();
  // The lead of the operator's team (not the operator themself), with their name.
  core::Result<std::pair<core::UserId, std::string>> TeamLead();
  bool Consulting();  // the operator's call has a consult going on
  core::Result<nlohmann::json> Apply(acd::Input input, nlohmann::json answer);
  // What the run collected, one "label: value" line each, for cases and callbacks.
  std::string Collected(const script_desk::ActionRequest& request) const;

  ApiServices& s_;
  const Caller& caller_;
  script_desk::CallContext context_;
  CallLine line_;
  call_scripts::Language language_;
  std::optional<std::optional<crm::CustomerId>> customer_;  // looked up once
};

}  // namespace cc::api
