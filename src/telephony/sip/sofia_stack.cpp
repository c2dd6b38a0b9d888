// SipStack over sofia-sip NUA. The only file that includes sofia-sip headers.
//
// One thread runs the su_root; NUA's callbacks and every nua_* call happen on
// it. Commands from other threads are wrapped in a heap std::function and
// sent to the root's task with su_msg; events leave through the sink with
// their data copied out of sofia's messages.
//
// NUA runs with media disabled (we do SDP ourselves: the body goes in and out
// as text), no automatic alerting or answering, and REGISTER delivered to us.
// OPTIONS is answered by NUA itself (keep-alives from phones and trunks).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstring>

#include "telephony/sip/edge_guard.h"
#include "telephony/sip/security_log.h"
#include "telephony/sip/replaces.h"
#include "telephony/sip/sip_stack.h"
#include "telephony/sip/tls_identity.h"
#include "telephony/sip/udp_ban_filter.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#define SU_ROOT_MAGIC_T struct SofiaRoot
#define NUA_MAGIC_T struct SofiaRoot
#define NUA_HMAGIC_T struct SofiaLeg
#include <sofia-sip/msg_addr.h>
#include <sofia-sip/nua.h>
#include <sofia-sip/nta_tag.h>
#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/su.h>
#include <sofia-sip/su_log.h>
#include <sofia-sip/su_tag.h>
#include <sofia-sip/su_wait.h>
#include <sofia-sip/tport_tag.h>
#include <sofia-sip/url.h>
#pragma GCC diagnostic pop

// What a nua handle carries as its magic: our id for the leg or request.
struct SofiaLeg {
  cc::telephony::sip::LegId leg = 0;          // 0 for a REGISTER
  cc::telephony::sip::RequestId request = 0;  // REGISTER waiting for an answer
  nua_saved_event_t saved[1] = {};
  bool has_saved = false;
  bool outgoing = false;
  bool established = false;  // 2xx sent or received
  bool ended = false;        // LegEnded sent
  std::string auth_user;     // answers one digest challenge to an outgoing INVITE
  std::string auth_password;
  bool authenticated = false;
  std::string source;  // an incoming call's source address (calls per source)
  std::string transport = "udp";  // of an incoming call: our Contact in answers follows it
  std::string call_id;            // of an incoming call (a transfer's Replaces names it),
  std::string remote_tag;         // the caller's From tag
  std::string local_tag;          // and ours, as its ACK confirms it
};

struct SofiaRoot;

