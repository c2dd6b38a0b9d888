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

  // Waits for `listening http=...` and returns the port (0 on failure).
  std::uint16_t Port() {
    std::regex line("listening http=127\\.0\\.0\\.1:([0-9]+)");
    for (int i = 0; i < 600; ++i) {
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
    ::kill(pid_, signal);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }

 private:
  std::filesystem::path out_;
  pid_t pid_ = -1;
};

}  // namespace cc::testing
