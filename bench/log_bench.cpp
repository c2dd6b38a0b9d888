// Interaction-log write benchmark (bench/README.md, "Interaction log").
//
// P producer threads append JSON records shaped like the server's events
// (105-150 bytes) in batches of 1-10 (one batch per engine output, as the
// server does) to an SqliteDatabase file (WAL, synchronous=FULL, group
// commit) and, with pg=URL, then to PostgreSQL (synchronous_commit=on, a
// fresh schema per row) in the same run. Each producer keeps up to `window`
// appends in flight; an acknowledger thread per producer waits for the
// futures in order and records the time from Append() to the future being
// ready. Two modes per configuration:
//   max   producers append as fast as the window allows (capacity);
//   rate  producers append at a fixed total rate (latency at a given load).
// Usage: log_bench [dir=PATH] [seconds=S] [producers=P] [window=W] [rate=EVENTS_PER_S]
//                  [calls=live|random]   (call ids: recent calls, or uniform over 1M)
//                  [pg=postgresql://...]  (bench/log_bench.sh starts a private cluster)
// Without `rate`, runs the default table (max, then rate=100000).
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <functional>
#include <unistd.h>
#include <future>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "storage/interaction_log.h"
#include "storage/postgres_database.h"
#include "storage/sqlite_database.h"

