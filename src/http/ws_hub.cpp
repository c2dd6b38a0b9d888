#include "http/ws_hub.h"

#include <fmt/format.h>

namespace cc::http {

namespace {
core::Status NotConnected(WsClientId id) {
  return core::Fail(core::ErrorCode::kNotFound, fmt::format("WebSocket client ws-{} is not connected", id.value()));
}
}  // namespace

WsClientId WsHub::Attach(std::shared_ptr<WsConnection> connection, const std::vector<std::string>& channels) {
  std::lock_guard lock(mutex_);
  WsClientId id(next_id_++);
  Entry& entry = clients_[id];
  entry.connection = std::move(connection);
  for (const std::string& channel : channels) {
    entry.channels.insert(channel);
    channels_[channel].insert(id);
    ++joins_[channel];
  }
  return id;
}

void WsHub::Detach(WsClientId id) {
  std::shared_ptr<WsConnection> released;  // destroyed after the lock is dropped
  std::lock_guard lock(mutex_);
  auto it = clients_.find(id);
  if (it == clients_.end()) return;
  for (const std::string& channel : it->second.channels) {
    auto ch = channels_.find(channel);
    if (ch == channels_.end()) continue;
    ch->second.erase(id);
    if (ch->second.empty()) channels_.erase(ch);
  }
  released = std::move(it->second.connection);
  clients_.erase(it);
}

std::size_t WsHub::Publish(std::string_view channel, std::shared_ptr<const std::string> text) {
  std::vector<std::shared_ptr<WsConnection>> recipients;
  {
    std::lock_guard lock(mutex_);
    auto ch = channels_.find(channel);
    if (ch == channels_.end()) return 0;
    recipients.reserve(ch->second.size());
    for (WsClientId id : ch->second) recipients.push_back(clients_.at(id).connection);
  }
  for (const auto& connection : recipients) connection->Send(text);
  return recipients.size();
}

std::shared_ptr<WsConnection> WsHub::Find(WsClientId id) const {
  std::lock_guard lock(mutex_);
  auto it = clients_.find(id);
  return it == clients_.end() ? nullptr : it->second.connection;
}

core::Status WsHub::Send(WsClientId id, std::shared_ptr<const std::string> text) {
  auto connection = Find(id);
  if (!connection) return NotConnected(id);
  connection->Send(std::move(text));
  return {};
}

core::Status WsHub::Subscribe(WsClientId id, std::string_view channel) {
  std::lock_guard lock(mutex_);
  auto it = clients_.find(id);
  if (it == clients_.end()) return NotConnected(id);
  it->second.channels.emplace(channel);
  auto ch = channels_.find(channel);
  if (ch == channels_.end()) ch = channels_.emplace(std::string(channel), std::unordered_set<WsClientId>{}).first;
  if (ch->second.insert(id).second) {
    auto joined = joins_.find(channel);
    if (joined == joins_.end()) joined = joins_.emplace(std::string(channel), 0).first;
    ++joined->second;
  }
  return {};
}

core::Status WsHub::Unsubscribe(WsClientId id, std::string_view channel) {
  std::lock_guard lock(mutex_);
  auto it = clients_.find(id);
  if (it == clients_.end()) return NotConnected(id);
  auto sub = it->second.channels.find(channel);
  if (sub != it->second.channels.end()) it->second.channels.erase(sub);
  auto ch = channels_.find(channel);
  if (ch != channels_.end()) {
    ch->second.erase(id);
    if (ch->second.empty()) channels_.erase(ch);
  }
  return {};
}

core::Status WsHub::Close(WsClientId id, WsCloseCode code, std::string reason) {
  auto connection = Find(id);
  if (!connection) return NotConnected(id);
  connection->Close(code, std::move(reason));
  return {};
}

std::size_t WsHub::ClientCount() const {
  std::lock_guard lock(mutex_);
  return clients_.size();
}

std::uint64_t WsHub::JoinCount(std::string_view channel) const {
  std::lock_guard lock(mutex_);
  auto it = joins_.find(channel);
  return it == joins_.end() ? 0 : it->second;
}

std::size_t WsHub::SubscriberCount(std::string_view channel) const {
  std::lock_guard lock(mutex_);
  auto ch = channels_.find(channel);
  return ch == channels_.end() ? 0 : ch->second.size();
}

}  // namespace cc::http
