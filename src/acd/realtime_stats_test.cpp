// Realtime statistics as a supervisor reads them on the wallboard; each row
// of docs/kpi.md is exercised here.
#include "acd/realtime_stats.h"

#include <gtest/gtest.h>

#include "acd/testing/play.h"

namespace cc::acd {
namespace {

TEST(RealtimeStats, EveryOutcomeCountsInItsRowAndServiceLevelFollows) {
  Play(R"(
    queue backup
    queue sales sl=20 short=5 maxwait=120 overflow=backup wrapup=10
    agent anna queues=sales
    agent boris queues=sales
    call fast arrives sales
    call slow arrives sales
    call quitter arrives sales
    call blip arrives sales
    call cb arrives sales
    call over arrives sales
    expect stat sales waiting=6 offered=6 longest=0
    at 3
    blip hangs-up
    expect stat sales short=1 waiting=5
    at 10
    anna ready
    expect offer fast anna
    anna answers fast
    expect stat sales answered=1 within=1 asa=10
    at 30
    quitter hangs-up
    expect stat sales abandoned=1 longest=30
    cb wants-callback
    expect stat sales callbacks-requested=1 callbacks=1 waiting=2
    at 40
    boris ready
    expect offer slow boris
    boris answers slow
    expect stat sales answered=2 within=1
    at 120
    expect stat sales overflowed=1 waiting=0
    expect stat backup offered=1 waiting=1
    # denominator: answered 2 + abandoned 1 + callback 1 + overflowed 1 = 5; within 1 -> 20 %
    expect stat sales sl=20 asa=25
  )");
}

TEST(RealtimeStats, RejectedCallsCountAsOfferedAndMissed) {
  Play(R"(
    queue tiny max=1
    call a arrives tiny
    call b arrives tiny
    expect stat tiny offered=2 rejected=1 waiting=1 sl=0
  )");
}

TEST(RealtimeStats, AgentsByStateAndHandleTimes) {
  Play(R"(
    queue sales wrapup=20
    agent anna queues=sales
    agent boris queues=sales
    expect stat sales logged-out=2
    anna ready
    boris login
    expect stat sales ready=1 not-ready=1 logged-out=0
    call c1 arrives sales
    expect stat sales reserved=1 ready=0
    anna answers c1
    at 60
    hold c1
    at 90
    resume c1
    at 100
    c1 hangs-up
    expect stat sales wrap-up=1
    at 120
    expect stat sales ready=1 handled=1 aht=120
    expect stat agent anna handled=1 talk=70 hold=30 wrapup=20
  )");
}

TEST(RealtimeStats, NewDayZeroesCountersButKeepsLiveFigures) {
  Play(R"(
    queue sales
    agent anna queues=sales
    call c1 arrives sales
    call c2 arrives sales
    c1 hangs-up
    anna login
    newday
    expect stat sales offered=0 abandoned=0 waiting=1 not-ready=1
  )");
}

TEST(RealtimeStats, MissedOffersAreCountedPerAgent) {
  Play(R"(
    queue sales ring=10
    agent anna queues=sales
    anna ready
    call c1 arrives sales
    at 10
    expect stat agent anna missed=1
  )");
}

}  // namespace
}  // namespace cc::acd
