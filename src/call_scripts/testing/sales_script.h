// A small inbound sales script (in Russian) for tests: greeting, identify the
// caller, the need, consultation, the order, read-back, farewell.
// Thread-safety: pure functions.
#pragma once

#include <string_view>

namespace cc::call_scripts::testing {

inline constexpr std::string_view kSalesScriptJson = R"json({
  "id": 7,
  "tenant_id": 1,
  "name": "Входящие продажи",
  "version": 3,
  "language": "ru",
  "start": "greet",
  "steps": {
    "greet": {"kind": "say", "next": "identify",
              "text": "Добрый день! {company}, меня зовут {operator_name}."},
    "identify": {"kind": "collect", "label": "Как я могу к вам обращаться?",
                 "target": "call", "field": "caller_name", "next": "need"},
    "need": {"kind": "ask", "text": "{caller_name}, чем я могу помочь?",
             "options": [{"label": "Хочет сделать заказ", "next": "consult"},
                         {"label": "Вопрос по доставке", "next": "to_delivery"},
                         {"label": "Жалоба", "next": "complaint"}]},
    "consult": {"kind": "say", "next": "decide",
                "text": "На {product_line} сейчас скидка десять процентов до конца месяца."},
    "decide": {"kind": "ask", "text": "Оформим заказ?",
               "options": [{"label": "Да", "next": "order"},
                           {"label": "Подумает", "next": "farewell"}]},
    "order": {"kind": "action", "action": "create_order", "next": "window"},
    "window": {"kind": "collect", "label": "Удобное время доставки",
               "target": "order", "field": "delivery_window", "next": "read_back"},
    "read_back": {"kind": "ask",
                  "text": "Проверим: {order.items}, доставка {order.delivery_window}, сумма {order.total}. Всё верно?",
                  "options": [{"label": "Всё верно", "next": "farewell"},
                              {"label": "Исправить", "next": "fix"}]},
    "fix": {"kind": "jump", "to": "window"},
    "farewell": {"kind": "say", "next": "end",
                 "text": "Спасибо за звонок, {caller_name}! Хорошего дня."},
    "end": {"kind": "action", "action": "end_call", "outcome": "sale"},
    "to_delivery": {"kind": "action", "action": "transfer", "to": "queue", "id": "delivery"},
    "complaint": {"kind": "action", "action": "open_case", "category": "quality", "next": "farewell"}
  }
})json";

}  // namespace cc::call_scripts::testing
