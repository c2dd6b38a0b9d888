// IVR menu definitions as admins upload them (ivr::MenuFromJsonText, then
// Validate) and a caller's walk through an accepted menu, driven by the rest
// of the input as keys and timeouts. Properties: errors are values (no
// exception escapes); an accepted menu written out (ToJson) reads back to the
// same menu; a valid menu's walk only ever says texts the menu has (so each
// has a voice), ends in a queue the menu names or a hang-up, and never
// listens forever without a node.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "check.h"
#include "ivr/menu_json.h"
#include "ivr/validate.h"
#include "ivr/walk.h"

using namespace cc::ivr;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The input: a JSON menu, then (after a NUL byte, if any) the caller's keys;
  // 't' stands for a timeout.
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  const std::size_t split = all.find('\0');
  const std::string_view text = all.substr(0, split);
  const std::string_view keys = split == std::string_view::npos ? std::string_view() : all.substr(split + 1);
  const auto menu = MenuFromJsonText(text);
  if (!menu) {
    FUZZ_CHECK(menu.error().code == cc::core::ErrorCode::kInvalidArgument);
    FUZZ_CHECK(!menu.error().message.empty());
    return 0;
  }
  const nlohmann::json written = ToJson(*menu);
  const auto again = MenuFromJson(written);
  FUZZ_CHECK(again.has_value());
  FUZZ_CHECK(*again == *menu);
  (void)written.dump();

  ValidationContext context;
  context.queue_exists = [](cc::core::QueueId q, cc::core::TenantId) { return q.value() % 2 == 1; };
  context.zone_exists = [](const std::string& name) { return name == "Europe/Moscow"; };
  if (!Validate(*menu, context)) return 0;

  const auto texts = Texts(*menu);
  const auto says_known = [&](const Step& step) {
    return std::all_of(step.say.begin(), step.say.end(), [&](const std::string& t) {
      return std::find(texts.begin(), texts.end(), t) != texts.end();
    });
  };
  for (bool open : {true, false}) {
    Walk walk(std::make_shared<const Menu>(*menu), open);
    Step step = walk.Start();
    std::size_t i = 0;
    std::size_t steps = 0;
    while (true) {
      FUZZ_CHECK(says_known(step));
      if (step.then != Step::Then::kListen) {
        FUZZ_CHECK(walk.finished());
        if (step.then != Step::Then::kHangUp) FUZZ_CHECK(context.queue_exists(step.queue, menu->tenant));
        FUZZ_CHECK(!walk.OnKey('1') && !walk.OnTimeout());
        break;
      }
      FUZZ_CHECK(menu->nodes.count(walk.node()) == 1);
      // Out of keys: the caller stays silent until the retries run out.
      const char key = i < keys.size() ? keys[i++] : 't';
      const auto next = key == 't' ? walk.OnTimeout() : walk.OnKey(key);
      FUZZ_CHECK(next.has_value());
      step = *next;
      FUZZ_CHECK(++steps <= keys.size() + kMaxMisses + 1);  // silence ends the walk, even in a loop of menus
    }
  }
  return 0;
}
