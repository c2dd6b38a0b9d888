// The CRM over real HTTP with the demo company: an order from the operator's
// form to the manager's inbox (and their WebSocket), what each role may and
// may not do with orders, prices and other tenants' data, cases, and the
// erasure of a person's data.
#include "core/time.h"
#include "crm/pricing.h"
#include "tests/api/api_fixture.h"

namespace cc::testing {
namespace {

using nlohmann::json;

class CrmApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    auto admin = As("admin");
    for (const auto& t : admin->Get("/api/tenants").Json()) {
      if (t.value("name", "") == app::kDemoCompany) tenant_ = t.value("id", 0ull);
    }
    ASSERT_NE(tenant_, 0u);
  }

  static std::string Tomorrow() {
    return crm::FormatDate(
        std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now() + std::chrono::hours(48)));
  }

  json OrderBody(std::uint64_t customer, bool confirm, bool may_accept = true) const {
    return {{"tenant_id", tenant_},
            {"customer_id", customer},
            {"lines", {{{"product_id", 1}, {"quantity", 2}}, {{"product_id", 40}, {"quantity", 1}}}},
            {"delivery",
             {{"address", "Москва, ул. Лесная, д. 5"},
              {"region", "Москва"},
              {"date", Tomorrow()},
              {"window_from", "10:00"},
              {"window_to", "14:00"}}},
            {"receivers", {{{"name", "Мария"}, {"may_accept", may_accept}, {"may_pay", true}}}},
            {"payment_on_delivery", true},
            {"confirm", confirm}};
  }

  std::unique_ptr<http::testing::WsTestClient> Connect(ApiSession& s) {
    http::Headers extra;
    extra.Set("Cookie", s.CookieHeader());
    auto ws = http::testing::WsTestClient::Connect("127.0.0.1", port_, "/ws", extra);
    EXPECT_TRUE(ws.has_value()) << (ws ? "" : ws.error().message);
    return ws ? std::move(*ws) : nullptr;
  }

  std::uint64_t tenant_ = 0;
};

TEST_F(CrmApiTest, ConfirmedOrderReachesItsManagerWhoAloneMayWorkIt) {
  auto op = As("op01");
  // The operator finds the caller by number and prices the order first.
  auto lookup = op->Get("/api/customers/lookup?number=8%20915%20100-00-00").Json();
  ASSERT_EQ(lookup["matches"].size(), 1u) << lookup.dump();
  const auto customer = lookup["matches"][0].value("id", 0ull);
  auto quote = op->Post("/api/quotes", {{"tenant_id", tenant_}, {"customer_id", customer},
                                        {"lines", {{{"product_id", 1}, {"quantity", 2}}}}});
  ASSERT_EQ(quote.status, 200) << quote.body;
  EXPECT_GT(quote.Json().value("total", 0), 0);

  // All three managers listen; only the one who gets the order hears of it.
  std::map<std::string, std::unique_ptr<ApiSession>> managers;
  std::map<std::string, std::unique_ptr<http::testing::WsTestClient>> sockets;
  for (const char* login : {"manager", "manager2", "manager3"}) {
    managers[login] = As(login);
    sockets[login] = Connect(*managers[login]);
    ASSERT_TRUE(sockets[login]);
  }
  auto created = op->Post("/api/orders", OrderBody(customer, true));
  ASSERT_EQ(created.status, 201) << created.body;
  const json order = created.Json();
  EXPECT_EQ(order["status"], "assigned");
  const auto order_id = order.value("id", 0ull);
  const auto manager_id = order.value("manager_id", 0ull);
  ASSERT_NE(manager_id, 0u);
  EXPECT_EQ(order["amount_due"], order["total"]);
  // Names come with the ids, so screens need not read users or customers.
  EXPECT_EQ(order["customer_name"], lookup["matches"][0]["name"]);
  EXPECT_EQ(order["created_by_name"], op->Get("/api/me").Json()["name"]);
  EXPECT_FALSE(order.value("manager_name", "").empty());
  EXPECT_EQ(order["history"][0]["by_name"], order["created_by_name"]);
  auto op_socket = Connect(*op);
  ASSERT_TRUE(op_socket);

  std::string mine;
  for (auto& [login, session] : managers) {
    if (session->Get("/api/me").Json().value("id", 0ull) == manager_id) mine = login;
  }
  ASSERT_FALSE(mine.empty());
  bool heard = false;
  for (int i = 0; i < 30 && !heard; ++i) {
    auto text = sockets[mine]->Read(std::chrono::milliseconds(100));
    if (!text) continue;
    auto m = json::parse(*text, nullptr, false);
    heard = m.is_object() && m["type"] == "order.assigned" && m["order"]["id"] == order_id;
  }
  EXPECT_TRUE(heard) << "the assigned manager got no order.assigned message";

  for (auto& [login, session] : managers) {
    const bool owner = login == mine;
    const auto inbox = session->Get("/api/orders").Json();
    bool listed = false;
    for (const auto& o : inbox) listed = listed || o.value("id", 0ull) == order_id;
    EXPECT_EQ(listed, owner) << login;
    EXPECT_EQ(session->Get("/api/orders/" + std::to_string(order_id)).status, owner ? 200 : 403) << login;
    if (!owner) {
      auto moved = session->Post("/api/orders/" + std::to_string(order_id) + "/status",
                                 {{"status", "in_fulfilment"}, {"comment", "собираем"}});
      EXPECT_EQ(moved.status, 403) << login << ": " << moved.body;
    }
  }
  auto moved = managers[mine]->Post("/api/orders/" + std::to_string(order_id) + "/status",
                                    {{"status", "in_fulfilment"}, {"comment", "собираем"}});
  EXPECT_EQ(moved.status, 200) << moved.body;
  // The operator who took it hears of the move at once.
  bool told = false;
  for (int i = 0; i < 30 && !told; ++i) {
    auto text = op_socket->Read(std::chrono::milliseconds(100));
    if (!text) continue;
    auto m = json::parse(*text, nullptr, false);
    told = m.is_object() && m["type"] == "order.status" && m["order"]["id"] == order_id &&
           m["order"]["status"] == "in_fulfilment";
  }
  EXPECT_TRUE(told) << "the operator got no order.status message";
  // The operator and the customer's timeline see where it stands.
  EXPECT_EQ(op->Get("/api/orders/" + std::to_string(order_id)).Json()["status"], "in_fulfilment");
  bool on_timeline = false;
  for (const auto& item : op->Get("/api/customers/" + std::to_string(customer) + "/timeline").Json()) {
    if (item["kind"] == "order" && item["order"]["id"] == order_id) {
      on_timeline = item["order"]["status"] == "in_fulfilment";
    }
  }
  EXPECT_TRUE(on_timeline);
}

