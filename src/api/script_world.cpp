#include "api/script_world.h"

#include <fmt/format.h>

#include "api/crm_support.h"
#include "api/util.h"
#include "crm/callback.h"
#include "crm/case.h"
#include "crm/phone.h"

namespace cc::api {

using call_scripts::ActionKind;
using call_scripts::Language;
using call_scripts::TransferTarget;
using core::ErrorCode;
using core::Fail;
using nlohmann::json;

namespace {

// 2490000 kopecks -> "24 900 ₽" (ru) / "24,900 ₽" (en); kopecks shown only when there are some.
std::string Money(std::int64_t kopecks, Language language) {
  const bool negative = kopecks < 0;
  if (negative) kopecks = -kopecks;
  std::string whole = std::to_string(kopecks / 100);
  const std::string sep = language == Language::kRu ? "\u00a0" : ",";
  for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3) whole.insert(static_cast<std::size_t>(i), sep);
  std::string out = (negative ? "-" : "") + whole;
  if (kopecks % 100 != 0) out += fmt::format("{}{:02}", language == Language::kRu ? "," : ".", kopecks % 100);
  return out + " ₽";
}

std::string Clock(int minute) { return fmt::format("{:02}:{:02}", minute / 60, minute % 60); }

std::string DateText(crm::Date date, Language language) {
  const std::chrono::year_month_day ymd(date);
  const int y = static_cast<int>(ymd.year());
  const unsigned m = static_cast<unsigned>(ymd.month());
  const unsigned d = static_cast<unsigned>(ymd.day());
  return language == Language::kRu ? fmt::format("{:02}.{:02}.{}", d, m, y) : fmt::format("{}-{:02}-{:02}", y, m, d);
}

// "2026-11-28T15:00" in the centre's zone.
core::Result<core::Timestamp> LocalTime(const std::string& text, const core::TimeZone& zone) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d", &y, &mo, &d, &h, &mi) != 5) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("'{}' is not a date and time", text));
  }
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(mo)),
                                        std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok() || h > 23 || mi > 59) return Fail(ErrorCode::kInvalidArgument, fmt::format("'{}' is not a date and time", text));
  return zone.StartOfDate(std::chrono::sys_days(ymd)) + std::chrono::hours(h) + std::chrono::minutes(mi);
}

tl::unexpected<core::Error> Precondition(std::string message) {
  return tl::unexpected<core::Error>(core::Error{ErrorCode::kFailedPrecondition, std::move(message)});
}

}  // namespace

std::optional<crm::CustomerId> DeskWorld::Customer() {
  if (customer_) return *customer_;
  customer_.emplace();
  if (s_.crm != nullptr && line_.caller) {
    auto found = s_.crm->customers.FindByPhone(*line_.caller, crm::TenantScope::Only({context_.tenant}));
    if (found && found->size() == 1) *customer_ = found->front().id;
  }
  if (!*customer_) {
    if (auto order = CallOrder(); order && *order) *customer_ = (*order)->input.customer;
  }
  return *customer_;
}

core::Result<std::optional<crm::Order>> DeskWorld::CallOrder() {
  if (s_.crm == nullptr) return std::optional<crm::Order>();
  crm::OrderFilter f;
  f.scope = crm::TenantScope::Only({context_.tenant});
  f.created_by = caller_.who.user;
  f.limit = 20;
  auto orders = s_.crm->orders.List(f);
  if (!orders) return tl::unexpected(orders.error());
  std::optional<crm::Order> best;
  for (auto& o : *orders) {
    if (o.input.call != context_.call) continue;
    // A confirmed order beats a draft; among equals the newest.
    const bool confirmed = o.status != crm::OrderStatus::kDraft;
    const bool best_confirmed = best && best->status != crm::OrderStatus::kDraft;
    if (!best || (confirmed && !best_confirmed) || (confirmed == best_confirmed && o.id.value() > best->id.value())) {
      best = std::move(o);
    }
  }
  return best;
}

