#pragma once
// The threads that answer expensive requests (issue 17): a few of their own, apart from the threads that read and
// write connections, so that a cheap read never waits behind a whole audit trail or an export. Bounded: jobs per
// account (queued or running) and jobs waiting in all; a job that waited too long is told so instead of run.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace ansvar::http {

class WorkerPool {
 public:
  enum class Refusal { kNone, kAccountBusy, kQueueFull };
  // `run(expired)`: expired is true when the job waited longer than `max_wait` (answer it, do not do the work).
  // It returns what delivers the answer: run once the job no longer counts against its account, so that a client
  // that sends its next request as soon as it has the answer is not told its account is still busy.
  using Job = std::function<std::function<void()>(bool expired)>;

  WorkerPool(unsigned threads, size_t per_account, size_t queue_limit, std::chrono::milliseconds max_wait);
  ~WorkerPool();  // finishes the running jobs, drops the waiting ones
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues the job of `account` ("" for an anonymous one: it counts as one account); kNone when queued.
  Refusal Submit(const std::string& account, Job job);

 private:
  static constexpr int kNice = 10;  // the workers' scheduling priority below the connections' threads
  struct Queued {
    std::string account;
    Job job;
    std::chrono::steady_clock::time_point since;
  };
  void Work();

  size_t per_account_, queue_limit_;
  std::chrono::milliseconds max_wait_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Queued> queue_;
  std::unordered_map<std::string, size_t> per_account_count_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace ansvar::http