namespace cc::telephony::sip {
namespace {

using Work = std::function<void()>;

std::string Str(const char* s) { return s ? std::string(s) : std::string(); }

std::string Payload(const sip_t* sip) {
  if (!sip || !sip->sip_payload || !sip->sip_payload->pl_data) return {};
  return std::string(sip->sip_payload->pl_data, sip->sip_payload->pl_len);
}

std::optional<std::string> AuthText(const msg_auth_t* auth) {
  if (!auth || !auth->au_scheme) return std::nullopt;
  std::string text = auth->au_scheme;
  const char* separator = " ";
  for (auto p = auth->au_params; p && *p; ++p) {
    text += separator;
    text += *p;
    separator = ", ";
  }
  return text;
}

Peer PeerOf(nua_t* nua) {
  Peer peer;
  msg_t* request = nua_current_request(nua);
  if (!request) return peer;
  su_addrinfo_t* ai = msg_addrinfo(request);
  if (!ai || !ai->ai_addr) return peer;
  char text[INET6_ADDRSTRLEN] = {};
  if (ai->ai_addr->sa_family == AF_INET) {
    auto* in = reinterpret_cast<sockaddr_in*>(ai->ai_addr);
    inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
    peer.port = ntohs(in->sin_port);
  } else if (ai->ai_addr->sa_family == AF_INET6) {
    auto* in6 = reinterpret_cast<sockaddr_in6*>(ai->ai_addr);
    inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text);
    peer.port = ntohs(in6->sin6_port);
  }
  peer.address = text;
  peer.transport = ai->ai_protocol == IPPROTO_TCP ? "tcp" : "udp";
  // TLS arrives as a TCP connection; the top Via says which (sofia-sip drops
  // a request whose Via names another transport than the one it came over).
  sip_t const* sip = sip_object(request);
  if (peer.transport == "tcp" && sip && sip->sip_via && sip->sip_via->v_protocol &&
      strcasecmp(sip->sip_via->v_protocol, "SIP/2.0/TLS") == 0) {
    peer.transport = "tls";
  }
  return peer;
}

// A port free for TCP on `address`, for a TLS listener on port 0.
core::Result<std::uint16_t> PickFreeTcpPort(const std::string& address) {
  int tcp = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  if (inet_pton(AF_INET, address.c_str(), &sa.sin_addr) != 1 ||
      ::bind(tcp, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) {
    ::close(tcp);
    return core::Fail(core::ErrorCode::kUnavailable, fmt::format("sip: no free TCP port for TLS on {}", address));
  }
  socklen_t len = sizeof sa;
  ::getsockname(tcp, reinterpret_cast<sockaddr*>(&sa), &len);
  ::close(tcp);
  return static_cast<std::uint16_t>(ntohs(sa.sin_port));
}

// A port free for both UDP and TCP on `address`, for `port = 0`.
core::Result<std::uint16_t> PickFreePort(const std::string& address) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    int udp = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = 0;
    if (inet_pton(AF_INET, address.c_str(), &sa.sin_addr) != 1) {
      ::close(udp);
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        fmt::format("sip: port 0 needs an IPv4 bind address, not '{}'", address));
    }
    if (::bind(udp, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) {
      ::close(udp);
      return core::Fail(core::ErrorCode::kUnavailable,
                        fmt::format("sip: cannot bind {}: {}", address, std::strerror(errno)));
    }
    socklen_t len = sizeof sa;
    ::getsockname(udp, reinterpret_cast<sockaddr*>(&sa), &len);
    int tcp = ::socket(AF_INET, SOCK_STREAM, 0);
    const bool tcp_free = ::bind(tcp, reinterpret_cast<sockaddr*>(&sa), sizeof sa) == 0;
    ::close(tcp);
    ::close(udp);
    if (tcp_free) return static_cast<std::uint16_t>(ntohs(sa.sin_port));
  }
  return core::Fail(core::ErrorCode::kUnavailable,
                    fmt::format("sip: found no port free for both UDP and TCP on {}", address));
}

class SofiaStack;

}  // namespace
}  // namespace cc::telephony::sip

struct SofiaRoot {
  cc::telephony::sip::SofiaStack* stack = nullptr;
};

namespace cc::telephony::sip {
namespace {

class SofiaStack final : public SipStack {
 public:
  SofiaStack(StackOptions options, std::function<void(StackEvent)> sink)
      : options_(std::move(options)), sink_(std::move(sink)), guard_(options_.edge) {
    magic_.stack = this;
  }

  ~SofiaStack() override {
    if (!thread_.joinable()) return;
    Post([this] {
      shutting_down_ = true;
      // Hang up what is still up so that phones and trunks are told.
      for (auto& [id, leg] : legs_) {
        if (leg.second->ended) continue;
        if (leg.second->established) {
          nua_bye(leg.first, TAG_END());
        } else if (leg.second->outgoing) {
          nua_cancel(leg.first, TAG_END());
        } else {
          nua_respond(leg.first, 503, "Service Unavailable", TAG_END());
        }
      }
      nua_shutdown(nua_);
    });
    thread_.join();
  }

  core::Status Run() {
    std::promise<core::Status> started;
    auto ready = started.get_future();
    thread_ = std::thread([this, &started] { Loop(started); });
    auto status = ready.get();
    if (!status) thread_.join();
    return status;
  }

  void ReportAuthFailure(Peer source) override {
    Post([this, source = std::move(source)] {
      guard_.OnAuthFailure(source.address, Now());
      if (auto ban = guard_.TakeBan()) {
        LogBan(*ban, source);
        RefreshBanFilter();
      }
    });
  }

  std::string address() const override { return options_.address; }
  std::uint16_t port() const override { return options_.port; }
  std::uint16_t tls_port() const override { return options_.tls ? options_.tls->port : 0; }

