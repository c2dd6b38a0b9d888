#include "telephony/media/asio_media_engine.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <pthread.h>

#include <future>
#include <string>
#include <system_error>

namespace cc::telephony::media {
namespace {

namespace asio = boost::asio;
using asio::ip::udp;

std::size_t Index(Leg leg) { return LegIndex(leg); }

tl::unexpected<core::Error> CallNotOpen(core::CallId call) {
  return core::Fail(core::ErrorCode::kNotFound,
                    fmt::format("call {} has no media open", call.value()));
}

}  // namespace

core::Result<std::unique_ptr<MediaEngine>> MediaEngine::Start(MediaEngineOptions options,
                                                              MediaObserver* observer) {
  auto engine = AsioMediaEngine::Create(std::move(options), observer);
  if (!engine) return tl::unexpected(engine.error());
  return std::unique_ptr<MediaEngine>(std::move(*engine));
}

core::Result<std::unique_ptr<AsioMediaEngine>> AsioMediaEngine::Create(MediaEngineOptions options,
                                                                       MediaObserver* observer) {
  if (options.threads < 1) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "media engine needs at least 1 thread");
  }
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(options.bind_address, ec);
  if (ec) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("media bind address '{}': {}", options.bind_address,
                                  ec.message()));
  }
  if (PortAllocator(options.port_min, options.port_max).capacity() == 0) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("media port range {}-{} holds no even/odd pair",
                                  options.port_min, options.port_max));
  }
  return std::unique_ptr<AsioMediaEngine>(
      new AsioMediaEngine(std::move(options), address, observer));
}

AsioMediaEngine::AsioMediaEngine(MediaEngineOptions options, asio::ip::address address,
                                 MediaObserver* observer)
    : options_(std::move(options)),
      address_(std::move(address)),
      observer_(observer),
      ports_(options_.port_min, options_.port_max) {
  for (int i = 0; i < options_.threads; ++i) {
    auto worker = std::make_unique<Worker>();
    Worker* w = worker.get();
    worker->thread = std::thread([w, i] {
      ::pthread_setname_np(::pthread_self(), ("cc-media-" + std::to_string(i)).c_str());
      w->io.run();
    });
    workers_.push_back(std::move(worker));
  }
}

AsioMediaEngine::~AsioMediaEngine() {
  {
    std::lock_guard lock(mutex_);
    for (auto& [id, slot] : calls_) {
      asio::post(slot.worker->io, [call = slot.call] { call->Close(); });
    }
    calls_.clear();
  }
  // Each thread finishes once its calls have closed and their handlers have run.
  for (auto& worker : workers_) worker->work.reset();
  for (auto& worker : workers_) worker->thread.join();
}

void AsioMediaEngine::ReleasePort(std::uint16_t port) {
  std::lock_guard lock(mutex_);
  ports_.Release(port);
}

