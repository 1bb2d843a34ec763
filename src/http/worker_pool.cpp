#include "http/worker_pool.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>

namespace ansvar::http {

WorkerPool::WorkerPool(unsigned threads, size_t per_account, size_t queue_limit, std::chrono::milliseconds max_wait)
    : per_account_(per_account), queue_limit_(queue_limit), max_wait_(max_wait) {
  for (unsigned i = 0; i < std::max(1u, threads); ++i) threads_.emplace_back([this] { Work(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& t : threads_) t.join();
}

WorkerPool::Refusal WorkerPool::Submit(const std::string& account, Job job) {
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() >= queue_limit_) return Refusal::kQueueFull;
    auto& n = per_account_count_[account];
    if (n >= per_account_) return Refusal::kAccountBusy;
    ++n;
    queue_.push_back({account, std::move(job), std::chrono::steady_clock::now()});
  }
  ready_.notify_one();
  return Refusal::kNone;
}

void WorkerPool::Work() {
  // The expensive work yields the CPU to the connections' threads (a nice value of this thread only, Linux): a cheap
  // read waits neither for a lock nor for a core while a whole trail is being written out.
  setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kNice);
  for (;;) {
    Queued q;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      q = std::move(queue_.front());
      queue_.pop_front();
    }
    const bool expired = std::chrono::steady_clock::now() - q.since > max_wait_;
    auto deliver = q.job(expired);
    {
      std::lock_guard lock(mutex_);
      if (auto it = per_account_count_.find(q.account); it != per_account_count_.end() && --it->second == 0)
        per_account_count_.erase(it);
    }
    if (deliver) deliver();
  }
}

}  // namespace ansvar::http