  void AnswerRegister(RequestId request, int status, std::string phrase,
                      std::vector<Header> headers) override {
    Post([this, request, status, phrase = std::move(phrase), headers = std::move(headers)] {
      auto it = requests_.find(request);
      if (it == requests_.end()) return;
      auto [nh, rec] = it->second;
      requests_.erase(it);
      const std::string extra = HeaderText(headers);
      nua_respond(nh, status, Intern(phrase), NUTAG_WITH_SAVED(rec->saved),
                  TAG_IF(!extra.empty(), SIPTAG_HEADER_STR(extra.c_str())), TAG_END());
      nua_destroy_event(rec->saved);
      nua_handle_bind(nh, nullptr);
      nua_handle_destroy(nh);
      delete rec;
    });
  }

  void Respond(LegId leg, int status, std::string phrase, std::string sdp,
               std::vector<Header> headers) override {
    Post([this, leg, status, phrase = std::move(phrase), sdp = std::move(sdp),
          headers = std::move(headers)] {
      auto it = legs_.find(leg);
      if (it == legs_.end() || it->second.second->ended) return;
      auto [nh, rec] = it->second;
      const std::string extra = HeaderText(headers);
      const std::string contact = ContactFor(rec->transport);
      nua_respond(nh, status, Intern(phrase), TAG_IF(!contact.empty(), SIPTAG_CONTACT_STR(contact.c_str())),
                  TAG_IF(!sdp.empty(), SIPTAG_CONTENT_TYPE_STR("application/sdp")),
                  TAG_IF(!sdp.empty(), SIPTAG_PAYLOAD_STR(sdp.c_str())),
                  TAG_IF(!extra.empty(), SIPTAG_HEADER_STR(extra.c_str())), TAG_END());
      if (status >= 200 && status < 300) rec->established = true;
    });
  }

  LegId NewLeg() override { return next_leg_.fetch_add(1); }

  void Invite(LegId leg, std::string target_uri, std::string from_user, std::string from_display,
              std::string sdp, Credentials credentials, Peer flow) override {
    Post([this, leg, target_uri = std::move(target_uri), from_user = std::move(from_user),
          from_display = std::move(from_display), sdp = std::move(sdp),
          credentials = std::move(credentials), flow = std::move(flow)] {
      if (shutting_down_) {
        Emit(LegFailed{leg, 503, "Service Unavailable"});
        Emit(LegEnded{leg, false});
        return;
      }
      auto* rec = new SofiaLeg;
      rec->leg = leg;
      rec->outgoing = true;
      rec->auth_user = credentials.user;
      rec->auth_password = credentials.password;
      std::string from = "sip:" + (from_user.empty() ? std::string("anonymous") : from_user) +
                         "@" + options_.address;
      if (!from_display.empty()) from = "\"" + from_display + "\" <" + from + ">";
      // In angle brackets: a bare URI would lose its parameters (";transport=tls") to the To header.
      const std::string to = "<" + target_uri + ">";
      nua_handle_t* nh =
          nua_handle(nua_, rec, SIPTAG_TO_STR(to.c_str()), SIPTAG_FROM_STR(from.c_str()), TAG_END());
      if (!nh) {
        delete rec;
        Emit(LegFailed{leg, 500, "Cannot create a handle"});
        Emit(LegEnded{leg, false});
        return;
      }
      legs_[leg] = {nh, rec};
      const bool over_flow = flow.transport == "tls" && !flow.address.empty() && flow.port != 0;
      const std::string proxy =
          over_flow ? fmt::format("sip:{}:{};transport=tls", flow.address, flow.port) : std::string();
      rec->transport = over_flow || target_uri.find(";transport=tls") != std::string::npos ? "tls"
                       : target_uri.find(";transport=tcp") != std::string::npos        ? "tcp"
                                                                                       : "udp";
      const std::string contact = ContactFor(rec->transport);
      nua_invite(nh, NUTAG_URL(target_uri.c_str()), TAG_IF(over_flow, NUTAG_PROXY(proxy.c_str())),
                 TAG_IF(!contact.empty(), SIPTAG_CONTACT_STR(contact.c_str())),
                 SIPTAG_CONTENT_TYPE_STR("application/sdp"), SIPTAG_PAYLOAD_STR(sdp.c_str()),
                 TAG_END());
    });
  }

