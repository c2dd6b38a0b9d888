// Call script definitions as the script editor uploads them and the content
// packs ship them (call_scripts::ScriptFromJsonText, then Validate, which
// walks the step graph). Properties: only well-formed errors come back (no
// exception escapes); an accepted script written out (ToJson) reads back to
// the same JSON, and serialises as text (dump, as the API answers).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "call_scripts/script_json.h"
#include "call_scripts/validate.h"
#include "check.h"

using namespace cc::call_scripts;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto script = ScriptFromJsonText(text);
  if (!script) {
    FUZZ_CHECK(script.error().code == cc::core::ErrorCode::kInvalidArgument);
    return 0;
  }
  for (const Problem& problem : Validate(*script)) FUZZ_CHECK(!ToString(problem).empty());

  const nlohmann::json written = ToJson(*script);
  const auto again = ScriptFromJson(written);
  FUZZ_CHECK(again.has_value());
  FUZZ_CHECK(ToJson(*again) == written);
  FUZZ_CHECK(Validate(*again) == Validate(*script));
  (void)written.dump();
  return 0;
}