call_scripts::PlaceholderValues DeskWorld::Facts() {
  call_scripts::PlaceholderValues v;
  v["operator_name"] = caller_.who.display_name;
  if (auto tenant = s_.directory.GetTenant(context_.tenant)) v["company"] = tenant->name;
  if (s_.crm != nullptr) {
    if (auto cats = s_.crm->catalogue.Categories(crm::TenantScope::Only({context_.tenant})); cats && !cats->empty()) {
      std::string line;
      for (std::size_t i = 0; i < cats->size() && i < 3; ++i) line += (i ? ", " : "") + (*cats)[i].name;
      v["product_line"] = line;
    }
    if (auto id = Customer()) {
      if (auto customer = s_.crm->customers.Get(*id); customer && *customer) {
        const crm::Customer& c = **customer;
        v["customer.name"] = c.name;
        v["caller_name"] = c.name;
        if (!c.phones.empty()) v["customer.phone"] = c.phones.front().number;
        if (!c.emails.empty()) v["customer.email"] = c.emails.front();
        if (!c.addresses.empty()) v["customer.address"] = c.addresses.front();
      }
    }
    if (auto order = CallOrder(); order && *order) {
      const crm::Order& o = **order;
      v["order.number"] = std::to_string(o.id.value());
      v["order.total"] = Money(o.total, language_);
      std::string items;
      if (o.quote.contains("lines") && o.quote["lines"].is_array()) {
        for (const json& line : o.quote["lines"]) {
          if (!items.empty()) items += ", ";
          items += fmt::format("{} × {}", line.value("name", std::string()), line.value("quantity", 0));
        }
      }
      v["order.items"] = items;
      v["order.delivery_date"] = DateText(o.input.delivery.date, language_);
      v["order.delivery_window"] =
          Clock(o.input.delivery.window_from_minute) + "–" + Clock(o.input.delivery.window_to_minute);
      v["order.address"] = o.input.delivery.address;
      std::string receivers;
      for (const crm::Receiver& r : o.input.receivers) receivers += (receivers.empty() ? "" : ", ") + r.name;
      v["order.receiver"] = receivers;
    }
  }
  return v;
}

std::string DeskWorld::Collected(const script_desk::ActionRequest& request) const {
  std::string out;
  for (const auto& [field, value] : request.values) {
    std::string label = field;
    if (request.script != nullptr) {
      for (const auto& [id, step] : request.script->steps) {
        const auto* collect = std::get_if<call_scripts::Collect>(&step.body);
        if (collect != nullptr && collect->field == field) label = collect->label;
      }
    }
    out += label + ": " + value + "\n";
  }
  return out;
}

core::Result<json> DeskWorld::Apply(acd::Input input, json answer) {
  if (auto st = Await(s_.centre.Submit(std::move(input))); !st) return tl::unexpected(st.error());
  return answer;
}

core::Result<json> DeskWorld::OpenCase(const script_desk::ActionRequest& request) {
  if (s_.crm == nullptr) return Fail(ErrorCode::kUnavailable, "the CRM is not running on this server");
  crm::CaseInput in;
  in.tenant = context_.tenant;
  in.kind = request.action.case_category.find("request") != std::string::npos ? crm::CaseKind::kRequest
                                                                               : crm::CaseKind::kComplaint;
  in.category = request.action.case_category;
  in.customer = Customer();
  in.call = context_.call;
  const std::string name = request.script != nullptr ? request.script->name : request.code;
  std::string first;
  for (const auto& [field, value] : request.values) {
    if (first.empty() || field == "situation") first = value;
  }
  in.summary = first.empty() ? name : fmt::format("{}: {}", name, first.substr(0, 200));
  in.details = Collected(request);
  if (line_.caller) in.details += (language_ == Language::kRu ? "Номер: " : "Number: ") + *line_.caller + "\n";
  auto opened = s_.crm->cases.Open(std::move(in), caller_.who.user, s_.clock.Now());
  if (!opened) return tl::unexpected(opened.error());
  return json{{"case_id", opened->id.value()}, {"category", opened->input.category},
              {"department_id", opened->department.value()}};
}

