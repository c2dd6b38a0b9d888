// The word-prefix search both databases run the same way (search_text.h):
// a record matches when every query word starts one of its words. Two plans,
// chosen by how many records the most selective word matches (a bounded
// count on the words index): few -> their ids are read first and only they
// are checked and sorted; many -> the records are read in sort order and the
// first ones whose words match are taken, which stops early because matches
// are dense. Either way the result is the same: sorted by sort_key, then id.
// Thread-safety: a function of its arguments; the database is thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "crm/tenant_scope.h"
#include "storage/database.h"

namespace cc::crm {

struct WordTable {
  const char* words;      // "crm_product_words"
  const char* id_column;  // "product_id"
  const char* record_id;  // the record's id in the caller's query, "p.id"
};

// A WHERE fragment (" AND ...") with its parameters selecting the records of
// `scope` matching every word; appended by the caller after its own filters.
struct WordMatch {
  std::string where;
  std::vector<storage::Value> params;
  bool none = false;  // nothing can match: skip the query
};

core::Result<WordMatch> MatchEveryWord(storage::Database& db, const WordTable& table,
                                       const std::vector<std::string>& words);

// The index migration the search plans need (words by word, and by record).
storage::Migration WordSearchMigration(int version);

}  // namespace cc::crm
