// The dialog an attended transfer replaces (RFC 3891, RFC 5589). A phone that
// consulted someone on a second call and now transfers sends a REFER on the
// first call whose Refer-To carries that second call's dialog:
//   Refer-To: <sip:op02@centre?Replaces=abc%40phone%3Bto-tag%3D7f%3Bfrom-tag%3D99>
// Seen from the centre (which answered the second call), to-tag is our tag
// and from-tag the phone's.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace cc::telephony::sip {

struct DialogRef {
  std::string call_id;
  std::string to_tag;
  std::string from_tag;
  bool early_only = false;
};

// A Replaces header value: "CALL-ID;to-tag=A;from-tag=B" with optional
// early-only and other parameters (ignored). Fails without the call-id or
// either tag.
core::Result<DialogRef> ParseReplaces(std::string_view value);

// The Replaces among a URI's headers ("Replaces=...&Require=replaces", the part
// after '?', percent-encoded); nullopt when there is none.
core::Result<std::optional<DialogRef>> ReplacesInUriHeaders(std::string_view headers);

// "CALL-ID;to-tag=A;from-tag=B" as a URI header value (percent-encoded), the
// way a phone writes it; ParseReplaces reads back what this writes.
std::string ReplacesUriValue(const DialogRef& ref);

// Whether `ref` names the dialog with this Call-ID, our tag and the far end's
// tag. Tags are taken either way round: phones differ in whose tag they call
// to-tag, and the REFER comes from the dialog's own phone anyway.
bool NamesDialog(const DialogRef& ref, std::string_view call_id, std::string_view local_tag,
                 std::string_view remote_tag);

}  // namespace cc::telephony::sip