TEST_F(CrmApiTest, AnOrderThatBreaksTheRulesStaysADraftAndSaysWhy) {
  auto op = As("op02");
  auto refused = op->Post("/api/orders", OrderBody(5, true, /*may_accept=*/false));
  EXPECT_EQ(refused.status, 400) << refused.body;
  const json problem = refused.Json();
  EXPECT_NE(problem.value("detail", "").find("nobody among the receivers may accept"), std::string::npos)
      << refused.body;
  const auto draft = problem.value("draft_order_id", 0ull);
  ASSERT_NE(draft, 0u);
  EXPECT_EQ(op->Get("/api/orders/" + std::to_string(draft)).Json()["status"], "draft");
  json zero = OrderBody(5, false);
  zero["lines"][0]["quantity"] = 0;
  auto bad_line = op->Post("/api/orders", zero);
  EXPECT_EQ(bad_line.status, 400);
  EXPECT_NE(bad_line.Json().value("detail", "").find("line 1"), std::string::npos) << bad_line.body;
}

TEST_F(CrmApiTest, OperatorsCannotChangePricesNorTouchAnotherTenant) {
  auto op = As("op03");
  EXPECT_EQ(op->Post("/api/catalogue/price-lists",
                     {{"tenant_id", tenant_}, {"name", "Мой прайс"}, {"valid_from", "2026-01-01"},
                      {"prices", {{{"product_id", 1}, {"price", 1}}}}})
                .status,
            403);
  EXPECT_EQ(op->Send("PUT", "/api/catalogue/products/1", {{"sku", "TEA-101"}, {"name", "Дёшево"}}).status, 403);
  EXPECT_EQ(op->Post("/api/catalogue/discounts", {{"tenant_id", tenant_}, {"name", "себе"}}).status, 403);

  auto admin = As("admin");
  auto gamma = admin->Post("/api/tenants", {{"name", "ООО «Гамма»"}});
  ASSERT_EQ(gamma.status, 201) << gamma.body;
  const auto gamma_id = gamma.Json().value("id", 0ull);
  auto theirs = admin->Post("/api/customers", {{"tenant_id", gamma_id}, {"name", "Клиент Гаммы"},
                                               {"phones", {"+79990000001"}}});
  ASSERT_EQ(theirs.status, 201) << theirs.body;
  const auto their_id = theirs.Json().value("id", 0ull);
  EXPECT_EQ(op->Get("/api/customers/" + std::to_string(their_id)).status, 404);
  EXPECT_EQ(op->Send("PUT", "/api/customers/" + std::to_string(their_id), {{"name", "x"}}).status, 404);
  EXPECT_TRUE(op->Get("/api/customers/lookup?number=%2B79990000001").Json()["matches"].empty());
  EXPECT_EQ(op->Post("/api/customers", {{"tenant_id", gamma_id}, {"name", "Чужой"}}).status, 403);
  json order = OrderBody(their_id, false);
  order["tenant_id"] = gamma_id;
  EXPECT_EQ(op->Post("/api/orders", order).status, 403);
}