namespace {

using Clock = std::chrono::steady_clock;
using cc::storage::InteractionLog;
using cc::storage::LogRecord;

struct Options {
  std::string dir;
  double seconds = 5;
  int producers = 4;
  int window = 64;            // appends in flight per producer
  double rate = 0;            // events per second for all producers; 0 = as fast as possible
  bool random_calls = false;  // call ids uniform over 1M instead of the live calls
  std::string pg_url;         // set: the PostgreSQL rows (after the SQLite ones)
  bool pin = false;           // writer thread on CPU 1, producers and acknowledgers on CPU 0
};

// Moves the calling thread (and the threads it creates afterwards) to one CPU.
void PinTo(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  if (pthread_setaffinity_np(pthread_self(), sizeof(set), &set) != 0) {
    std::fprintf(stderr, "cannot pin to CPU %d\n", cpu);
    std::exit(1);
  }
}

struct InFlight {
  Clock::time_point sent;
  int events = 0;
  std::future<cc::core::Status> done;
};

// One producer's queue of appends waiting for acknowledgement.
struct Pipe {
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<InFlight> waiting;  // guarded by mutex
  bool finished = false;         // guarded by mutex
};

struct Figures {
  std::int64_t events = 0;
  std::int64_t batches = 0;
  std::int64_t failures = 0;
  std::vector<double> latencies_ms;  // one per Append
};

// Events of all producers so far; new calls get increasing ids, as in the engine.
std::atomic<std::int64_t> g_events{0};

// The shapes and sizes of the events the server writes (docs/events.md, acd::ToJson),
// in the proportions of one answered call: 105-150 bytes each.
std::string Payload(const LogRecord& r, std::mt19937_64& rng) {
  const std::string at = "\"at\":\"2026-11-27T08:02:04.123Z\"";
  const std::string agent = std::to_string(*r.agent_id);
  const std::string call = std::to_string(*r.call_id);
  const std::string queue = std::to_string(*r.queue_id);
  if (r.type == "call.queued") {
    return "{" + at + ",\"call\":" + call + ",\"priority\":0,\"queue\":" + queue +
           ",\"tenant\":1,\"type\":\"call.queued\",\"v\":1,\"via\":\"arrival\"}";
  }
  if (r.type == "call.offered") {
    return "{\"agent\":" + agent + "," + at + ",\"call\":" + call +
           ",\"kind\":\"inbound\",\"queue\":" + queue + ",\"type\":\"call.offered\",\"v\":1}";
  }
  if (r.type == "call.answered") {
    return "{\"agent\":" + agent + "," + at + ",\"call\":" + call + ",\"queue\":" + queue +
           ",\"type\":\"call.answered\",\"v\":1,\"wait_ms\":" + std::to_string(rng() % 600'000) +
           "}";
  }
  if (r.type == "agent.left_call" || r.type == "call.handled") {
    return "{\"agent\":" + agent + "," + at + ",\"call\":" + call +
           ",\"hold_ms\":0,\"queue\":" + queue + ",\"talk_ms\":" +
           std::to_string(rng() % 900'000) + ",\"type\":\"" + r.type + "\",\"v\":1" +
           (r.type == "call.handled" ? ",\"wrap_up_ms\":" + std::to_string(rng() % 60'000) : "") +
           "}";
  }
  if (r.type == "call.ended") {
    return "{" + at + ",\"call\":" + call + ",\"outcome\":\"completed\",\"queue\":" + queue +
           ",\"type\":\"call.ended\",\"v\":1}";
  }
  return "{\"agent\":" + agent + "," + at +
         ",\"forced\":false,\"from\":\"reserved\",\"reason\":null,\"to\":\"on-call\","
         "\"type\":\"agent.state_changed\",\"v\":1}";
}

LogRecord MakeRecord(std::mt19937_64& rng, std::int64_t n, bool random_calls) {
  // One answered call: queued, offered, 4 agent state changes (reserved,
  // on-call, wrap-up, ready), answered, left_call, ended, handled.
  static constexpr const char* kTypes[] = {
      "call.queued",         "call.offered",    "agent.state_changed", "call.answered",
      "agent.state_changed", "agent.left_call", "agent.state_changed", "call.ended",
      "call.handled",        "agent.state_changed"};
  LogRecord r;
  r.at_ms = 1'795'766'400'000 + n;
  r.type = kTypes[n % std::size(kTypes)];
  if (random_calls) {
    r.call_id = static_cast<std::int64_t>(rng() % 1'000'000) + 1;
  } else {
    // A call makes ~10-15 events over its life: events are about the ~2,000
    // most recent calls, so the call_id index grows at its right edge.
    const std::int64_t newest = g_events.fetch_add(1, std::memory_order_relaxed) / 10 + 2'000;
    r.call_id = newest - static_cast<std::int64_t>(rng() % 2'000);
  }
  r.agent_id = static_cast<std::int64_t>(rng() % 1'000) + 1;
  r.queue_id = static_cast<std::int64_t>(rng() % 100) + 1;
  r.payload = Payload(r, rng);
  if (r.type == "agent.state_changed") r.call_id.reset();
  if (r.type == "call.queued" || r.type == "call.ended") r.agent_id.reset();
  return r;
}

double Percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const std::size_t k = std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1)));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

// A fresh database for one row of the table, with its COMMIT counter.
struct BenchDatabase {
  std::unique_ptr<cc::storage::Database> db;
  std::function<std::uint64_t()> commits;
};

BenchDatabase OpenFresh(const Options& o) {
  auto fail = [](const cc::core::Error& e) {
    std::fprintf(stderr, "open: %s\n", e.message.c_str());
    std::exit(1);
  };
  if (!o.pg_url.empty()) {
    // A schema of its own per row, dropped by the next row.
    static int row = 0;
    const std::string schema = "log_bench_" + std::to_string(getpid()) + "_" + std::to_string(row++);
    (void)cc::storage::ExecPostgres(o.pg_url, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    if (auto made = cc::storage::ExecPostgres(o.pg_url, "CREATE SCHEMA " + schema); !made) fail(made.error());
    const std::string url = o.pg_url + (o.pg_url.find('?') == std::string::npos ? "?" : "&") +
                            "options=-csearch_path%3D" + schema;
    auto opened = cc::storage::PostgresDatabase::Open(url);
    if (!opened) fail(opened.error());
    auto* raw = opened->get();
    return {std::move(*opened), [raw] { return raw->commits(); }};
  }
  const std::filesystem::path path = std::filesystem::path(o.dir) / "log_bench.db";
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(path.string() + suffix);
  }
  auto opened = cc::storage::SqliteDatabase::Open(path.string());
  if (!opened) fail(opened.error());
  auto* raw = opened->get();
  return {std::move(*opened), [raw] { return raw->commits(); }};
}

void Run(const Options& o, const char* mode) {
  // The database's writer thread starts in Open() and inherits this thread's CPU.
  if (o.pin) PinTo(1);
  BenchDatabase bench = OpenFresh(o);
  if (o.pin) PinTo(0);
  auto& db = *bench.db;
  if (auto m = db.Migrate(InteractionLog::Migrations()); !m) {
    std::fprintf(stderr, "migrate: %s\n", m.error().message.c_str());
    std::exit(1);
  }
  InteractionLog log(db);

  const auto start = Clock::now();
  const auto stop_at =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
  const std::uint64_t commits_before = bench.commits();
  g_events = 0;
  std::vector<Pipe> pipes(static_cast<std::size_t>(o.producers));
  std::vector<Figures> figures(static_cast<std::size_t>(o.producers));
  std::vector<std::thread> threads;
  for (int p = 0; p < o.producers; ++p) {
    Pipe& pipe = pipes[static_cast<std::size_t>(p)];
    threads.emplace_back([&, p] {
      std::mt19937_64 rng(static_cast<std::uint64_t>(p) + 1);
      std::uniform_int_distribution<int> batch_size(1, 10);
      const double per_producer_rate = o.rate / o.producers;
      std::int64_t sent_events = 0;
      std::int64_t n = 0;
      while (Clock::now() < stop_at) {
        const int size = batch_size(rng);
        if (per_producer_rate > 0) {
          // Open loop: batch k is due when the events before it are due.
          const auto due =
              start + std::chrono::duration_cast<Clock::duration>(
                          std::chrono::duration<double>(sent_events / per_producer_rate));
          std::this_thread::sleep_until(due);
        }
        std::vector<LogRecord> batch;
        batch.reserve(static_cast<std::size_t>(size));
        for (int i = 0; i < size; ++i) batch.push_back(MakeRecord(rng, n++, o.random_calls));
        {
          std::unique_lock lock(pipe.mutex);
          pipe.changed.wait(lock, [&] { return static_cast<int>(pipe.waiting.size()) < o.window; });
        }
        InFlight f{Clock::now(), size, {}};
        f.done = log.Append(std::move(batch));
        sent_events += size;
        std::lock_guard lock(pipe.mutex);
        pipe.waiting.push_back(std::move(f));
        pipe.changed.notify_all();
      }
      std::lock_guard lock(pipe.mutex);
      pipe.finished = true;
      pipe.changed.notify_all();
    });
    threads.emplace_back([&, p] {
      Figures& fig = figures[static_cast<std::size_t>(p)];
      for (;;) {
        std::unique_lock lock(pipe.mutex);
        pipe.changed.wait(lock, [&] { return !pipe.waiting.empty() || pipe.finished; });
        if (pipe.waiting.empty()) return;
        InFlight f = std::move(pipe.waiting.front());
        lock.unlock();
        const cc::core::Status status = f.done.get();
        const auto ready = Clock::now();
        lock.lock();
        pipe.waiting.pop_front();
        pipe.changed.notify_all();
        lock.unlock();
        if (!status) {
          ++fig.failures;
          continue;
        }
        fig.events += f.events;
        ++fig.batches;
        fig.latencies_ms.push_back(
            std::chrono::duration<double, std::milli>(ready - f.sent).count());
      }
    });
  }
  for (auto& t : threads) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

  Figures all;
  for (Figures& f : figures) {
    all.events += f.events;
    all.batches += f.batches;
    all.failures += f.failures;
    all.latencies_ms.insert(all.latencies_ms.end(), f.latencies_ms.begin(), f.latencies_ms.end());
  }
  const double commits = static_cast<double>(bench.commits() - commits_before);
  const double p50 = Percentile(all.latencies_ms, 0.50);
  const double p99 = Percentile(all.latencies_ms, 0.99);
  const double max = all.latencies_ms.empty()
                         ? 0
                         : *std::max_element(all.latencies_ms.begin(), all.latencies_ms.end());
  std::printf(
      "| %-10s | %-4s | %9.0f | %9d | %6d | %10.0f | %8.0f | %8.0f | %7.1f | %7.2f | %7.2f | %7.1f | %d "
      "|\n",
      o.pg_url.empty() ? "SQLite" : "PostgreSQL", mode, o.rate, o.producers, o.window, all.events / elapsed, commits / elapsed,
      static_cast<double>(all.events) / std::max(1.0, commits),
      static_cast<double>(all.events) / std::max<double>(1, all.batches), p50, p99, max,
      static_cast<int>(all.failures));
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  bool rate_given = false;
  std::string pg_url;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto eq = arg.find('=');
    const std::string key = arg.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : arg.substr(eq + 1);
    if (key == "dir") {
      o.dir = value;
    } else if (key == "seconds") {
      o.seconds = std::stod(value);
    } else if (key == "producers") {
      o.producers = std::stoi(value);
    } else if (key == "window") {
      o.window = std::stoi(value);
    } else if (key == "calls") {
      o.random_calls = value == "random";
    } else if (key == "rate") {
      o.rate = std::stod(value);
      rate_given = true;
    } else if (key == "pin") {
      o.pin = value != "0";
    } else if (key == "pg") {
      pg_url = value;
    } else {
      std::fprintf(stderr,
                   "usage: log_bench [dir=PATH] [seconds=S] [producers=P] [window=W] "
                   "[rate=EVENTS_PER_S] [calls=live|random] [pin=1] [pg=POSTGRESQL_URL]\n");
      return 2;
    }
  }
  std::filesystem::path owned;
  if (o.dir.empty()) {
    std::string pattern = (std::filesystem::temp_directory_path() / "log-bench-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) return 1;
    owned = pattern;
    o.dir = pattern;
  }
  std::printf(
      "database in %s, %.0f s per row, batches of 1-10 records (payloads shaped like the server's events), "
      "call ids %s\n\n",
      o.dir.c_str(), o.seconds, o.random_calls ? "uniform over 1M" : "of the live calls");
  std::printf(
      "| backend | mode | rate ev/s | producers | window | acked ev/s | commits/s | ev/commit | ev/batch | "
      "p50 ms | p99 ms | max ms | failed |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  const double given_rate = o.rate;
  std::vector<std::string> backends = {""};  // "" = SQLite
  if (!pg_url.empty()) backends.push_back(pg_url);
  for (const std::string& backend : backends) {
    o.pg_url = backend;
    if (rate_given) {
      o.rate = given_rate;
      Run(o, o.rate > 0 ? "rate" : "max");
    } else {
      o.rate = 0;
      Run(o, "max");
      o.rate = 100'000;
      Run(o, "rate");
      o.rate = 50'000;
      Run(o, "rate");
    }
  }
  if (!owned.empty()) std::filesystem::remove_all(owned);
  return 0;
}
