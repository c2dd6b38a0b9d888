// The shipped script content (src/call_scripts/content): every file loads and
// validates, each script exists in Russian and English with the same graph,
// the playbook covers S-01..S-17, and the sales script walks to an order
// (R-2.4, R-2.6, R-2.7, S-01..S-17).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "call_scripts/runner.h"
#include "call_scripts/script_json.h"
#include "call_scripts/validate.h"

namespace cc::call_scripts {
namespace {

namespace fs = std::filesystem;

const fs::path kContent = fs::path(CC_SOURCE_DIR) / "src" / "call_scripts" / "content";

// All content files by path relative to kContent ("playbook/S-01.ru.json").
std::map<std::string, Script> LoadAll() {
  std::map<std::string, Script> out;
  for (const auto& entry : fs::recursive_directory_iterator(kContent)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    if (entry.path().parent_path().filename() == "training") continue;  // caller lines, not scripts
    const std::string rel = fs::relative(entry.path(), kContent).generic_string();
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    auto script = ScriptFromJsonText(text.str());
    if (!script) {
      ADD_FAILURE() << rel << ": " << script.error().message;
      continue;
    }
    out.emplace(rel, std::move(*script));
  }
  return out;
}

// "playbook/S-01.ru.json" -> {"playbook/S-01", "ru"}.
std::pair<std::string, std::string> SplitName(const std::string& rel) {
  const std::string stem = rel.substr(0, rel.size() - std::string(".json").size());
  const auto dot = stem.rfind('.');
  if (dot == std::string::npos) return {stem, ""};
  return {stem.substr(0, dot), stem.substr(dot + 1)};
}

// The step without its texts: kind, links and what the system does.
std::string Shape(const Step& step) {
  std::string out(ToString(step.kind()));
  for (const std::string& next : Successors(step)) out += " >" + next;
  if (const auto* collect = std::get_if<Collect>(&step.body)) {
    out += " " + std::string(ToString(collect->target)) + "." + collect->field;
  }
  if (const auto* ask = std::get_if<Ask>(&step.body)) {
    out += " options=" + std::to_string(ask->options.size());
  }
  if (const auto* action = std::get_if<Action>(&step.body)) {
    out += " " + std::string(ToString(action->kind)) + " category=" + action->case_category +
           " to=" + std::string(ToString(action->transfer.to)) + ":" + action->transfer.id +
           " number=" + action->external_number + " outcome=" + action->outcome;
  }
  return out;
}

TEST(Content, EveryFileLoadsAndValidatesClean) {
  const auto all = LoadAll();
  EXPECT_GE(all.size(), 42u);  // 4 scripts and 17 playbook entries, in two languages
  for (const auto& [rel, script] : all) {
    for (const Problem& p : Validate(script)) ADD_FAILURE() << rel << ": " << ToString(p);
    EXPECT_EQ(std::string(ToString(script.language)), SplitName(rel).second) << rel;
  }
}

TEST(Content, EachScriptHasTheSameGraphInRussianAndEnglish) {
  const auto all = LoadAll();
  std::map<std::string, std::map<std::string, const Script*>> by_name;
  for (const auto& [rel, script] : all) {
    const auto [name, lang] = SplitName(rel);
    by_name[name][lang] = &script;
  }
  for (const auto& [name, langs] : by_name) {
    ASSERT_EQ(langs.size(), 2u) << name << " must exist as .ru.json and .en.json";
    ASSERT_TRUE(langs.contains("ru") && langs.contains("en")) << name;
    const Script& ru = *langs.at("ru");
    const Script& en = *langs.at("en");
    EXPECT_EQ(ru.start, en.start) << name;
    EXPECT_EQ(ru.version, en.version) << name;
    EXPECT_NE(ru.name, en.name) << name << ": the names should be translated";
    ASSERT_EQ(ru.steps.size(), en.steps.size()) << name;
    for (const auto& [id, step] : ru.steps) {
      const Step* other = en.Find(id);
      ASSERT_NE(other, nullptr) << name << ": step '" << id << "' is missing in English";
      EXPECT_EQ(Shape(step), Shape(*other)) << name << ": step '" << id << "'";
    }
  }
}

TEST(Content, ThePlaybookCoversEverySituation) {
  const auto all = LoadAll();
  for (int n = 1; n <= 17; ++n) {
    const std::string id = (n < 10 ? "playbook/S-0" : "playbook/S-") + std::to_string(n);
    for (const char* lang : {"ru", "en"}) {
      EXPECT_TRUE(all.contains(id + "." + lang + ".json")) << id << " " << lang;
    }
  }
}

// The action a playbook entry offers somewhere in its graph.
bool Offers(const Script& script, ActionKind kind, const std::string& detail = "") {
  for (const auto& [id, step] : script.steps) {
    const auto* a = std::get_if<Action>(&step.body);
    if (a == nullptr || a->kind != kind) continue;
    if (detail.empty() || a->outcome == detail || a->case_category == detail ||
        a->external_number == detail) {
      return true;
    }
  }
  return false;
}

TEST(Content, PlaybookEntriesOfferTheirActions) {
  const auto all = LoadAll();
  auto entry = [&all](const char* id) -> const Script& {
    return all.at(std::string("playbook/") + id + ".ru.json");
  };
  EXPECT_TRUE(Offers(entry("S-01"), ActionKind::kOpenCase, "management_request"));
  EXPECT_TRUE(Offers(entry("S-02"), ActionKind::kEndCall, "abusive"));
  EXPECT_TRUE(Offers(entry("S-03"), ActionKind::kEndCall, "under_age"));
  EXPECT_TRUE(Offers(entry("S-05"), ActionKind::kEndCall, "silent_line"));
  EXPECT_TRUE(Offers(entry("S-06"), ActionKind::kHold));
  EXPECT_TRUE(Offers(entry("S-06"), ActionKind::kOpenCase, "management_request"));
  EXPECT_TRUE(Offers(entry("S-06"), ActionKind::kTransfer));
  EXPECT_TRUE(Offers(entry("S-07"), ActionKind::kOpenCase, "quality"));
  EXPECT_TRUE(Offers(entry("S-07"), ActionKind::kScheduleCallback));
  EXPECT_TRUE(Offers(entry("S-10"), ActionKind::kScheduleCallback));
  EXPECT_TRUE(Offers(entry("S-11"), ActionKind::kRequeueAtHeadAndAlert));
  EXPECT_TRUE(Offers(entry("S-15"), ActionKind::kConsultSupervisorThenTransfer, "112"));
  const auto* s16 = std::get_if<Say>(&entry("S-16").Find("email")->body);
  ASSERT_NE(s16, nullptr);
  EXPECT_NE(s16->text.find("offers@beta.example"), std::string::npos);
}

class SalesContent : public ::testing::TestWithParam<const char*> {};

TEST_P(SalesContent, MainPathWalksToAConfirmedOrder) {
  const auto all = LoadAll();
  const std::string rel = std::string("inbound_sales.") + GetParam() + ".json";
  ASSERT_TRUE(all.contains(rel));
  auto run = Run::Start(std::make_shared<const Script>(all.at(rel)));
  ASSERT_TRUE(run) << run.error().message;
  const PlaceholderValues values = {
      {"company", "ООО «Бета»"},         {"operator_name", "Ольга"},
      {"caller_name", "Иван"},           {"product_line", "кофемашины"},
      {"order.items", "КМ-2 × 1"},       {"order.total", "24 900 ₽"},
      {"order.delivery_date", "15.03"},  {"order.delivery_window", "10:00–14:00"},
      {"order.address", "Тверь, Ленина 1"}, {"order.receiver", "Пётр Сидоров"},
      {"order.number", "A-1001"}};
  const StepView greet = run->View(values);
  EXPECT_NE(greet.text.find("ООО «Бета»"), std::string::npos) << greet.text;
  EXPECT_NE(greet.text.find("Ольга"), std::string::npos) << greet.text;
  ASSERT_TRUE(run->Next());
  ASSERT_TRUE(run->Choose(1));  // a new caller
  ASSERT_TRUE(run->Next());     // name
  ASSERT_TRUE(run->Next());     // city
  ASSERT_EQ(run->current(), "need");
  ASSERT_TRUE(run->Choose(0));  // wants advice
  ASSERT_TRUE(run->Next());     // interest
  ASSERT_TRUE(run->Next());     // catalogue
  ASSERT_TRUE(run->Next());     // prices and promotions
  ASSERT_EQ(run->current(), "decide");
  ASSERT_TRUE(run->Choose(0));  // order
  EXPECT_EQ(run->current(), "order");
  // The order itself is taken in the order panel while the operator asks.
  for (const char* step : {"delivery", "receivers", "read_back"}) {
    ASSERT_TRUE(run->Next());
    EXPECT_EQ(run->current(), step);
  }
  ASSERT_TRUE(run->Choose(0));  // all correct
  ASSERT_EQ(run->current(), "confirm");
  const auto* confirm = std::get_if<Action>(&run->step().body);
  ASSERT_NE(confirm, nullptr);
  EXPECT_EQ(confirm->kind, ActionKind::kCreateOrder);
  ASSERT_TRUE(run->Next());
  ASSERT_EQ(run->current(), "confirmed");
  const StepView confirmed = run->View(values);
  for (const char* part : {"A-1001", "КМ-2 × 1", "24 900 ₽", "15.03", "10:00–14:00", "Тверь, Ленина 1",
                           "Пётр Сидоров"}) {
    EXPECT_NE(confirmed.text.find(part), std::string::npos) << confirmed.text;
  }
  EXPECT_EQ(confirmed.text.find("[?"), std::string::npos) << confirmed.text;
  ASSERT_TRUE(run->Next());
  ASSERT_EQ(run->current(), "farewell_sale");
  ASSERT_TRUE(run->Next());
  EXPECT_TRUE(run->ended());
  const auto* end = std::get_if<Action>(&run->step().body);
  ASSERT_NE(end, nullptr);
  EXPECT_EQ(end->kind, ActionKind::kEndCall);
  EXPECT_EQ(end->outcome, "sale");
}

INSTANTIATE_TEST_SUITE_P(BothLanguages, SalesContent, ::testing::Values("ru", "en"));

}  // namespace
}  // namespace cc::call_scripts
