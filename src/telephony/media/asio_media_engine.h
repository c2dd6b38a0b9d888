// The MediaEngine over Asio UDP (what MediaEngine::Start returns): media
// threads each running an io_context, calls pinned to the least busy thread
// when their first leg opens, ports from a PortAllocator, and the table of
// open calls. The engine's lock guards the table and the ports only; the
// packet path (on the media threads) never takes it, except to give a port
// back when a leg closes.
// Thread-safety: as MediaEngine: every method may be called from any thread.
#pragma once

#include <array>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "telephony/media/media_call.h"
#include "telephony/media/media_engine.h"
#include "telephony/media/port_allocator.h"

namespace cc::telephony::media {

class AsioMediaEngine final : public MediaEngine {
 public:
  static core::Result<std::unique_ptr<AsioMediaEngine>> Create(MediaEngineOptions options,
                                                               MediaObserver* observer);
  ~AsioMediaEngine() override;

  core::Result<LocalEndpoint> OpenLeg(core::CallId call, Leg leg) override;
  void SetRemote(core::CallId call, Leg leg, NegotiatedAudio audio) override;
  void CloseLeg(core::CallId call, Leg leg) override;
  void CloseCall(core::CallId call) override;
  void Play(core::CallId call, Leg leg, std::vector<ClipPtr> clips, bool loop) override;
  void Bridge(core::CallId call, bool bridged) override;
  void Pair(core::CallId call, Leg a, Leg b) override;
  void Unpair(core::CallId call, Leg a) override;
  void Mix(core::CallId call, std::vector<Leg> legs) override;
  void MoveLeg(core::CallId call, Leg from, Leg to) override;
  void SendDigit(core::CallId call, Leg leg, char digit) override;
  core::Status StartRecording(core::CallId call, std::filesystem::path path) override;
  void PauseRecording(core::CallId call, bool paused) override;
  core::Result<RecordingSummary> StopRecording(core::CallId call) override;
  core::Result<LegStats> Stats(core::CallId call, Leg leg) override;
  std::size_t open_calls() const override;

 private:
  struct Worker {
    boost::asio::io_context io{1};
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work =
        boost::asio::make_work_guard(io);
    std::thread thread;
    std::size_t calls = 0;  // guarded by mutex_
  };
  struct CallSlot {
    Worker* worker = nullptr;
    std::shared_ptr<MediaCall> call;
    std::array<std::optional<LocalEndpoint>, kLegs> legs;  // what OpenLeg returned
    bool recording = false;
  };

  AsioMediaEngine(MediaEngineOptions options, boost::asio::ip::address address,
                  MediaObserver* observer);

  // Posts `task(call)` to the call's thread; nothing when the call is not open.
  void Post(core::CallId call, std::function<void(MediaCall&)> task);
  // Runs `task` on the call's thread and waits for its answer.
  template <typename T>
  T RunOn(Worker& worker, const std::shared_ptr<MediaCall>& call,
          std::function<T(MediaCall&)> task);
  void ReleasePort(std::uint16_t port);

  MediaEngineOptions options_;
  boost::asio::ip::address address_;
  MediaObserver* observer_;
  std::vector<std::unique_ptr<Worker>> workers_;

  mutable std::mutex mutex_;
  PortAllocator ports_;                                    // guarded by mutex_
  std::unordered_map<core::CallId, CallSlot> calls_;       // guarded by mutex_
};

}  // namespace cc::telephony::media