core::Result<LocalEndpoint> AsioMediaEngine::OpenLeg(core::CallId call, Leg leg) {
  std::lock_guard lock(mutex_);
  auto found = calls_.find(call);
  if (found != calls_.end() && found->second.legs[Index(leg)]) {
    return *found->second.legs[Index(leg)];
  }
  Worker* worker = found != calls_.end() ? found->second.worker : nullptr;
  if (!worker) {
    worker = workers_.front().get();
    for (auto& w : workers_) {
      if (w->calls < worker->calls) worker = w.get();
    }
  }

  std::optional<LegSockets> sockets;
  const auto acquired = ports_.Acquire([&](std::uint16_t port) {
    boost::system::error_code ec;
    udp::socket rtp(worker->io);
    udp::socket rtcp(worker->io);
    const udp protocol = address_.is_v4() ? udp::v4() : udp::v6();
    rtp.open(protocol, ec);
    if (!ec) rtp.bind(udp::endpoint(address_, port), ec);
    if (!ec) rtcp.open(protocol, ec);
    if (!ec) rtcp.bind(udp::endpoint(address_, static_cast<std::uint16_t>(port + 1)), ec);
    if (ec) return false;
    sockets.emplace(LegSockets{std::move(rtp), std::move(rtcp), port});
    return true;
  });
  if (!acquired) {
    return core::Fail(core::ErrorCode::kResourceExhausted,
                      fmt::format("no free RTP port pair in {}-{} ({} in use)", options_.port_min,
                                  options_.port_max, ports_.in_use()));
  }

  if (found == calls_.end()) {
    CallOptions call_options;
    call_options.leg.jitter_depth = options_.jitter_depth;
    call_options.leg.rtcp_interval = std::chrono::milliseconds(options_.rtcp_interval_ms);
    call_options.leg.cname = fmt::format("callcenter@{}", options_.bind_address);
    call_options.release_port = [this](std::uint16_t port) { ReleasePort(port); };
    CallSlot slot;
    slot.worker = worker;
    slot.call = std::make_shared<MediaCall>(call, worker->io, observer_, std::move(call_options));
    ++worker->calls;
    found = calls_.emplace(call, std::move(slot)).first;
  }
  const LocalEndpoint endpoint{options_.bind_address, *acquired};
  found->second.legs[Index(leg)] = endpoint;
  asio::post(worker->io, [call_ptr = found->second.call, leg, s = std::move(*sockets)]() mutable {
    call_ptr->AddLeg(leg, std::move(s));
  });
  return endpoint;
}

void AsioMediaEngine::Post(core::CallId call, std::function<void(MediaCall&)> task) {
  std::lock_guard lock(mutex_);
  const auto found = calls_.find(call);
  if (found == calls_.end()) return;
  asio::post(found->second.worker->io,
             [call_ptr = found->second.call, task = std::move(task)] { task(*call_ptr); });
}

template <typename T>
T AsioMediaEngine::RunOn(Worker& worker, const std::shared_ptr<MediaCall>& call,
                         std::function<T(MediaCall&)> task) {
  if (worker.io.get_executor().running_in_this_thread()) return task(*call);
  std::packaged_task<T()> packaged([call, task = std::move(task)] { return task(*call); });
  auto answer = packaged.get_future();
  asio::post(worker.io, std::move(packaged));
  return answer.get();
}

void AsioMediaEngine::SetRemote(core::CallId call, Leg leg, NegotiatedAudio audio) {
  Post(call, [leg, audio = std::move(audio)](MediaCall& c) { c.SetRemote(leg, audio); });
}

void AsioMediaEngine::CloseLeg(core::CallId call, Leg leg) {
  std::lock_guard lock(mutex_);
  const auto found = calls_.find(call);
  if (found == calls_.end() || !found->second.legs[Index(leg)]) return;
  found->second.legs[Index(leg)].reset();
  asio::post(found->second.worker->io,
             [call_ptr = found->second.call, leg] { call_ptr->CloseLeg(leg); });
}

void AsioMediaEngine::CloseCall(core::CallId call) {
  std::lock_guard lock(mutex_);
  const auto found = calls_.find(call);
  if (found == calls_.end()) return;
  --found->second.worker->calls;
  asio::post(found->second.worker->io, [call_ptr = found->second.call] { call_ptr->Close(); });
  calls_.erase(found);
}

void AsioMediaEngine::Play(core::CallId call, Leg leg, std::vector<ClipPtr> clips, bool loop) {
  Post(call, [leg, clips = std::move(clips), loop](MediaCall& c) mutable {
    c.Play(leg, std::move(clips), loop);
  });
}

void AsioMediaEngine::Pair(core::CallId call, Leg a, Leg b) {
  Post(call, [a, b](MediaCall& c) { c.Pair(a, b); });
}

void AsioMediaEngine::Unpair(core::CallId call, Leg a) {
  Post(call, [a](MediaCall& c) { c.Unpair(a); });
}

void AsioMediaEngine::Mix(core::CallId call, std::vector<Leg> legs) {
  Post(call, [legs = std::move(legs)](MediaCall& c) { c.Mix(legs); });
}

