// Routing rules of the engine, written as scenarios (docs/scenarios.md):
// policies, skills and relaxation, priorities, tiers, several queues.
#include <gtest/gtest.h>

#include "acd/testing/play.h"

namespace cc::acd {
namespace {

TEST(Routing, CallerIsOfferedToTheReadyAgentAndAnsweredAfterRinging) {
  Play(R"(
    queue sales
    agent anna queues=sales
    anna ready
    expect state anna ready
    at 5
    call c1 arrives sales
    expect offer c1 anna
    expect event call.queued call=c1 queue=sales via=arrival
    expect state anna reserved
    at 8
    anna answers c1
    expect command bridge c1 anna
    expect event call.answered call=c1 agent=anna wait=3s
    expect state anna on-call
    expect call c1 talking agent=anna
  )");
}

TEST(Routing, CallerWaitsUntilAnAgentBecomesReady) {
  Play(R"(
    queue sales
    agent anna queues=sales
    anna login
    expect state anna not-ready login
    call c1 arrives sales
    expect no offer
    expect waiting sales c1
    at 30
    anna ready
    expect offer c1 anna
    expect waiting sales
  )");
}

TEST(Routing, LongestIdleAgentIsChosenByDefault) {
  Play(R"(
    queue sales wrapup=0
    agent anna queues=sales
    agent boris queues=sales
    anna ready
    at 1
    boris ready
    at 2
    call c1 arrives sales
    expect offer c1 anna
    anna answers c1
    at 60
    anna hangs-up c1
    expect state anna ready
    call c2 arrives sales
    expect offer c2 boris
  )");
}

TEST(Routing, IdleTimeCountsFromTheEndOfTheLastCallNotFromNotReadyToggles) {
  // boris finished a call at 100 s; anna went on a break and came back at 200 s,
  // but her last call ended earlier (login at 0), so she has been idle longest.
  Play(R"(
    queue sales wrapup=0
    agent anna queues=sales
    agent boris queues=sales
    anna ready
    boris ready
    call c0 arrives sales
    expect offer c0 anna
    anna rejects c0
    expect offer c0 boris
    boris answers c0
    at 100
    c0 hangs-up
    at 150
    anna notready break
    at 200
    anna ready
    call c1 arrives sales
    expect offer c1 anna
  )");
}

TEST(Routing, FewestCallsTodayThenLongestIdle) {
  Play(R"(
    queue sales policy=fewest-calls wrapup=0
    agent anna queues=sales
    agent boris queues=sales
    anna ready
    boris ready
    call c1 arrives sales
    expect offer c1 anna
    anna answers c1
    anna hangs-up c1
    call c2 arrives sales
    expect offer c2 boris
    boris answers c2
    boris hangs-up c2
    at 10
    call c3 arrives sales
    expect offer c3 anna
    anna answers c3
    anna hangs-up c3
    call c4 arrives sales
    expect offer c4 boris
    boris answers c4
    boris hangs-up c4
    newday
    call c5 arrives sales
    expect offer c5 anna
  )");
}

TEST(Routing, RoundRobinRotatesThroughMembers) {
  Play(R"(
    queue sales policy=round-robin wrapup=0
    agent anna queues=sales
    agent boris queues=sales
    agent vera queues=sales
    anna ready
    boris ready
    vera ready
    call c1 arrives sales
    expect offer c1 anna
    anna answers c1
    anna hangs-up c1
    call c2 arrives sales
    expect offer c2 boris
    boris answers c2
    boris hangs-up c2
    call c3 arrives sales
    expect offer c3 vera
    vera answers c3
    vera hangs-up c3
    call c4 arrives sales
    expect offer c4 anna
  )");
}

TEST(Routing, SkillsBestMatchPrefersHighestProficiencyThenIdle) {
  Play(R"(
    queue billing policy=skills-best-match skills=billing:3
    agent anna queues=billing skills=billing:4
    agent boris queues=billing skills=billing:9
    agent vera queues=billing skills=billing:9
    agent gleb queues=billing skills=billing:2
    gleb ready
    anna ready
    at 1
    boris ready
    at 2
    vera ready
    call c1 arrives billing
    expect offer c1 boris
    call c2 arrives billing
    expect offer c2 vera
    call c3 arrives billing
    expect offer c3 anna
    call c4 arrives billing
    expect no offer
    expect waiting billing c4
  )");
}

TEST(Routing, RequirementRelaxesAsTheCallerWaits) {
  Play(R"(
    queue billing skills=billing:6 relax=30:3,60:1
    agent novice queues=billing skills=billing:3
    agent trainee queues=billing skills=billing:1
    novice ready
    trainee ready
    call c1 arrives billing
    expect no offer
    at 29
    expect no offer
    at 30
    expect offer c1 novice
    novice rejects c1
    expect no offer
    novice notready
    at 59
    expect no offer
    at 60
    expect offer c1 trainee
  )");
}

TEST(Routing, CallerSkillsAddToTheQueueRequirement) {
  Play(R"(
    queue sales
    agent anna queues=sales skills=ru:5
    agent boris queues=sales skills=ru:5,en:6
    anna ready
    at 1
    boris ready
    call c1 arrives sales skills=en:5
    expect offer c1 boris
  )");
}

TEST(Routing, VipCallerIsServedBeforeEarlierCallers) {
  Play(R"(
    queue sales
    agent anna queues=sales
    call c1 arrives sales
    at 5
    call vip arrives sales priority=10
    at 6
    call c2 arrives sales
    expect waiting sales vip c1 c2
    anna ready
    expect offer vip anna
  )");
}

TEST(Routing, LowerTierMembersAreOfferedFirst) {
  Play(R"(
    queue sales
    agent backup queues=sales:2
    agent main queues=sales:1
    backup ready
    at 10
    main ready
    call c1 arrives sales
    expect offer c1 main
    call c2 arrives sales
    expect offer c2 backup
  )");
}

TEST(Routing, AgentInSeveralQueuesTakesByPriorityThenArrival) {
  Play(R"(
    queue sales
    queue vipline priority=5
    queue support
    agent anna queues=sales,support,vipline
    call s1 arrives sales
    at 1
    call u1 arrives support
    at 2
    call v1 arrives vipline
    at 3
    call s2 arrives sales priority=7
    anna ready
    expect offer s2 anna
    anna rejects s2
    expect offer v1 anna
    anna rejects v1
    expect offer s1 anna
    anna rejects s1
    expect offer u1 anna
  )");
}

TEST(Routing, ACallerRingingWhileTheQueueChangesComesBackUnderTheNewRequirement) {
  // Found by the random test: only waiting callers got the new requirement,
  // so a caller whose offer rang during the change came back with the old one
  // and a ready agent idled beside them.
  Play(R"(
    queue billing skills=billing:5 ring=10
    agent expert queues=billing skills=billing:9
    agent novice queues=billing
    expert ready
    novice ready
    call c1 arrives billing
    expect offer c1 expert
    queue billing skills=
    expert rejects c1
    expect offer c1 novice
  )");
}

TEST(Routing, ChangingRelaxationsCountsAgainWhichOnesAWaitingCallerHasReached) {
  // Found by the random test: the caller kept the number of relaxations it
  // had passed, which could point past the end of the new list.
  Play(R"(
    queue billing skills=billing:6 relax=10:3,20:1
    agent trainee queues=billing skills=billing:1
    trainee login
    call c1 arrives billing
    at 20
    queue billing relax=
    trainee ready
    expect no offer
    queue billing relax=30:1
    at 29
    expect no offer
    at 30
    expect offer c1 trainee
  )");
}

}  // namespace
}  // namespace cc::acd