core::Result<json> DeskWorld::ScheduleCallback(const script_desk::ActionRequest& request) {
  if (s_.crm == nullptr) return Fail(ErrorCode::kUnavailable, "the CRM is not running on this server");
  const auto when = request.values.find("callback_time");
  if (when == request.values.end()) return Precondition("the callback time has not been taken yet");
  // The time the caller was told: the company's clock (its own zone, else the centre's).
  core::TimeZone zone = s_.crm->zone;
  if (auto tenant = s_.directory.GetTenant(context_.tenant); tenant && tenant->time_zone && !tenant->time_zone->empty()) {
    if (auto own = core::TimeZone::Load(*tenant->time_zone)) zone = *own;
  }
  auto due = LocalTime(when->second, zone);
  if (!due) return tl::unexpected(due.error());
  if (*due < s_.clock.Now() - std::chrono::minutes(1)) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("the callback time {} has passed", when->second));
  }
  std::string number = line_.caller.value_or("");
  if (auto it = request.values.find("callback_phone"); it != request.values.end()) {
    auto e164 = crm::NormalizePhone(it->second);
    if (!e164) return tl::unexpected(e164.error());
    number = *e164;
  }
  if (number.empty()) return Precondition("the caller's number is withheld: take a number to call back");
  crm::CallbackInput in;
  in.tenant = context_.tenant;
  in.number = number;
  in.customer = Customer();
  in.reason = Collected(request);
  if (in.reason.empty()) in.reason = request.script != nullptr ? request.script->name : request.code;
  in.due_at = *due;
  in.queue = context_.queue;
  auto scheduled = s_.crm->callbacks.Schedule(std::move(in), caller_.who.user, s_.clock.Now());
  if (!scheduled) return tl::unexpected(scheduled.error());
  return json{{"callback_id", scheduled->id.value()}, {"due_at", core::FormatUtc(scheduled->input.due_at)},
              {"number", number}};
}

core::Result<std::pair<core::UserId, std::string>> DeskWorld::TeamLead() {
  // The supervisor on duty for this operator: the lead of their team.
  if (!caller_.who.team) return Precondition("you have no team lead to consult; transfer without a consult");
  auto teams = s_.directory.ListTeams();
  if (!teams) return tl::unexpected(teams.error());
  std::optional<core::UserId> lead;
  for (const auto& team : *teams) {
    if (team.id == *caller_.who.team) lead = team.lead;
  }
  if (!lead || *lead == caller_.who.user) return Precondition("your team has no lead to consult; transfer without a consult");
  std::string name;
  if (auto user = s_.directory.GetUser(*lead)) name = user->display_name;
  return std::pair{*lead, name};
}

bool DeskWorld::Consulting() {
  return s_.centre
      .Ask([this] {
        auto desk = s_.centre.DeskOf(context_.agent);
        return desk && desk->call && desk->call->consulting();
      })
      .get();
}

core::Result<json> DeskWorld::Transfer(const script_desk::ActionRequest& request) {
  const call_scripts::Transfer& t = request.action.transfer;
  // Staying on the line: the second confirm hands the caller over to whoever took the consult.
  if (request.stage == "transfer" && Consulting()) {
    return Apply(acd::CompleteConsult{context_.call, acd::ConsultOutcome::kTransfer}, json{{"to", std::string(ToString(t.to))}});
  }
  const bool consult = request.stage == "consult";
  if (t.to == TransferTarget::kTeamLead || (t.to == TransferTarget::kSpecialist && t.id.empty())) {
    if (!consult) return Apply(acd::TransferToTeamLead{context_.call}, json{{"to", "team_lead"}});
    auto lead = TeamLead();
    if (!lead) return tl::unexpected(lead.error());
    acd::ConsultTarget target{acd::ConsultTargetKind::kAgent, core::AgentId(lead->first.value()), {}, {}};
    return Apply(acd::StartConsult{context_.call, target},
                 json{{"to", "team_lead"}, {"with", lead->first.value()}, {"with_name", lead->second}});
  }
  if (t.to == TransferTarget::kAgent) {
    std::uint32_t id = 0;
    if (std::sscanf(t.id.c_str(), "%u", &id) != 1) return Precondition(fmt::format("'{}' is not an agent id", t.id));
    if (!consult) {
      return Apply(acd::TransferToAgent{context_.call, core::AgentId(id)}, json{{"to", "agent"}, {"agent", id}});
    }
    acd::ConsultTarget target{acd::ConsultTargetKind::kAgent, core::AgentId(id), {}, {}};
    return Apply(acd::StartConsult{context_.call, target}, json{{"to", "agent"}, {"with", id}});
  }
  // A queue (or specialists' queue) of the call's company, by id or name.
  auto queue = s_.centre
                   .Ask([this, &t]() -> std::optional<std::pair<core::QueueId, std::string>> {
                     for (const auto& q : s_.centre.setup().queues) {
                       if (q.config.tenant != context_.tenant) continue;
                       if (std::to_string(q.config.id.value()) == t.id || q.config.name == t.id) {
                         return std::pair{q.config.id, q.config.name};
                       }
                     }
                     return std::nullopt;
                   })
                   .get();
  if (!queue) return Precondition(fmt::format("the company has no queue '{}' to transfer to", t.id));
  json answer{{"to", "queue"}, {"queue", queue->first.value()}, {"queue_name", queue->second}};
  if (!consult) return Apply(acd::TransferToQueue{context_.call, queue->first}, std::move(answer));
  acd::ConsultTarget target{acd::ConsultTargetKind::kQueue, {}, queue->first, {}};
  return Apply(acd::StartConsult{context_.call, target}, std::move(answer));
}