void AsioMediaEngine::MoveLeg(core::CallId call, Leg from, Leg to) {
  std::lock_guard lock(mutex_);
  const auto found = calls_.find(call);
  if (found == calls_.end() || !found->second.legs[Index(from)]) return;
  found->second.legs[Index(to)] = found->second.legs[Index(from)];
  found->second.legs[Index(from)].reset();
  asio::post(found->second.worker->io, [call_ptr = found->second.call, from, to] { call_ptr->MoveLeg(from, to); });
}

void AsioMediaEngine::Bridge(core::CallId call, bool bridged) {
  Post(call, [bridged](MediaCall& c) { c.Bridge(bridged); });
}

void AsioMediaEngine::SendDigit(core::CallId call, Leg leg, char digit) {
  Post(call, [leg, digit](MediaCall& c) { c.SendDigit(leg, digit); });
}

core::Status AsioMediaEngine::StartRecording(core::CallId call, std::filesystem::path path) {
  {
    std::lock_guard lock(mutex_);
    const auto found = calls_.find(call);
    if (found == calls_.end()) return CallNotOpen(call);
    if (found->second.recording) {
      return core::Fail(core::ErrorCode::kFailedPrecondition,
                        fmt::format("call {} is already being recorded", call.value()));
    }
    found->second.recording = true;  // held while the file is created outside the lock
  }
  const auto give_back = [&] {
    std::lock_guard lock(mutex_);
    if (const auto found = calls_.find(call); found != calls_.end()) {
      found->second.recording = false;
    }
  };
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) {
    give_back();
    return core::Fail(core::ErrorCode::kUnavailable,
                      fmt::format("cannot create {}: {}", path.parent_path().string(),
                                  ec.message()));
  }
  auto writer = WavWriter::Create(path, WavChannels::kStereo);
  if (!writer) {
    give_back();
    return tl::unexpected(writer.error());
  }
  // A move-only writer in a copyable std::function: carried by a shared_ptr.
  auto held = std::make_shared<WavWriter>(std::move(*writer));
  Post(call, [held, path](MediaCall& c) { c.StartRecording(std::move(*held), path); });
  return {};
}

void AsioMediaEngine::PauseRecording(core::CallId call, bool paused) {
  Post(call, [paused](MediaCall& c) { c.PauseRecording(paused); });
}

core::Result<RecordingSummary> AsioMediaEngine::StopRecording(core::CallId call) {
  Worker* worker = nullptr;
  std::shared_ptr<MediaCall> call_ptr;
  {
    std::lock_guard lock(mutex_);
    const auto found = calls_.find(call);
    if (found == calls_.end()) return CallNotOpen(call);
    if (!found->second.recording) {
      return core::Fail(core::ErrorCode::kFailedPrecondition,
                        fmt::format("call {} is not being recorded", call.value()));
    }
    found->second.recording = false;
    worker = found->second.worker;
    call_ptr = found->second.call;
  }
  return RunOn<core::Result<RecordingSummary>>(*worker, call_ptr,
                                               [](MediaCall& c) { return c.StopRecording(); });
}

core::Result<LegStats> AsioMediaEngine::Stats(core::CallId call, Leg leg) {
  Worker* worker = nullptr;
  std::shared_ptr<MediaCall> call_ptr;
  {
    std::lock_guard lock(mutex_);
    const auto found = calls_.find(call);
    if (found == calls_.end()) return CallNotOpen(call);
    if (!found->second.legs[Index(leg)]) {
      return core::Fail(core::ErrorCode::kNotFound,
                        fmt::format("call {} has no such leg open", call.value()));
    }
    worker = found->second.worker;
    call_ptr = found->second.call;
  }
  return RunOn<core::Result<LegStats>>(*worker, call_ptr,
                                       [leg](MediaCall& c) { return c.Stats(leg); });
}

std::size_t AsioMediaEngine::open_calls() const {
  std::lock_guard lock(mutex_);
  return calls_.size();
}

}  // namespace cc::telephony::media