  void ReInvite(LegId leg, std::string sdp) override {
    Post([this, leg, sdp = std::move(sdp)] {
      auto it = legs_.find(leg);
      if (it == legs_.end() || !it->second.second->established || it->second.second->ended) return;
      nua_invite(it->second.first, SIPTAG_CONTENT_TYPE_STR("application/sdp"),
                 SIPTAG_PAYLOAD_STR(sdp.c_str()), TAG_END());
    });
  }

  void Hangup(LegId leg) override {
    Post([this, leg] {
      auto it = legs_.find(leg);
      if (it == legs_.end() || it->second.second->ended) return;
      auto [nh, rec] = it->second;
      if (rec->established) {
        nua_bye(nh, TAG_END());
      } else if (rec->outgoing) {
        nua_cancel(nh, TAG_END());
      } else {
        nua_respond(nh, 480, "Temporarily Unavailable", TAG_END());
      }
    });
  }

  void NotifyRefer(LegId leg, int status, std::string phrase) override {
    Post([this, leg, status, phrase = std::move(phrase)] {
      auto it = legs_.find(leg);
      if (it == legs_.end() || it->second.second->ended) return;
      const std::string frag = fmt::format("SIP/2.0 {} {}\r\n", status, phrase);
      nua_notify(it->second.first, NUTAG_SUBSTATE(nua_substate_terminated), SIPTAG_EVENT_STR("refer"),
                 SIPTAG_CONTENT_TYPE_STR("message/sipfrag"), SIPTAG_PAYLOAD_STR(frag.c_str()), TAG_END());
    });
  }

  // Runs on the stack thread: NUA's callback.
  void OnEvent(nua_event_t event, int status, const char* phrase, nua_handle_t* nh,
               SofiaLeg* rec, const sip_t* sip, tagi_t tags[]) {
    if (rec == nullptr && nh != nullptr && nua_event_is_incoming_request(event) && !Screen(event, nh, sip)) return;
    switch (event) {
      case nua_i_register:
        OnRegister(nh, sip);
        return;
      case nua_i_invite:
        OnInvite(nh, rec, sip);
        return;
      case nua_r_invite:
        if (!rec) return;
        if ((status == 401 || status == 407) && !rec->established && !rec->authenticated &&
            !rec->auth_user.empty() && Authenticate(nh, rec, sip)) {
          return;  // the INVITE goes again with credentials
        }
        if (status == 180 || status == 183) {
          Emit(LegProgress{rec->leg, status});
        } else if (status >= 200 && status < 300) {
          rec->established = true;
          Emit(LegAnswered{rec->leg, Payload(sip)});
        } else if (status >= 300 && !rec->established) {
          Emit(LegFailed{rec->leg, status, Str(phrase)});
        }
        return;
      case nua_i_refer:  // answered 202 by NUA
        if (rec && sip && sip->sip_refer_to && sip->sip_refer_to->r_url->url_user) {
          Emit(Refer(rec->leg, sip->sip_refer_to->r_url));
        } else if (rec) {
          Emit(ReferRequest{rec->leg, {}});  // no user to go to: refused
        } else if (nh) {
          nua_handle_destroy(nh);  // outside any call of ours: nothing to transfer
        }
        return;
      case nua_r_notify:
        return;
      case nua_i_state: {
        int state = nua_callstate_init;
        tl_gets(tags, NUTAG_CALLSTATE_REF(state), TAG_END());
        if (state == nua_callstate_terminated && rec) End(nh, rec);
        return;
      }
      case nua_r_shutdown:
        if (status >= 200) su_root_break(root_);
        return;
      case nua_i_ack:
        if (rec && sip && sip->sip_to && rec->local_tag.empty()) rec->local_tag = Str(sip->sip_to->a_tag);
        return;
      case nua_i_bye:     // answered by NUA; the terminated state follows
      case nua_i_cancel:  // likewise
      case nua_i_active:
      case nua_i_terminated:
      case nua_r_bye:
      case nua_r_cancel:
      case nua_r_respond:
      case nua_i_prack:
        return;
      case nua_i_error:
        spdlog::warn("sip: stack error {} {}", status, Str(phrase));
        return;
      default:
        if (status < 200 && nua_event_is_incoming_request(event)) {
          nua_respond(nh, SIP_501_NOT_IMPLEMENTED, NUTAG_WITH_THIS(nua_), TAG_END());
        }
        if (!rec && nh) nua_handle_destroy(nh);
        return;
    }
  }