core::Result<json> DeskWorld::ConsultOrTransfer(const script_desk::ActionRequest& request) {
  if (request.stage == "consult") {
    auto lead = TeamLead();
    if (!lead) return tl::unexpected(lead.error());
    acd::ConsultTarget target{acd::ConsultTargetKind::kAgent, core::AgentId(lead->first.value()), {}, {}};
    return Apply(acd::StartConsult{context_.call, target}, json{{"with", lead->first.value()}, {"with_name", lead->second}});
  }
  // Back from the consult (if one is going on), then out to the number.
  if (Consulting()) {
    if (auto st = Await(s_.centre.Submit(acd::CompleteConsult{context_.call, acd::ConsultOutcome::kReturn})); !st) {
      return tl::unexpected(st.error());
    }
  }
  return Apply(acd::TransferExternal{context_.call, request.action.external_number},
               json{{"number", request.action.external_number}});
}

core::Result<json> DeskWorld::Requeue() {
  auto done = Apply(acd::RequeueAtHead{context_.call}, json::object());
  if (!done) return done;
  json alert = {{"type", "alert"},
                {"kind", "requeued"},
                {"call", context_.call.value()},
                {"queue", context_.queue.value()},
                {"queue_name", line_.queue_name},
                {"agent", context_.agent.value()},
                {"agent_name", caller_.who.display_name},
                {"at", core::FormatUtc(s_.clock.Now())}};
  if (s_.scripts != nullptr) {
    auto text = std::make_shared<const std::string>(alert.dump());
    s_.scripts->hub.Publish("realtime:all", text);
    s_.scripts->hub.Publish("realtime:tenant:" + std::to_string(context_.tenant.value()), text);
    if (caller_.who.team) s_.scripts->hub.Publish("realtime:team:" + std::to_string(caller_.who.team->value()), text);
  }
  return json{{"queue", context_.queue.value()}, {"queue_name", line_.queue_name}};
}

core::Result<json> DeskWorld::Perform(const script_desk::ActionRequest& request) {
  switch (request.action.kind) {
    case ActionKind::kCreateOrder: {
      auto order = CallOrder();
      if (!order) return tl::unexpected(order.error());
      if (!*order) return Precondition("take the order in the order panel and confirm it first");
      if ((*order)->status == crm::OrderStatus::kDraft) {
        return Precondition(fmt::format("order {} is still a draft: confirm it in the order panel first",
                                        (*order)->id.value()));
      }
      return json{{"order_id", (*order)->id.value()}, {"status", crm::ToString((*order)->status)}};
    }
    case ActionKind::kOpenCase:
      return OpenCase(request);
    case ActionKind::kScheduleCallback:
      return ScheduleCallback(request);
    case ActionKind::kTransfer:
      return Transfer(request);
    case ActionKind::kConsultSupervisorThenTransfer:
      return ConsultOrTransfer(request);
    case ActionKind::kRequeueAtHeadAndAlert:
      return Requeue();
    case ActionKind::kHold:
      return Apply(acd::HoldCall{context_.call}, json::object());
    case ActionKind::kEndCall:
      return Apply(acd::AgentHangsUp{context_.call, context_.agent}, json{{"outcome", request.action.outcome}});
    case ActionKind::kReturn:
      return json::object();
  }
  return json::object();
}

}  // namespace cc::api