TEST_F(CrmApiTest, QaReadsOrdersButCannotCreateThem) {
  auto qa = As("qa");
  EXPECT_EQ(qa->Post("/api/orders", OrderBody(7, false)).status, 403);
  EXPECT_EQ(qa->Get("/api/orders").status, 200);
  EXPECT_EQ(qa->Get("/api/orders?status=delivered").status, 200);
  EXPECT_EQ(qa->Get("/api/orders?status=shipped").status, 400);
}

TEST_F(CrmApiTest, CasesAreRoutedAndWorkedWithComments) {
  auto op = As("op04");
  auto opened = op->Post("/api/cases", {{"tenant_id", tenant_},
                                        {"kind", "complaint"},
                                        {"category", "courier"},
                                        {"customer_id", 11},
                                        {"call_id", 123},
                                        {"summary", "Курьер нагрубил"},
                                        {"details", "Доставка вчера в 15:40, клиент ждёт звонка"}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  const json c = opened.Json();
  EXPECT_EQ(c["status"], "open");
  EXPECT_NE(c.value("department_id", 0ull), 0u);
  EXPECT_FALSE(c.value("department_name", "").empty());  // QA and operators may not list departments
  EXPECT_EQ(c["created_by_name"], op->Get("/api/me").Json()["name"]);
  const std::string path = "/api/cases/" + std::to_string(c.value("id", 0ull));
  EXPECT_EQ(op->Post(path + "/status", {{"status", "resolved"}, {"comment", "x"}}).status, 403);
  auto qa = As("qa");
  EXPECT_EQ(qa->Post(path + "/status", {{"status", "resolved"}}).status, 400);
  EXPECT_EQ(qa->Post(path + "/status", {{"status", "resolved"}, {"comment", "извинились"}}).status, 200);
  EXPECT_EQ(qa->Post(path + "/status", {{"status", "open"}}).status, 409);
  auto unknown = op->Post("/api/cases", {{"tenant_id", tenant_}, {"kind", "complaint"}, {"category", "weather"},
                                         {"summary", "?"}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("courier"), std::string::npos) << unknown.body;
}

TEST_F(CrmApiTest, ErasureRemovesThePersonAndIsAudited) {
  auto admin = As("admin");
  auto exported = admin->Get("/api/customers/21/export");
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_FALSE(exported.Json()["customer"]["phones"].empty());
  EXPECT_EQ(admin->Post("/api/customers/21/erase", json::object()).status, 400);  // a reason is required
  EXPECT_EQ(admin->Post("/api/customers/21/erase", {{"reason", "request of 27.11 by phone"}}).status, 204);
  EXPECT_EQ(admin->Get("/api/customers/21").status, 404);
  auto audit = admin->Get("/api/audit?limit=50").Json();
  bool recorded = false;
  for (const auto& a : audit) recorded = recorded || a.value("action", "") == "customer.erase";
  EXPECT_TRUE(recorded) << audit.dump().substr(0, 500);
  auto op = As("op05");
  EXPECT_EQ(op->Get("/api/customers/21/export").status, 403);
}

TEST_F(CrmApiTest, CsvImportIsAllOrNothingWithAReport) {
  auto admin = As("admin");
  const std::string tenant = std::to_string(tenant_);
  auto post_csv = [&](const std::string& path, const std::string& csv) {
    http::Headers h;
    h.Set("X-CSRF-Token", admin->csrf());
    h.Set("Content-Type", "text/csv");
    auto r = admin->client().Send("POST", path, csv, h);
    EXPECT_TRUE(r.has_value());
    return r ? *r : http::testing::ClientResponse{};
  };
  auto bad = post_csv("/api/import/customers?tenant_id=" + tenant,
                      "name,phones\nНовый Клиент,+79260000001\nБез Телефона,12\n");
  EXPECT_EQ(bad.status, 400) << bad.body;
  ASSERT_EQ(bad.Json()["rejected"].size(), 1u) << bad.body;
  EXPECT_EQ(bad.Json()["rejected"][0]["line"], 3);
  EXPECT_TRUE(admin->Get("/api/customers/lookup?number=%2B79260000001").Json()["matches"].empty());
  auto good = post_csv("/api/import/customers?tenant_id=" + tenant,
                       "name,phones\nНовый Клиент,+79260000001\nЕщё Клиент,+79260000002\n");
  EXPECT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(good.Json()["imported"], 2);
  EXPECT_EQ(admin->Get("/api/customers/lookup?number=%2B79260000002").Json()["matches"].size(), 1u);
  auto csv = admin->Get("/api/export/products?tenant_id=" + tenant);
  EXPECT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("TEA-101"), std::string::npos);
  auto op = As("op06");
  EXPECT_EQ(op->Get("/api/export/customers?tenant_id=" + tenant).status, 403);
}

}  // namespace
}  // namespace cc::testing
