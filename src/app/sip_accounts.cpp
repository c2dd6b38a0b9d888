#include "app/sip_accounts.h"

#include "telephony/sip/digest.h"

namespace cc::app {

storage::Migration SipAccounts::Migration(int version) {
  return {version,
          "sip_accounts",
          {"CREATE TABLE sip_accounts (user_id INTEGER PRIMARY KEY, sip_user TEXT NOT NULL UNIQUE, "
           "ha1 TEXT NOT NULL, updated_at_ms INTEGER NOT NULL)"}};
}

core::Result<std::vector<telephony::sip::SipAccount>> SipAccounts::List() {
  auto rows = db_.Query({"SELECT user_id, sip_user, ha1 FROM sip_accounts ORDER BY user_id", {}});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<telephony::sip::SipAccount> accounts;
  for (const auto& row : *rows) {
    auto id = row.Int(0);
    auto user = row.Text(1);
    auto ha1 = row.Text(2);
    if (!id || !user || !ha1) return core::Fail(core::ErrorCode::kInternal, "sip_accounts: bad row");
    accounts.push_back({*user, core::AgentId(static_cast<std::uint64_t>(*id)), *ha1});
  }
  return accounts;
}

core::Status SipAccounts::Set(core::UserId user, const std::string& sip_user, const std::string& realm,
                              const std::string& password, core::Timestamp now) {
  if (sip_user.empty() || sip_user.find_first_of(" @:;\"<>") != std::string::npos) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "a SIP user name must be non-empty, without spaces, '@', ':', ';', quotes or '<>'");
  }
  if (password.size() < 8) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "a SIP password needs at least 8 characters");
  }
  const auto at = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const auto id = static_cast<std::int64_t>(user.value());
  std::vector<storage::Statement> batch;
  batch.push_back({"DELETE FROM sip_accounts WHERE user_id = ?", {id}});
  batch.push_back({"INSERT INTO sip_accounts (user_id, sip_user, ha1, updated_at_ms) VALUES (?, ?, ?, ?)",
                   {id, sip_user, telephony::sip::DigestHa1(sip_user, realm, password), static_cast<std::int64_t>(at)}});
  return db_.Write(std::move(batch)).get();
}

core::Status SipAccounts::Remove(core::UserId user) {
  return db_.Write({{"DELETE FROM sip_accounts WHERE user_id = ?", {static_cast<std::int64_t>(user.value())}}}).get();
}

}  // namespace cc::app
