#include "acd/events.h"

namespace cc::acd {

std::string_view ToString(QueueEntry v) {
  switch (v) {
    case QueueEntry::kArrival:
      return "arrival";
    case QueueEntry::kOverflow:
      return "overflow";
    case QueueEntry::kTransfer:
      return "transfer";
    case QueueEntry::kRequeue:
      return "requeue";
  }
  return "unknown";
}

std::string_view ToString(CallbackEntry v) {
  switch (v) {
    case CallbackEntry::kRequested:
      return "requested";
    case CallbackEntry::kScheduled:
      return "scheduled";
    case CallbackEntry::kOriginate:
      return "originate";
  }
  return "unknown";
}

std::string_view ToString(OfferEnd v) {
  switch (v) {
    case OfferEnd::kExpired:
      return "expired";
    case OfferEnd::kRejected:
      return "rejected";
    case OfferEnd::kCancelled:
      return "cancelled";
  }
  return "unknown";
}

std::string_view ToString(OverflowReason v) {
  switch (v) {
    case OverflowReason::kMaxWait:
      return "max-wait";
    case OverflowReason::kNoAgents:
      return "no-agents";
    case OverflowReason::kQueueFull:
      return "queue-full";
  }
  return "unknown";
}

std::string_view ToString(TransferKind v) {
  switch (v) {
    case TransferKind::kQueue:
      return "queue";
    case TransferKind::kAgent:
      return "agent";
    case TransferKind::kTeamLead:
      return "team-lead";
    case TransferKind::kExternal:
      return "external";
    case TransferKind::kConsult:
      return "consult";
  }
  return "unknown";
}

std::string_view ToString(ConnectKind v) {
  switch (v) {
    case ConnectKind::kTransfer:
      return "transfer";
    case ConnectKind::kCallback:
      return "callback";
    case ConnectKind::kOutbound:
      return "outbound";
  }
  return "unknown";
}

std::string_view ToString(CallOutcome v) {
  switch (v) {
    case CallOutcome::kCompleted:
      return "completed";
    case CallOutcome::kAbandoned:
      return "abandoned";
    case CallOutcome::kRejected:
      return "rejected";
    case CallOutcome::kTransferredOut:
      return "transferred-out";
    case CallOutcome::kCallbackFailed:
      return "callback-failed";
    case CallOutcome::kCallbackCancelled:
      return "callback-cancelled";
  }
  return "unknown";
}

std::string_view ToString(OfferKind v) {
  switch (v) {
    case OfferKind::kInbound:
      return "inbound";
    case OfferKind::kTransfer:
      return "transfer";
    case OfferKind::kCallback:
      return "callback";
    case OfferKind::kOutbound:
      return "outbound";
    case OfferKind::kConsult:
      return "consult";
  }
  return "unknown";
}

std::string_view ToString(ConsultOutcome v) {
  switch (v) {
    case ConsultOutcome::kTransfer:
      return "transfer";
    case ConsultOutcome::kConference:
      return "conference";
    case ConsultOutcome::kReturn:
      return "return";
  }
  return "unknown";
}

std::string_view EventName(const EventBody& body) {
  static constexpr std::string_view kNames[] = {
      "queue.configured", "agent.configured",   "agent.state_changed", "call.queued",
      "callback.queued",  "callback.scheduled", "call.offered",        "offer.ended",
      "call.answered",    "call.abandoned",     "call.overflowed",     "callback.chosen",
      "call.rejected",    "callback.offered",   "call.connected",      "call.held",
      "call.resumed",     "consult.started",    "consult.connected",   "consult.ended",
      "call.transferred", "call.requeued",      "agent.left_call",     "call.handled",
      "call.ended",
  };
  static_assert(std::size(kNames) == std::variant_size_v<EventBody>);
  return kNames[body.index()];
}

}  // namespace cc::acd