 private:
  static core::Timestamp Now() {
    return std::chrono::time_point_cast<core::Duration>(std::chrono::system_clock::now());
  }

  static void LogBan(const Ban& ban, const Peer& source) {
    LogSecurityEvent("banned", source,
                     fmt::format("for {} s: {}", std::chrono::duration_cast<std::chrono::seconds>(ban.length).count(),
                                 ban.reason));
  }

  // Puts the banned addresses into the UDP socket's filter when they changed
  // (a new ban, or one ran out: checked every few seconds by ban_timer_).
  void RefreshBanFilter() {
    if (udp_fd_ < 0) return;
    auto banned = guard_.BannedAddresses(Now());
    if (banned == filtered_) return;
    if (auto st = FilterUdpSources(udp_fd_, banned); !st) {
      spdlog::error("{}", st.error().message);
      return;
    }
    filtered_ = std::move(banned);
  }

  static void OnBanTimer(SofiaRoot* magic, su_timer_t*, su_timer_arg_t*) { magic->stack->RefreshBanFilter(); }

  static int HeaderCount(const sip_t* sip) {
    int n = 0;
    for (const msg_header_t* h = reinterpret_cast<const msg_header_t*>(sip->sip_request); h != nullptr;
         h = h->sh_succ) {
      ++n;
    }
    return n;
  }

  // The edge, for a request outside any dialog we know: a banned source is
  // dropped without an answer, too many header fields get 400, too many calls
  // at once from one untrusted source get 503. False when the request is done with.
  bool Screen(nua_event_t event, nua_handle_t* nh, const sip_t* sip) {
    const Peer source = PeerOf(nua_);
    if (guard_.OnRequest(source.address, Now()) == EdgeGuard::Verdict::kBanned) {
      // From now on the kernel drops its datagrams (IPv4 over UDP); what got
      // through before, and TCP or IPv6, gets a plain refusal.
      if (auto ban = guard_.TakeBan()) {
        LogBan(*ban, source);
        RefreshBanFilter();
      }
      if (event != nua_i_options) nua_respond(nh, 403, "Forbidden", NUTAG_WITH_THIS(nua_), TAG_END());
      nua_handle_destroy(nh);
      return false;
    }
    auto refuse = [&](int status, const char* phrase, std::string_view what, const std::string& detail) {
      LogSecurityEvent(what, source, detail);
      if (event != nua_i_options) nua_respond(nh, status, phrase, NUTAG_WITH_THIS(nua_), TAG_END());
      nua_handle_destroy(nh);
      return false;
    };
    if (sip != nullptr && HeaderCount(sip) > options_.max_headers) {
      return refuse(400, "Too Many Header Fields", "malformed",
                    fmt::format("more than {} header fields", options_.max_headers));
    }
    if (event == nua_i_invite && !guard_.Trusted(source.address)) {
      auto calls = calls_by_source_.find(source.address);
      if (calls != calls_by_source_.end() && calls->second >= options_.max_calls_per_source) {
        return refuse(503, "Too Many Calls From Your Address", "too-many-calls",
                      fmt::format("{} calls at once", calls->second));
      }
    }
    return true;
  }

  // Answers a digest challenge of `sip` with the leg's credentials (once).
  bool Authenticate(nua_handle_t* nh, SofiaLeg* rec, const sip_t* sip) {
    const msg_auth_t* challenge = sip ? (sip->sip_www_authenticate ? sip->sip_www_authenticate
                                                                    : sip->sip_proxy_authenticate)
                                      : nullptr;
    if (!challenge || !challenge->au_scheme) return false;
    const char* realm = msg_params_find(challenge->au_params, "realm=");
    if (!realm) return false;
    // realm keeps its quotes: "Digest:\"realm\":user:password".
    const std::string auth = std::string(challenge->au_scheme) + ":" + realm + ":" + rec->auth_user + ":" +
                             rec->auth_password;
    rec->authenticated = true;
    nua_authenticate(nh, NUTAG_AUTH(auth.c_str()), TAG_END());
    return true;
  }

