// RUN: %conc-advisor --checks='-*,conc-thread-site' %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

#include <BS_thread_pool.hpp>
#include <QThread>
#include <QtConcurrent>
#include <asio.hpp>
#include <boost/thread.hpp>
#include <taskflow/taskflow.hpp>
#include <tbb/task_group.h>

void compress() {}

class Indexer : public QThread {
protected:
  void run() override {}
};

void pools() {
  tf::Executor Executor(8);
// CHECK-MESSAGES: :[[@LINE-1]]:16: note: 'tf::Executor' creates a thread pool [conc-thread-site]
  Executor.silent_async(compress);
// CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'tf::Executor::silent_async' starts a task running 'compress' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-12]]:6: note: 'compress' is defined here
  asio::thread_pool Pool(4);
// CHECK-MESSAGES: :[[@LINE-1]]:21: note: 'asio::thread_pool' creates a thread pool [conc-thread-site]
  asio::post(Pool, [] { compress(); });
// CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'asio::post' starts a task running the lambda at conc-thread-site-pools.cpp:[[@LINE-1]]:20 [conc-thread-site]
  tbb::task_group Group;
  Group.run(compress);
// CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'tbb::task_group::run' starts a task running 'compress' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-20]]:6: note: 'compress' is defined here
  QtConcurrent::run(compress);
// CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'QtConcurrent::run' starts a task running 'compress' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-23]]:6: note: 'compress' is defined here
  Indexer Worker;
  Worker.start();
// CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'QThread::start' starts a thread running 'Indexer::run' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-23]]:8: note: 'Indexer::run' is defined here
  boost::thread Legacy(compress);
// CHECK-MESSAGES: :[[@LINE-1]]:17: note: 'boost::thread' starts a thread running 'compress' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-30]]:6: note: 'compress' is defined here
  Executor.async(compress);
// CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'tf::Executor::async' starts a task running 'compress' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-33]]:6: note: 'compress' is defined here
  tf::Taskflow Flow;
  Executor.run(Flow);
// CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'tf::Executor::run' starts a task [conc-thread-site]
  Executor.async("named", [] { compress(); });
// CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'tf::Executor::async' starts a task running the lambda at conc-thread-site-pools.cpp:[[@LINE-1]]:27 [conc-thread-site]
  BS::thread_pool<> Workers(4);
// CHECK-MESSAGES: :[[@LINE-1]]:21: note: 'BS::thread_pool' creates a thread pool [conc-thread-site]
  Workers.detach_task(compress);
// CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'BS::thread_pool::detach_task' starts a task running 'compress' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-43]]:6: note: 'compress' is defined here
  Workers.submit_task([] { compress(); });
// CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'BS::thread_pool::submit_task' starts a task running the lambda at conc-thread-site-pools.cpp:[[@LINE-1]]:23 [conc-thread-site]
}

// A pool moved or passed by reference is the same pool, not a new one.
void notSites(tf::Executor &Executor, QThread &Plain) {
  Executor.wait_for_all();
  Plain.wait();
}
