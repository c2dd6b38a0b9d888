// Strong identifiers: a CallId cannot be passed where an AgentId is expected.
// Values are plain integers so that engines can index and hash them cheaply.
// Thread-safety: value types, safe to copy between threads.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <ostream>

namespace cc::core {

template <typename Tag, typename Rep = std::uint64_t>
class StrongId {
 public:
  using rep_type = Rep;

  constexpr StrongId() = default;
  constexpr explicit StrongId(Rep value) : value_(value) {}

  constexpr Rep value() const { return value_; }
  constexpr bool valid() const { return value_ != 0; }

  friend constexpr auto operator<=>(StrongId, StrongId) = default;
  friend std::ostream& operator<<(std::ostream& os, StrongId id) {
    return os << Tag::kPrefix << id.value_;
  }

 private:
  Rep value_ = 0;  // 0 means "no id".
};

struct TenantTag {
  static constexpr const char* kPrefix = "tenant-";
};
struct CallTag {
  static constexpr const char* kPrefix = "call-";
};
struct AgentTag {
  static constexpr const char* kPrefix = "agent-";
};
struct QueueTag {
  static constexpr const char* kPrefix = "queue-";
};
struct SkillTag {
  static constexpr const char* kPrefix = "skill-";
};

struct UserTag {
  static constexpr const char* kPrefix = "user-";
};
struct TeamTag {
  static constexpr const char* kPrefix = "team-";
};
struct DepartmentTag {
  static constexpr const char* kPrefix = "department-";
};

using TenantId = StrongId<TenantTag, std::uint32_t>;
using CallId = StrongId<CallTag>;
using AgentId = StrongId<AgentTag, std::uint32_t>;
using QueueId = StrongId<QueueTag, std::uint32_t>;
using SkillId = StrongId<SkillTag, std::uint32_t>;
// A person who logs in. An operator's AgentId carries the same number as their UserId.
using UserId = StrongId<UserTag, std::uint32_t>;
using TeamId = StrongId<TeamTag, std::uint32_t>;
using DepartmentId = StrongId<DepartmentTag, std::uint32_t>;

}  // namespace cc::core

template <typename Tag, typename Rep>
struct std::hash<cc::core::StrongId<Tag, Rep>> {
  std::size_t operator()(cc::core::StrongId<Tag, Rep> id) const noexcept {
    return std::hash<Rep>{}(id.value());
  }
};
