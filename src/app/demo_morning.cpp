#include "app/demo.h"

namespace cc::app {

// Times are seconds after 08:00 UTC. Lines starting with "##" are narration.
const char* const kMorningScript =
    R"(## The centre opens: three operators, a team lead, three queues.
queue leads sl=30 wrapup=10
queue sales sl=20 wrapup=15 maxwait=90 overflow=leads announce=30
queue support sl=30 wrapup=20 skills=support:5 relax=45:2
agent anna queues=sales,support skills=sales:8,support:4 teamlead=leads
agent boris queues=sales skills=sales:6 teamlead=leads
agent vera queues=support skills=support:7 teamlead=leads
agent lena queues=leads skills=sales:9,support:9
anna login
boris login
vera login
lena ready
at 60
## Operators finish their checks and become ready.
anna ready
boris ready
vera ready
at 120
## First calls: a regular customer for sales, a question for support.
call c1 arrives sales from=+74951230001 topic=order
call c2 arrives support from=+74951230002 topic=delivery
at 124
anna answers c1
vera answers c2
at 150
## Two more sales callers; boris takes one, the other waits.
call c3 arrives sales from=+74951230003
call c4 arrives sales from=+74951230004
boris answers c3
at 190
c2 hangs-up
at 200
## c4 gives up before anyone is free.
c4 hangs-up
at 260
## anna transfers c1 to support to check a delivery slot; vera is free again.
transfer c1 to queue support
expect offer c1 vera
at 265
vera answers c1
at 300
anna notready lunch
at 330
## A VIP customer calls while everyone is busy and asks to be called back.
call c5 arrives sales from=+74951230005 priority=5
at 345
c5 wants-callback
at 390
c3 hangs-up
at 405
## boris's wrap-up ends: the callback reaches him and he dials the customer.
expect offer c5 boris
boris answers c5
at 412
c5 answered
at 500
c1 hangs-up
c5 hangs-up
at 560
## Sales is unattended: a caller waits past the limit and overflows to the team lead.
boris notready break
call c6 arrives sales from=+74951230006
at 650
expect offer c6 lena
at 655
lena answers c6
at 800
c6 hangs-up
at 900
)";

}  // namespace cc::app
