// In-call operations and queue limits, written as scenarios
// (docs/scenarios.md): transfers, consults, overflow, announcements,
// callbacks and outbound calls.
#include <gtest/gtest.h>

#include "acd/testing/play.h"

namespace cc::acd {
namespace {

TEST(Transfers, TransferToQueueKeepsTheOriginalArrivalTime) {
  Play(R"(
    queue sales wrapup=10
    queue support
    agent anna queues=sales
    agent sam queues=support
    call early arrives sales
    at 50
    call late arrives support
    at 60
    anna ready
    anna answers early
    at 70
    transfer early to queue support
    expect event call.transferred call=early from=anna kind=queue to=support
    expect state anna wrap-up
    expect waiting support early late
    sam ready
    expect offer early sam
  )");
}

TEST(Transfers, TransferToAgentWhoDoesNotAnswerGoesBackToTheHeadOfTheQueue) {
  Play(R"(
    queue sales wrapup=0 ring=10
    agent anna queues=sales
    agent boris
    call c0 arrives sales
    at 5
    call c1 arrives sales
    at 6
    anna ready
    anna answers c0
    transfer c0 to agent boris
    expect error not ready
    boris ready
    transfer c0 to agent boris
    expect offer c0 boris
    expect offer c1 anna
    anna answers c1
    at 16
    expect event offer.ended call=c0 agent=boris how=expired
    expect waiting sales c0
  )");
}

TEST(Transfers, TeamLeadTransferAndOverflowUseTheTeamLeadGroup) {
  Play(R"(
    queue leads
    queue sales maxwait=60 overflow=leads
    agent lena queues=leads
    agent anna queues=sales teamlead=leads
    lena ready
    call angry arrives sales
    at 60
    expect event call.overflowed call=angry from=sales to=leads reason=max-wait
    expect offer angry lena
    lena answers angry
    anna ready
    call c2 arrives sales
    anna answers c2
    transfer c2 to teamlead
    expect event call.transferred call=c2 kind=team-lead to=leads
    expect waiting leads c2
  )");
}

TEST(Transfers, ExternalTransferForEmergencies) {
  Play(R"(
    queue sales wrapup=30
    agent anna queues=sales
    anna ready
    call c1 arrives sales
    anna answers c1
    transfer c1 to number 112
    expect command transfer-out c1 112
    expect outcome c1 transferred-out
    expect state anna wrap-up
  )");
}

TEST(Transfers, RequeueAtHeadPutsTheCallerBeforeEveryoneAndNotBackToTheSameAgent) {
  Play(R"(
    queue sales wrapup=0
    agent anna queues=sales
    agent boris queues=sales
    anna ready
    call c1 arrives sales
    anna answers c1
    call c2 arrives sales priority=9
    requeue c1
    expect event call.requeued call=c1 queue=sales agent=anna
    expect waiting sales c1
    expect offer c2 anna
    boris ready
    expect offer c1 boris
  )");
}

TEST(Consults, ConsultThenTransferToTheSupervisor) {
  Play(R"(
    queue sales wrapup=5
    agent anna queues=sales
    agent sup
    anna ready
    sup ready
    call c1 arrives sales
    anna answers c1
    at 10
    consult c1 with agent sup
    expect command hold c1
    expect offer c1 sup
    expect call c1 consulting
    sup answers c1
    at 20
    complete c1 transfer
    expect command bridge c1 sup
    expect call c1 talking agent=sup
    expect state anna wrap-up
    expect event agent.left_call call=c1 agent=anna talk=10s hold=10s
    at 80
    c1 hangs-up
    expect state sup wrap-up
  )");
}

TEST(Consults, ReturningFromAConsultKeepsTheConsultedAgentsIdleRank) {
  // The classic bug: an attended transfer or consult resetting the idle time.
  Play(R"(
    queue sales wrapup=0
    agent anna queues=sales
    agent boris queues=sales
    agent vera queues=sales
    boris ready
    at 10
    vera ready
    at 20
    anna ready
    call c1 arrives sales
    expect offer c1 boris
    boris answers c1
    consult c1 with agent vera
    vera answers c1
    at 30
    complete c1 return
    expect command resume c1 boris
    expect state vera ready
    call c2 arrives sales
    expect offer c2 vera
  )");
}

TEST(Consults, ConferenceThenTheFirstAgentLeaves) {
  Play(R"(
    queue sales wrapup=0
    agent anna queues=sales
    agent spec
    anna ready
    spec ready
    call c1 arrives sales
    anna answers c1
    consult c1 with agent spec
    complete c1 transfer
    expect error not answered
    spec answers c1
    complete c1 conference
    expect command conference c1
    expect call c1 conference
    anna hangs-up c1
    expect command disconnect-agent anna c1
    expect command bridge c1 with spec
    expect event call.transferred call=c1 from=anna kind=consult to=spec
    expect call c1 talking agent=spec
    expect state anna ready
  )");
}

TEST(Consults, TheConsultedColleagueLeavesAConferenceAndTheAgentTalksOn) {
  Play(R"(
    queue sales wrapup=0
    agent anna queues=sales
    agent spec
    anna ready
    spec ready
    call c1 arrives sales
    anna answers c1
    consult c1 with agent spec
    spec answers c1
    complete c1 conference
    spec hangs-up c1
    expect command drop-consult c1 for anna
    expect command resume c1 with anna
    expect event consult.ended call=c1 agent=anna outcome=return
    expect call c1 talking agent=anna
    expect state spec ready
    expect state anna on-call
    c1 hangs-up
    expect outcome c1 completed
  )");
}

TEST(Consults, AnOutsideNumberLeavesAConferenceByAReturn) {
  // The agent lets the third party go (the desk's "return"), or the number hung up.
  Play(R"(
    queue sales
    agent anna queues=sales
    anna ready
    call c1 arrives sales
    anna answers c1
    consult c1 with number +74950000001
    consult c1 answered
    complete c1 conference
    expect call c1 conference
    complete c1 return
    expect command drop-consult c1 for anna
    expect command resume c1 with anna
    expect call c1 talking agent=anna
    complete c1 return
    expect error no consult
  )");
}

TEST(Consults, ExternalConsultThen112) {
  // S-15: consult the supervisor, then hand the caller to emergency services.
  Play(R"(
    queue sales
    agent anna queues=sales
    anna ready
    call c1 arrives sales
    anna answers c1
    consult c1 with number +74950000001
    expect command dial-consult c1 anna +74950000001
    consult c1 failed
    expect event consult.ended call=c1 failed
    expect call c1 on-hold
    consult c1 with number 112
    consult c1 answered
    complete c1 transfer
    expect command transfer-out c1 112
    expect outcome c1 transferred-out
  )");
}

TEST(Consults, UnansweredConsultFreesTheConsultedAgent) {
  Play(R"(
    queue sales ring=10
    agent anna queues=sales
    agent sup
    anna ready
    sup ready
    call c1 arrives sales
    anna answers c1
    consult c1 with agent sup
    at 10
    expect event offer.ended call=c1 agent=sup how=expired
    expect state sup ready
    expect call c1 on-hold
    resume c1
    expect state anna on-call
  )");
}

TEST(Overflow, MaxWaitOverflowsToAnotherQueue) {
  Play(R"(
    queue backup
    queue sales maxwait=45 overflow=backup
    call c1 arrives sales
    at 44
    expect no event call.overflowed
    at 45
    expect event call.overflowed call=c1 from=sales to=backup reason=max-wait wait=45s
    expect command move-to-queue c1 sales backup
    expect waiting backup c1
  )");
}

TEST(Overflow, FullQueueOverflowsOrRejects) {
  Play(R"(
    queue backup
    queue small max=1 overflow=backup
    queue tiny max=1
    call c1 arrives small
    call c2 arrives small
    expect event call.overflowed call=c2 reason=queue-full
    expect waiting backup c2
    call t1 arrives tiny
    call t2 arrives tiny
    expect event call.rejected call=t2
    expect command hang-up t2 queue-full
    expect outcome t2 rejected
  )");
}

TEST(Overflow, NoAgentsLoggedInAnnouncesAndOverflowsOrOffersCallback) {
  Play(R"(
    queue leads
    queue night noagents=overflow overflow=leads
    queue day noagents=callback
    call n1 arrives night
    expect command announce n1 no-agents
    expect event call.overflowed call=n1 reason=no-agents
    call d1 arrives day
    expect command offer-callback d1
    d1 wants-callback +74951112233
    expect command hang-up d1 callback-requested
  )");
}

TEST(Overflow, MaxWaitCanOfferACallbackOnce) {
  Play(R"(
    queue sales maxwait=60 overflow=callback
    call c1 arrives sales
    at 60
    expect command offer-callback c1
    at 200
    expect no command offer-callback
  )");
}

TEST(Announcements, PositionAndExpectedWaitEveryInterval) {
  Play(R"(
    queue sales announce=30
    agent anna queues=sales
    anna login
    call c1 arrives sales
    call c2 arrives sales
    at 30
    expect command announce c2 position position=2 expected-wait=360s
    expect command announce c1 position position=1 expected-wait=180s
    at 59
    expect no command announce
    at 60
    expect command announce c1 position
  )");
}

TEST(Callbacks, WaitingCallerKeepsTheirPlaceAsACallback) {
  Play(R"(
    queue sales wrapup=0
    agent anna queues=sales
    call c1 arrives sales
    at 1
    call c2 arrives sales
    at 20
    c1 wants-callback +74951112233
    expect event callback.chosen call=c1 wait=20s
    expect waiting sales c1 c2
    anna ready
    expect offer c1 anna callback
    anna answers c1
    expect command originate c1 anna +74951112233
    expect call c1 dialing
    c1 answered
    expect event call.connected call=c1 kind=callback
    anna hangs-up c1
    expect offer c2 anna
  )");
}

TEST(Callbacks, WithheldNumberCannotBeCalledBack) {
  Play(R"(
    queue sales
    call c1 arrives sales withheld
    c1 wants-callback
    expect error withheld
    expect waiting sales c1
  )");
}

TEST(Callbacks, ScheduledCallbackEntersTheQueueWhenDue) {
  Play(R"(
    queue sales
    agent anna queues=sales
    anna ready
    schedule callback cb1 in sales at 3600 number=+74951112233
    expect call cb1 scheduled
    at 3599
    expect no offer
    at 3600
    expect offer cb1 anna
    anna answers cb1
    cb1 unanswered
    expect outcome cb1 callback-failed
    expect state anna ready
  )");
}

TEST(Callbacks, CancelledCallbackNeverRings) {
  Play(R"(
    queue sales
    schedule callback cb1 in sales at 60 number=+7495
    cancel cb1
    expect outcome cb1 callback-cancelled
    at 120
    expect no event
  )");
}

TEST(Outbound, OriginateForAnAgentAndForAQueue) {
  Play(R"(
    queue survey
    agent anna queues=survey
    originate o1 in survey number=+7495 agent=anna
    expect error not ready
    anna ready
    originate o1 in survey number=+7495 agent=anna
    expect command originate o1 anna +7495
    expect state anna on-call
    o1 answered
    anna hangs-up o1
    anna notready
    originate o2 in survey number=+7496
    expect waiting survey o2
    anna ready
    expect offer o2 anna outbound
  )");
}

TEST(Consults, ConsultedAgentLeavingWhileTheConsultRingsEndsOnlyTheConsult) {
  // Found by the random test: the consult offer was ended as if it were the
  // caller's own offer, sending the caller back to the queue while anna still
  // held the call.
  Play(R"(
    queue sales
    agent anna queues=sales
    agent sup
    anna ready
    sup ready
    call c1 arrives sales
    anna answers c1
    consult c1 with agent sup
    expect offer c1 sup consult
    sup notready lunch
    expect command cancel-offer c1 sup
    expect event consult.ended call=c1 failed
    expect no event call.queued
    expect state sup not-ready lunch
    expect call c1 on-hold agent=anna
    expect state anna on-hold
    expect waiting sales
    sup ready
    consult c1 with agent sup
    expect offer c1 sup consult
    supervisor sets sup logout
    expect event agent.state_changed agent=sup reserved -> logged-out forced
    expect event consult.ended call=c1 failed
    expect call c1 on-hold agent=anna
    resume c1
    expect state anna on-call
  )");
}

}  // namespace
}  // namespace cc::acd