  static void Callback(nua_event_t event, int status, char const* phrase, nua_t*, SofiaRoot* magic,
                       nua_handle_t* nh, SofiaLeg* hmagic, sip_t const* sip, tagi_t tags[]) {
    magic->stack->OnEvent(event, status, phrase, nh, hmagic, sip, tags);
  }

  static void Wakeup(SofiaRoot*, su_msg_r msg, su_msg_arg_t* arg) {
    Work* work = *static_cast<Work**>(arg);
    (*work)();
    delete work;
    (void)msg;
  }

  void Post(Work work) {
    su_msg_r msg = SU_MSG_R_INIT;
    if (su_msg_create(msg, su_root_task(root_), su_task_null, Wakeup, sizeof(Work*)) != 0) {
      spdlog::error("sip: cannot queue work for the stack thread");
      return;
    }
    *static_cast<Work**>(su_msg_data(msg)) = new Work(std::move(work));
    if (su_msg_send(msg) != 0) spdlog::error("sip: cannot send work to the stack thread");
  }

  void Loop(std::promise<core::Status>& started) {
    su_init();
    su_home_init(home_);
    root_ = su_root_create(&magic_);
    if (!root_) {
      started.set_value(core::Fail(core::ErrorCode::kInternal, "sip: cannot create the event loop"));
      su_deinit();
      return;
    }
    su_root_threading(root_, 0);
    if (options_.port == 0) {
      auto port = PickFreePort(options_.address);
      if (!port) {
        started.set_value(tl::unexpected(port.error()));
        su_root_destroy(root_);
        su_deinit();
        return;
      }
      options_.port = *port;
    }
    std::string sips_url, certificate_dir;
    if (options_.tls) {
      auto dir = PrepareTlsIdentity(options_.tls->certificate, options_.tls->key, options_.tls->work_dir);
      auto port = options_.tls->port == 0 ? PickFreeTcpPort(options_.address)
                                          : core::Result<std::uint16_t>(options_.tls->port);
      if (!dir || !port) {
        started.set_value(tl::unexpected(!dir ? dir.error() : port.error()));
        su_root_destroy(root_);
        su_deinit();
        return;
      }
      options_.tls->port = *port;
      certificate_dir = *dir;
      sips_url = fmt::format("sips:{}:{}", options_.address, *port);
    }
    const std::string url = "sip:" + options_.address + ":" + std::to_string(options_.port);
    nua_ = nua_create(root_, Callback, &magic_, NUTAG_URL(url.c_str()),
                      TAG_IF(options_.tls.has_value(), NUTAG_SIPS_URL(sips_url.c_str())),
                      TAG_IF(options_.tls.has_value(), TPTAG_CERTIFICATE(certificate_dir.c_str())),
                      TAG_IF(options_.tls.has_value(), TPTAG_TLS_VERIFY_POLICY(TPTLS_VERIFY_NONE)),
                      NUTAG_MEDIA_ENABLE(0), NUTAG_AUTOALERT(0), NUTAG_AUTOANSWER(0),
                      NUTAG_APPL_METHOD("REGISTER"), NUTAG_ALLOW("REGISTER"), NUTAG_ALLOW("REFER"),
                      NUTAG_ENABLEMESSAGE(0), SIPTAG_USER_AGENT_STR(options_.user_agent.c_str()),
                      NTATAG_MAXSIZE(options_.max_message_bytes), TAG_END());
    if (!nua_) {
      started.set_value(core::Fail(core::ErrorCode::kUnavailable,
                                    fmt::format("sip: cannot listen on {}:{} (UDP and TCP){}",
                                                options_.address, options_.port,
                                                options_.tls ? fmt::format(" and {}:{} (TLS)", options_.address,
                                                                           options_.tls->port)
                                                             : std::string())));
      su_root_destroy(root_);
      su_deinit();
      return;
    }
    udp_fd_ = FindUdpSocket(options_.address, options_.port);
    if (udp_fd_ < 0) spdlog::warn("sip: UDP socket not found; banned addresses are refused, not dropped");
    ban_timer_ = su_timer_create(su_root_task(root_), 5000);
    if (ban_timer_ != nullptr) su_timer_run(ban_timer_, OnBanTimer, nullptr);
    started.set_value(core::Status{});
    su_root_run(root_);
    if (ban_timer_ != nullptr) su_timer_destroy(ban_timer_);
    for (auto& [id, leg] : legs_) {
      nua_handle_bind(leg.first, nullptr);
      delete leg.second;
    }
    legs_.clear();
    for (auto& [id, request] : requests_) {
      nua_destroy_event(request.second->saved);
      delete request.second;
    }
    requests_.clear();
    nua_destroy(nua_);
    su_root_destroy(root_);
    su_home_deinit(home_);
    su_deinit();
  }

