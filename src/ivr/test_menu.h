// A menu for the IVR tests: "main" (1 orders -> queue 2, 2 -> "delivery",
// 0 operator), "delivery" (1 status -> queue 3, 2 callback in queue 3,
// 9 back to main), operator queue 1, open Monday to Friday 09:00-18:00 and
// closed on 2027-01-01; out of hours a message.
#pragma once

#include "ivr/menu.h"

namespace cc::ivr::testing {

inline Action To(Action::Kind kind, std::uint32_t queue = 0, std::string node = {}, std::string topic = {}) {
  Action a;
  a.kind = kind;
  a.queue = core::QueueId(queue);
  a.node = std::move(node);
  a.topic = std::move(topic);
  return a;
}

inline Menu ShopMenu() {
  Menu m;
  m.tenant = core::TenantId(1);
  m.name = "Shop";
  m.language = "en";
  m.numbers = {"200", "+74950000200"};
  m.start = "main";
  m.operator_queue = core::QueueId(1);
  Node main;
  main.say = "For orders press 1, for delivery press 2, for the operator press 0.";
  main.keys['1'] = To(Action::Kind::kQueue, 2, {}, "Orders");
  main.keys['2'] = To(Action::Kind::kMenu, 0, "delivery", "Delivery");
  main.keys['0'] = To(Action::Kind::kOperator);
  main.timeout_s = 5;
  main.retries = 1;
  Node delivery;
  delivery.say = "For the status of a delivery press 1, to be called back press 2, to go back press 9.";
  delivery.keys['1'] = To(Action::Kind::kQueue, 3, {}, "Status");
  delivery.keys['2'] = To(Action::Kind::kCallback, 3, {}, "Callback");
  delivery.keys['2'].say = "We will call you back.";
  delivery.keys['9'] = To(Action::Kind::kMenu, 0, "main");
  delivery.fallback = To(Action::Kind::kQueue, 3);
  m.nodes["main"] = main;
  m.nodes["delivery"] = delivery;
  Hours hours;
  for (int day = 0; day < 5; ++day) hours.week[day] = {{9 * 60, 18 * 60}};
  hours.holidays.push_back({std::chrono::year{2027} / 1 / 1, {}});
  hours.time_zone = "Europe/Moscow";
  m.hours = hours;
  Action closed = To(Action::Kind::kMessage);
  closed.say = "We are closed. We work on weekdays from nine to six.";
  m.out_of_hours = closed;
  return m;
}

}  // namespace cc::ivr::testing
