// The header part of a REFER's Refer-To URI, where a phone's attended
// transfer names the dialog to replace (sip::ReplacesInUriHeaders). Properties:
// what is accepted has a Call-ID and both tags; written back with
// ReplacesUriValue it reads back the same; a dialog is named by its own ids.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "check.h"
#include "telephony/sip/replaces.h"

using namespace cc::telephony::sip;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view headers(reinterpret_cast<const char*>(data), size);
  const auto parsed = ReplacesInUriHeaders(headers);
  if (!parsed) {
    FUZZ_CHECK(!parsed.error().message.empty());
    return 0;
  }
  if (!parsed->has_value()) return 0;
  const DialogRef& ref = **parsed;
  FUZZ_CHECK(!ref.call_id.empty() && !ref.to_tag.empty() && !ref.from_tag.empty());
  const auto again = ReplacesInUriHeaders("Require=replaces&Replaces=" + ReplacesUriValue(ref));
  FUZZ_CHECK(again.has_value() && again->has_value());
  const DialogRef& back = **again;
  FUZZ_CHECK(back.call_id == ref.call_id && back.to_tag == ref.to_tag && back.from_tag == ref.from_tag &&
             back.early_only == ref.early_only);
  FUZZ_CHECK(NamesDialog(ref, ref.call_id, ref.to_tag, ref.from_tag));
  FUZZ_CHECK(!NamesDialog(ref, ref.call_id + "x", ref.to_tag, ref.from_tag));
  return 0;
}