  void OnRegister(nua_handle_t* nh, const sip_t* sip) {
    if (!sip || shutting_down_) {
      nua_respond(nh, 503, "Service Unavailable", NUTAG_WITH_THIS(nua_), TAG_END());
      nua_handle_destroy(nh);
      return;
    }
    RegisterRequest r;
    r.request = next_request_++;
    if (sip->sip_to) {
      r.user = Str(sip->sip_to->a_url->url_user);
      r.domain = Str(sip->sip_to->a_url->url_host);
    }
    for (const sip_contact_t* m = sip->sip_contact; m; m = m->m_next) {
      if (m->m_url->url_type == url_any) {
        r.remove_all = true;
        continue;
      }
      char* text = url_as_string(home_, m->m_url);
      ContactBinding binding{Str(text), std::nullopt};
      su_free(home_, text);
      if (m->m_expires) binding.expires = static_cast<std::uint32_t>(std::strtoul(m->m_expires, nullptr, 10));
      r.contacts.push_back(std::move(binding));
    }
    if (sip->sip_expires) r.expires = static_cast<std::uint32_t>(sip->sip_expires->ex_delta);
    r.authorization = AuthText(sip->sip_authorization);
    if (sip->sip_call_id) r.call_id = Str(sip->sip_call_id->i_id);
    if (sip->sip_cseq) r.cseq = sip->sip_cseq->cs_seq;
    r.source = PeerOf(nua_);
    auto* rec = new SofiaLeg;
    rec->request = r.request;
    nua_save_event(nua_, rec->saved);
    rec->has_saved = true;
    nua_handle_bind(nh, rec);
    requests_[r.request] = {nh, rec};
    Emit(std::move(r));
  }

  void OnInvite(nua_handle_t* nh, SofiaLeg* rec, const sip_t* sip) {
    if (rec) {  // a re-INVITE in a dialog we know
      Emit(ReInviteRequest{rec->leg, Payload(sip)});
      return;
    }
    if (!sip || shutting_down_) {
      nua_respond(nh, 503, "Service Unavailable", TAG_END());
      nua_handle_destroy(nh);
      return;
    }
    rec = new SofiaLeg;
    rec->leg = next_leg_.fetch_add(1);
    const Peer from = PeerOf(nua_);
    rec->source = from.address;
    rec->transport = from.transport;
    if (sip->sip_call_id) rec->call_id = Str(sip->sip_call_id->i_id);
    if (sip->sip_from) rec->remote_tag = Str(sip->sip_from->a_tag);
    ++calls_by_source_[rec->source];
    nua_handle_bind(nh, rec);
    legs_[rec->leg] = {nh, rec};
    InviteRequest r;
    r.leg = rec->leg;
    if (sip->sip_request) r.request_user = Str(sip->sip_request->rq_url->url_user);
    if (sip->sip_from) {
      r.from_user = Str(sip->sip_from->a_url->url_user);
      r.from_display = Str(sip->sip_from->a_display);
      if (r.from_display.size() >= 2 && r.from_display.front() == '"' && r.from_display.back() == '"') {
        r.from_display = r.from_display.substr(1, r.from_display.size() - 2);
      }
    }
    r.sdp = Payload(sip);
    r.authorization = AuthText(sip->sip_proxy_authorization);
    if (!r.authorization) r.authorization = AuthText(sip->sip_authorization);
    if (sip->sip_call_id) r.call_id = Str(sip->sip_call_id->i_id);
    r.source = PeerOf(nua_);
    Emit(std::move(r));
  }

