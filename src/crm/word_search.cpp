#include "crm/word_search.h"

#include <fmt/format.h>

#include <algorithm>

#include "crm/search_text.h"

namespace cc::crm {

namespace {

// Above this many matches of the most selective word, reading in sort order
// finds the first page sooner than collecting and sorting the matches.
constexpr std::int64_t kFewMatches = 1500;

}  // namespace

storage::Migration WordSearchMigration(int version) {
  return {version,
          "crm_word_search",
          {"CREATE INDEX crm_product_words_by_word ON crm_product_words (word, product_id)",
           "CREATE INDEX crm_product_words_by_product ON crm_product_words (product_id, word)",
           "CREATE INDEX crm_customer_words_by_word ON crm_customer_words (word, customer_id)",
           "CREATE INDEX crm_customer_words_by_product ON crm_customer_words (customer_id, word)",
           "CREATE INDEX crm_products_sorted ON crm_products (tenant_id, sort_key)"}};
}

core::Result<WordMatch> MatchEveryWord(storage::Database& db, const WordTable& t,
                                       const std::vector<std::string>& words) {
  WordMatch match;
  if (words.empty()) {
    match.none = true;
    return match;
  }
  // Every word, checked per record through the (record, word) index.
  for (const std::string& w : words) {
    match.where += fmt::format(" AND EXISTS (SELECT 1 FROM {0} mw WHERE mw.{1} = {2} AND mw.word >= ? AND mw.word < ?)",
                               t.words, t.id_column, t.record_id);
    match.params.emplace_back(std::in_place_type<std::string>, w);
    match.params.emplace_back(std::in_place_type<std::string>, PrefixEnd(w));
  }
  // The longest word is the most selective one, as a rule.
  const std::string& key = *std::max_element(words.begin(), words.end(),
                                             [](const auto& a, const auto& b) { return a.size() < b.size(); });
  auto rows = db.Query({fmt::format("SELECT DISTINCT {1} FROM {0} WHERE word >= ? AND word < ? LIMIT ?", t.words,
                                    t.id_column),
                        {key, PrefixEnd(key), kFewMatches + 1}});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) {
    match.none = true;
    return match;
  }
  if (static_cast<std::int64_t>(rows->size()) <= kFewMatches) {
    std::string in;
    for (const storage::Row& r : *rows) {
      in += in.empty() ? "?" : ", ?";
      match.params.emplace_back(std::in_place_type<std::int64_t>, r.Int(0).value_or(0));
    }
    match.where += fmt::format(" AND {} IN ({})", t.record_id, in);
  }
  return match;
}

}  // namespace cc::crm
