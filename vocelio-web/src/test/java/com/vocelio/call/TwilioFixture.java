package com.vocelio.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vocelio.launcher.PayaraMicroProcess;
import com.vocelio.testing.Database;
import com.vocelio.testing.Routing;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What every Twilio IT stands on ({@code @ExtendWith(TwilioFixture.class)}): the suite's one Twilio node and fake
 * ({@link TwilioNode}, started by the first class that needs them and shared by all), an organization of its own for
 * each test (tests share the node and the fake, so none may see another's calls, numbers or agents; each reads the
 * fake's requests by its own sids and numbers), and the requests they all make: the organization's admin on the
 * node, Twilio's signed webhooks, a number of the organization's, an answered call.
 */
final class TwilioFixture implements BeforeAllCallback, BeforeEachCallback {

    static final String PUBLIC_URL = TwilioNode.PUBLIC_URL;
    static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    /** The current test's organization (the Twilio ITs run one test at a time). */
    private static Routing routing;

    @Override
    public void beforeAll(ExtensionContext context) {
        TwilioNode.get(); // a node that cannot start fails the class before its first test
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        routing = Routing.newOrganization();
    }

    static FakeTwilio twilio() {
        return TwilioNode.get().twilio;
    }

    static PayaraMicroProcess node() {
        return TwilioNode.get().node;
    }

    static Routing routing() {
        return routing;
    }

    /** The test organization's admin, talking to the Twilio node. */
    static RequestSpecification onNode() {
        return routing.admin().baseUri(node().baseUri().toString());
    }

    /** Twilio's POST to {@code path} (which may carry a query) on the Twilio node, signed as Twilio signs it. */
    static HttpResponse<String> post(String path, Map<String, String> form) {
        return post(node().baseUri(), path, form);
    }

    /** The same, to the node at {@code base} (every node checks signatures against the same public URL). */
    static HttpResponse<String> post(URI base, String path, Map<String, String> form) {
        var signed = new HashMap<>(form);
        signed.put("AccountSid", FakeTwilio.ACCOUNT_SID);
        return FakeTwilio.callback(base, path, PUBLIC_URL + "/" + path, signed, null);
    }

    static String randomNumber() {
        return "+1555" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    }

    /** A Twilio sid: {@code prefix} ({@code CA}, {@code CF}, {@code MZ}, …) and 32 hex digits. */
    static String randomSid(String prefix) {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    /** Registers a flow (with {@code extra} in its body) for a fresh number of the organization; the number. */
    static String ourNumber(Map<String, Object> extra) {
        String number = randomNumber();
        var body = new HashMap<String, Object>(
                Map.of("flow_id", "flow-" + number.substring(5), "phone_numbers", List.of(number)));
        body.putAll(extra);
        onNode().body(body)
                .post("/admin/register-flow")
                .then()
                .statusCode(200)
                .body("flows[0].phone_number", org.hamcrest.Matchers.equalTo(number));
        return number;
    }

    /** An outbound call from {@code from} saying "Hello", which Twilio reports answered; its sid. */
    static String answeredCall(String from) {
        String sid = onNode().body(Map.of("to", randomNumber(), "from", from, "message", "Hello"))
                .post("/api/calls/make")
                .then()
                .statusCode(201)
                .extract()
                .path("call_sid");
        assertEquals(
                200,
                post("webhooks/twilio/status", Map.of("CallSid", sid, "CallStatus", "in-progress"))
                        .statusCode());
        return sid;
    }

    /**
     * After a late or repeated report about the first agent's leg: the transfer is the second agent's, as it was; the first agent's miss was counted once, nothing re-queued.
     */
    static void assertStillTheSecondAgents(
            String transferId, String department, String first, String second, String status) {
        var transfer = routing().transfer(transferId);
        assertEquals(status, transfer.getString("status"));
        assertEquals(second, transfer.getString("transfer.agent_id"));
        assertEquals(List.of(), routing().queue(department));
        var secondRow = routing().agentRow(second);
        assertEquals(0, ((Number) secondRow.get("missed_offers")).intValue(), secondRow.toString());
        assertEquals(1, ((Number) secondRow.get("active_calls")).intValue(), secondRow.toString());
        assertEquals(1, ((Number) routing().agentRow(first).get("missed_offers")).intValue());
        assertEquals(
                1,
                Database.number(
                        "select count(*) from events where type = 'transfer_bridge_failed' and payload->>'transfer_id' = ?",
                        transferId));
    }
}
