#include "telephony/sip/registrar.h"

#include <algorithm>

#include <fmt/format.h>

#include "telephony/sip/digest.h"

namespace cc::telephony::sip {

Registrar::Registrar(RegistrarOptions options, std::function<std::string()> new_nonce)
    : options_(std::move(options)), nonces_(std::move(new_nonce), options_.nonce_ttl, options_.max_nonces) {}

void Registrar::SetAccounts(std::vector<SipAccount> accounts) {
  std::map<std::string, SipAccount> next;
  for (auto& a : accounts) next[a.user] = std::move(a);
  for (auto it = bindings_.begin(); it != bindings_.end();) {
    bool kept = std::any_of(next.begin(), next.end(),
                            [&](const auto& entry) { return entry.second.agent == it->first; });
    it = kept ? std::next(it) : bindings_.erase(it);
  }
  accounts_ = std::move(next);
}

void Registrar::SetAccount(SipAccount account) {
  auto old = accounts_.find(account.user);
  if (old != accounts_.end() && old->second.agent != account.agent) bindings_.erase(old->second.agent);
  accounts_[account.user] = std::move(account);
}

void Registrar::RemoveAccount(const std::string& user) {
  auto it = accounts_.find(user);
  if (it == accounts_.end()) return;
  bindings_.erase(it->second.agent);
  accounts_.erase(it);
}

std::optional<core::AgentId> Registrar::AgentOf(const std::string& user) const {
  auto it = accounts_.find(user);
  if (it == accounts_.end()) return std::nullopt;
  return it->second.agent;
}

bool Registrar::HasAccount(core::AgentId agent) const {
  return std::any_of(accounts_.begin(), accounts_.end(),
                     [&](const auto& entry) { return entry.second.agent == agent; });
}

RegistrarAnswer Registrar::Challenge(core::Timestamp now, bool stale) {
  const std::string nonce = nonces_.Issue(now);
  RegistrarAnswer answer;
  answer.status = 401;
  answer.phrase = "Unauthorized";
  answer.headers.push_back({"WWW-Authenticate", DigestChallenge(options_.realm, nonce, stale)});
  return answer;
}

RegistrarAnswer Registrar::Handle(const RegisterRequest& request, core::Timestamp now) {
  // No credentials, or credentials in a scheme we do not speak (RFC 4475 3.3.7): a Digest challenge.
  if (!request.authorization || !IsDigest(*request.authorization)) return Challenge(now, false);
  auto credentials = ParseDigest(*request.authorization);
  if (!credentials) return RegistrarAnswer{400, "Bad Authorization Header", {}, std::nullopt, false};
  if (credentials->realm != options_.realm || !nonces_.Take(credentials->nonce, now)) {
    return Challenge(now, credentials->realm == options_.realm);
  }
  const RegistrarAnswer forbidden{403, "Forbidden", {}, std::nullopt, false};
  auto account = accounts_.find(credentials->username);
  // An unknown user costs the same digest computation as a known one: the
  // answer's timing does not tell which accounts exist either.
  const std::string ha1 = account == accounts_.end() ? DigestHa1(credentials->username, options_.realm, "")
                                                     : account->second.ha1;
  const bool matches = DigestMatches(ha1, "REGISTER", *credentials);
  if (account == accounts_.end() || credentials->username != request.user || !matches) return forbidden;

  const core::AgentId agent = account->second.agent;
  auto& bindings = bindings_[agent];
  RegistrarAnswer answer{200, "OK", {}, agent, false};
  auto remaining = [&](const Binding& b) {
    return std::chrono::duration_cast<std::chrono::seconds>(b.expires_at - now).count();
  };
  if (request.remove_all) {
    if (request.expires.value_or(1) != 0 || !request.contacts.empty()) {
      return RegistrarAnswer{400, "Contact * Needs Expires 0", {}, agent, false};
    }
    answer.changed = !bindings.empty();
    bindings.clear();
  }
  for (const auto& contact : request.contacts) {
    std::uint32_t expires =
        contact.expires.value_or(request.expires.value_or(options_.default_expires));
    if (expires != 0 && expires < options_.min_expires) {
      return RegistrarAnswer{423, "Interval Too Brief",
                             {{"Min-Expires", std::to_string(options_.min_expires)}}, agent, false};
    }
    expires = std::min(expires, options_.max_expires);
    auto same = std::find_if(bindings.begin(), bindings.end(),
                             [&](const Binding& b) { return b.contact == contact.uri; });
    if (expires == 0) {
      if (same != bindings.end()) {
        bindings.erase(same);
        answer.changed = true;
      }
      continue;
    }
    Binding binding{contact.uri, now + core::Seconds(expires), now, request.source};
    if (same != bindings.end()) {
      *same = binding;
    } else {
      if (bindings.size() >= options_.max_contacts) {
        bindings.erase(std::min_element(bindings.begin(), bindings.end(), [](const auto& a, const auto& b) {
          return a.updated < b.updated;
        }));
      }
      bindings.push_back(binding);
    }
    answer.changed = true;
  }
  for (const auto& b : bindings) {
    if (b.expires_at <= now) continue;
    answer.headers.push_back({"Contact", fmt::format("<{}>;expires={}", b.contact, remaining(b))});
  }
  if (bindings.empty()) bindings_.erase(agent);
  return answer;
}

namespace {

// Whether the contact URI "sip:user@HOST:PORT;params" names `source`'s address and port (5060 when absent).
bool ContactIs(const std::string& contact, const Peer& source) {
  std::string_view rest(contact);
  const auto at = rest.find('@');
  rest.remove_prefix(at == std::string_view::npos ? std::min(rest.find(':') + 1, rest.size()) : at + 1);
  rest = rest.substr(0, rest.find_first_of(";?>"));
  std::string_view host = rest;
  std::string_view port;
  if (!rest.empty() && rest.front() == '[') {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) return false;
    host = rest.substr(1, close - 1);
    if (close + 1 < rest.size() && rest[close + 1] == ':') port = rest.substr(close + 2);
  } else if (const auto colon = rest.find(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  return host == source.address && (port.empty() ? source.port == 5060 : port == std::to_string(source.port));
}

}  // namespace

std::optional<core::AgentId> Registrar::AgentAt(const Peer& source, core::Timestamp now) const {
  for (const auto& [agent, bindings] : bindings_) {
    for (const Binding& b : bindings) {
      if (b.expires_at <= now || b.source.transport != source.transport) continue;
      const bool same_source = b.source.address == source.address && b.source.port == source.port;
      if (same_source || ContactIs(b.contact, source)) return agent;
    }
  }
  return std::nullopt;
}

Admission Registrar::AuthorizeCall(const InviteRequest& invite, core::Timestamp now) {
  ProxyLogin login = ReadProxyLogin(invite, options_.realm, nonces_, now);
  if (!login.credentials) return login.answer;
  const DigestCredentials* credentials = &*login.credentials;
  Admission a;
  auto account = accounts_.find(credentials->username);
  const std::string ha1 = account == accounts_.end() ? DigestHa1(credentials->username, options_.realm, "")
                                                     : account->second.ha1;
  const bool matches = DigestMatches(ha1, "INVITE", *credentials);
  if (account == accounts_.end() || credentials->username != invite.from_user || !matches) {
    a.reason = "wrong digest login for an agent's phone";
    return a;
  }
  a.verdict = Admission::Verdict::kAdmit;
  a.agent = account->second.agent;
  return a;
}

std::vector<std::string> Registrar::Contacts(core::AgentId agent, core::Timestamp now) const {
  std::vector<std::string> contacts;
  for (Target& t : Targets(agent, now)) contacts.push_back(std::move(t.contact));
  return contacts;
}

std::vector<Registrar::Target> Registrar::Targets(core::AgentId agent, core::Timestamp now) const {
  std::vector<Target> targets;
  auto it = bindings_.find(agent);
  if (it == bindings_.end()) return targets;
  std::vector<const Binding*> live;
  for (const auto& b : it->second) {
    if (b.expires_at > now) live.push_back(&b);
  }
  std::sort(live.begin(), live.end(), [](const Binding* a, const Binding* b) { return a->updated > b->updated; });
  for (const Binding* b : live) targets.push_back({b->contact, b->source});
  return targets;
}

std::vector<core::AgentId> Registrar::Expire(core::Timestamp now) {
  std::vector<core::AgentId> gone;
  for (auto it = bindings_.begin(); it != bindings_.end();) {
    auto& list = it->second;
    list.erase(std::remove_if(list.begin(), list.end(), [&](const Binding& b) { return b.expires_at <= now; }),
               list.end());
    if (list.empty()) {
      gone.push_back(it->first);
      it = bindings_.erase(it);
    } else {
      ++it;
    }
  }
  return gone;
}

std::vector<BindingView> Registrar::Bindings(core::Timestamp now) const {
  std::vector<BindingView> views;
  for (const auto& [agent, list] : bindings_) {
    std::string user;
    for (const auto& [name, account] : accounts_) {
      if (account.agent == agent) user = name;
    }
    for (const auto& b : list) {
      if (b.expires_at > now) views.push_back({agent, user, b.contact, b.expires_at, b.source});
    }
  }
  return views;
}

}  // namespace cc::telephony::sip
