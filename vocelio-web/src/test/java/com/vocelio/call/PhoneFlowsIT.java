package com.vocelio.call;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.vocelio.testing.Routing;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * T6/T7 on the suite's (simulated) server: which flow answers which number. Numbers are stored in E.164, a number
 * is one organization's, the portal's POST and the guide's DELETE both unregister, and a registered number becomes
 * the caller id of the organization's calls.
 */
class PhoneFlowsIT {

    private static final Routing routing = Routing.newOrganization();

    static String typedNumber() {
        int n = ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        return "(555) " + Integer.toString(n).substring(0, 3) + "-"
                + Integer.toString(n).substring(3);
    }

    static String e164(String typed) {
        return "+1" + typed.replaceAll("[^0-9]", "");
    }

    @Test
    void aFlowAnswersTheNumbersItIsRegisteredForAndTheyBecomeCallerIds() {
        String first = typedNumber();
        String second = typedNumber();
        routing.admin()
                .body(Map.of(
                        "flow_id", "flow-1",
                        "phone_numbers", List.of(first, second, first),
                        "webhook_url", "https://flows.example.com/webhook/execute"))
                .post("/admin/register-flow")
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("flows", hasSize(2))
                .body("flows[0].phone_number", equalTo(e164(first)))
                .body("flows[0].flow_id", equalTo("flow-1"));
        // registering again moves the number to the new flow
        routing.admin()
                .body(Map.of("flow_id", "flow-2", "phone_numbers", List.of(e164(first))))
                .post("/admin/register-flow")
                .then()
                .statusCode(200)
                .body("flows[0].flow_id", equalTo("flow-2"))
                .body("flows[0].webhook_url", equalTo(""));
        routing.admin()
                .body(Map.of("to", "+15557654321", "from", first))
                .post("/api/calls/make")
                .then()
                .statusCode(201)
                .body("from", equalTo(e164(first)));

        routing.admin()
                .body(Map.of("phone_number", first))
                .post("/admin/unregister-flow")
                .then()
                .statusCode(200)
                .body("removed", equalTo(1));
        routing.admin()
                .body(Map.of("phone_number", first))
                .post("/admin/unregister-flow")
                .then()
                .statusCode(200)
                .body("removed", equalTo(0));
        routing.admin()
                .queryParam("phone_number", e164(second))
                .delete("/admin/unregister-flow")
                .then()
                .statusCode(200)
                .body("removed", equalTo(1));
    }

    @Test
    void anotherOrganizationsNumberIsNotYours() {
        String number = typedNumber();
        routing.admin()
                .body(Map.of("flow_id", "mine", "phone_numbers", List.of(number)))
                .post("/admin/register-flow")
                .then()
                .statusCode(200);
        var other = Routing.newOrganization();
        other.admin()
                .body(Map.of("flow_id", "theirs", "phone_numbers", List.of(number)))
                .post("/admin/register-flow")
                .then()
                .statusCode(409)
                .body("code", equalTo("number_taken"));
        // nor can they remove it
        other.admin()
                .body(Map.of("phone_number", number))
                .post("/admin/unregister-flow")
                .then()
                .statusCode(200)
                .body("removed", equalTo(0));
        routing.admin()
                .body(Map.of("flow_id", "mine-again", "phone_numbers", List.of(number)))
                .post("/admin/register-flow")
                .then()
                .statusCode(200)
                .body("flows[0].flow_id", equalTo("mine-again"));
    }

    @Test
    void badRegistrationsNameTheField() {
        record Case(Map<String, ?> body, String field) {}
        for (var bad : List.of(
                new Case(Map.of("phone_numbers", List.of(typedNumber())), "flow_id"),
                new Case(Map.of("flow_id", "f"), "phone_numbers"),
                new Case(Map.of("flow_id", "f", "phone_numbers", List.of()), "phone_numbers"),
                new Case(Map.of("flow_id", "f", "phone_numbers", List.of(typedNumber(), "12")), "phone_numbers[1]"),
                new Case(
                        Map.of("flow_id", "f", "phone_numbers", List.of(typedNumber()), "webhook_url", "ftp://x"),
                        "webhook_url"))) {
            routing.admin()
                    .body(bad.body())
                    .post("/admin/register-flow")
                    .then()
                    .statusCode(400)
                    .body("details[0].field", equalTo(bad.field()));
        }
        routing.admin()
                .body(Map.of("phone_number", "nope"))
                .post("/admin/unregister-flow")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("phone_number"));
        routing.admin()
                .body(Map.of())
                .post("/admin/unregister-flow")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("phone_number"));
    }
}