  // A REFER's outcome as an event: the target, and for an attended transfer
  // the leg its Replaces names (an incoming dialog of ours, by Call-ID and tags).
  ReferRequest Refer(LegId leg, const url_t* to) {
    ReferRequest r{leg, Str(to->url_user)};
    auto replaces = ReplacesInUriHeaders(to->url_headers ? to->url_headers : "");
    if (!replaces) {
      r.attended = true;
      r.replaces_error = replaces.error().message;
      return r;
    }
    if (!replaces->has_value()) return r;
    r.attended = true;
    for (const auto& [id, entry] : legs_) {
      const SofiaLeg* other = entry.second;
      if (other->outgoing || other->ended || other->call_id.empty()) continue;
      if (NamesDialog(**replaces, other->call_id, other->local_tag, other->remote_tag)) {
        r.replaces = id;
        break;
      }
    }
    return r;
  }

  void End(nua_handle_t* nh, SofiaLeg* rec) {
    if (!rec->ended) {
      rec->ended = true;
      Emit(LegEnded{rec->leg, true});
    }
    legs_.erase(rec->leg);
    if (!rec->source.empty()) {
      auto calls = calls_by_source_.find(rec->source);
      if (calls != calls_by_source_.end() && --calls->second <= 0) calls_by_source_.erase(calls);
    }
    nua_handle_bind(nh, nullptr);
    nua_handle_destroy(nh);
    delete rec;
  }

  // Our Contact for a dialog over `transport`. With TLS on, sofia-sip would
  // put a sips: Contact on every dialog, UDP ones included, which phones
  // cannot reach; so it is set per dialog then. Without TLS sofia's own is right.
  std::string ContactFor(const std::string& transport) const {
    if (!options_.tls) return {};
    if (transport == "tls") {
      return fmt::format("<sip:callcenter@{}:{};transport=tls>", options_.address, options_.tls->port);
    }
    return fmt::format("<sip:callcenter@{}:{}{}>", options_.address, options_.port,
                       transport == "tcp" ? ";transport=tcp" : "");
  }

  static std::string HeaderText(const std::vector<Header>& headers) {
    std::string text;
    for (const auto& h : headers) {
      if (!text.empty()) text += "\r\n";
      text += h.name + ": " + h.value;
    }
    return text;
  }

  void Emit(StackEvent event) {
    try {
      sink_(std::move(event));
    } catch (const std::exception& e) {
      spdlog::error("sip: event sink failed: {}", e.what());
    }
  }

  StackOptions options_;
  std::function<void(StackEvent)> sink_;
  SofiaRoot magic_;
  std::thread thread_;
  std::atomic<LegId> next_leg_{1};

  // Stack thread only.
  su_home_t home_[1] = {};
  su_root_t* root_ = nullptr;
  nua_t* nua_ = nullptr;
  bool shutting_down_ = false;
  RequestId next_request_ = 1;
  // nua_respond() keeps the phrase pointer (it copies only the tags) until the
  // response is sent later on this thread: phrases live here for good.
  const char* Intern(const std::string& phrase) { return phrases_.insert(phrase).first->c_str(); }
  std::set<std::string> phrases_;
  std::map<LegId, std::pair<nua_handle_t*, SofiaLeg*>> legs_;
  std::map<RequestId, std::pair<nua_handle_t*, SofiaLeg*>> requests_;
  EdgeGuard guard_;
  std::map<std::string, int> calls_by_source_;  // incoming calls up, by source address
  int udp_fd_ = -1;                    // the SIP port's UDP socket, for the ban filter
  std::vector<std::string> filtered_;  // the addresses its filter drops
  su_timer_t* ban_timer_ = nullptr;
};

}  // namespace

core::Result<std::unique_ptr<SipStack>> SipStack::Start(StackOptions options,
                                                        std::function<void(StackEvent)> sink) {
  auto stack = std::make_unique<SofiaStack>(std::move(options), std::move(sink));
  if (auto status = stack->Run(); !status) return tl::unexpected(status.error());
  return std::unique_ptr<SipStack>(std::move(stack));
}

}  // namespace cc::telephony::sip
