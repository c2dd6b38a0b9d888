// A `callcenter serve` child process for the tests that run the real binary
// (crash_test, two_nodes_test, the SIP tests); its stdout goes to a file the
// test reads, and its log (stderr) to the same path with ".log" added.
// Thread-safety: one test thread.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace cc::testing {

class ServerProcess {
 public:
  // Runs `callcenter serve --listen 127.0.0.1:0 --data-dir DATA_DIR --fast-passwords ARGS...`.
  ServerProcess(const std::filesystem::path& data_dir, const std::filesystem::path& out,
                std::vector<std::string> args)
      : out_(out) {
    std::vector<std::string> argv = {CC_BINARY, "serve", "--listen", "127.0.0.1:0", "--data-dir",
                                     data_dir.string(), "--fast-passwords"};
    argv.insert(argv.end(), args.begin(), args.end());
    pid_ = fork();
    if (pid_ == 0) {
      std::FILE* f = std::freopen(out_.c_str(), "w", stdout);
      std::FILE* log = std::freopen((out_.string() + ".log").c_str(), "w", stderr);
      (void)f;
      (void)log;
      std::vector<char*> raw;
      for (std::string& a : argv) raw.push_back(a.data());
      raw.push_back(nullptr);
      execv(CC_BINARY, raw.data());
      _exit(127);
    }
  }
  ~ServerProcess() {
    if (pid_ > 0) Kill(SIGKILL);
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Waits for `listening NAME=...` (http, sip) and returns the port (0 on failure).
  std::uint16_t Port(const std::string& name = "http") {
    std::regex line("listening " + name + "=127\\.0\\.0\\.1:([0-9]+)");
    for (int i = 0; i < 600 && Running(); ++i) {
      std::string text = Output();
      std::smatch m;
      if (std::regex_search(text, m, line)) return static_cast<std::uint16_t>(std::stoi(m[1]));
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return 0;
  }
  std::string Output() const {
    std::ifstream in(out_);
    return std::string((std::istreambuf_iterator<char>(in)), {});
  }
  // What the server logged so far.
  std::string Log() const {
    std::ifstream in(out_.string() + ".log");
    return std::string((std::istreambuf_iterator<char>(in)), {});
  }
  // Sends `signal` and waits for the process; returns its wait status.
  int Kill(int signal) {
    if (pid_ <= 0) return status_;
    ::kill(pid_, signal);
    waitpid(pid_, &status_, 0);
    pid_ = -1;
    return status_;
  }
  // Whether the process still runs (when it has ended, it is reaped and Ended() tells how).
  bool Running() {
    if (pid_ <= 0) return false;
    if (waitpid(pid_, &status_, WNOHANG) != pid_) return true;
    pid_ = -1;
    return false;
  }
  std::string Ended() const {
    if (pid_ > 0) return "running";
    if (WIFSIGNALED(status_)) return "killed by signal " + std::to_string(WTERMSIG(status_));
    return "exited with " + std::to_string(WEXITSTATUS(status_));
  }

 private:
  std::filesystem::path out_;
  pid_t pid_ = -1;
  int status_ = 0;
};

}  // namespace cc::testing
