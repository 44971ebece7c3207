package com.vocelio.call;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.platform.BadInputIT;
import com.vocelio.testing.Routing;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every Twilio webhook believes only Twilio: the list of webhooks is not written here but read from the JAX-RS
 * resources (every {@code POST} under {@code webhooks/twilio}), so a webhook added later is held to the same rules
 * without anyone remembering to. Each must refuse a missing, a wrong and a tampered {@code X-Twilio-Signature} with
 * 403 (before it changes anything), accept Twilio's signature of our configured public URL, and behind a proxy accept
 * the signature of the URL the proxy says Twilio called ({@code X-Forwarded-Proto/Host}) and no other.
 */
class TwilioSignaturesIT {

    private static final String PROXY = "https://proxy.example.org";

    /** Every Twilio webhook's path, from the resource classes' {@code @Path}s. */
    static TreeSet<String> webhooks() {
        var paths = new TreeSet<String>();
        for (Class<?> resource : BadInputIT.resourceClasses()) {
            String base = strip(resource.getAnnotation(Path.class).value());
            for (Method method : resource.getMethods()) {
                String http = BadInputIT.httpMethod(method);
                if (http == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String path = sub == null ? base : base + "/" + strip(sub.value());
                if (path.startsWith("webhooks/twilio")) {
                    assertEquals("POST", http, path + ": Twilio posts its webhooks");
                    paths.add(path);
                }
            }
        }
        return paths;
    }

    private static String strip(String path) {
        return path.replaceAll("^/+|/+$", "");
    }

    @Test
    void theWebhooksAreFoundInTheResources() {
        assertTrue(
                webhooks()
                        .containsAll(java.util.List.of(
                                "webhooks/twilio/voice",
                                "webhooks/twilio/status",
                                "webhooks/twilio/recording",
                                "webhooks/twilio/conference",
                                "webhooks/twilio/conference/over",
                                "webhooks/twilio/bridge",
                                "webhooks/twilio/bridge/answered",
                                "webhooks/twilio/bridge/leg")),
                webhooks().toString());
    }

    @Test
    void everyTwilioWebhookRefusesWhatTwilioDidNotSignForTheUrlItCalled() {
        var twilio = TwilioNode.get();
        var routing = Routing.newOrganization();
        String from = "+1555" + java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        twilio.as(routing)
                .body(Map.of("flow_id", "signed", "phone_numbers", java.util.List.of(from)))
                .post("/admin/register-flow")
                .then()
                .statusCode(200);
        String sid = twilio.as(routing)
                .body(Map.of("to", "+15557654321", "from", from, "message", "Hello"))
                .post("/api/calls/make")
                .then()
                .statusCode(201)
                .extract()
                .path("call_sid");
        // what every webhook is sent: a real call of ours, told to be over (so a webhook that believed it would act)
        var form = Map.of(
                "CallSid",
                sid,
                "CallStatus",
                "completed",
                "DialCallStatus",
                "completed",
                "RecordingSid",
                "RE" + sid.substring(2),
                "RecordingStatus",
                "completed",
                "StatusCallbackEvent",
                "participant-leave",
                "From",
                "+15557654321",
                "To",
                from,
                "AccountSid",
                FakeTwilio.ACCOUNT_SID);
        var base = twilio.baseUri();
        for (String webhook : webhooks()) {
            String path = webhook + "?transfer_id=t-1&call_sid=" + sid; // the bridges' query is signed too
            String url = TwilioNode.PUBLIC_URL + "/" + path;
            refused(webhook, FakeTwilio.callback(base, path, url, form, ""));
            refused(webhook, FakeTwilio.callback(base, path, url, form, "bm90IGEgc2lnbmF0dXJl"));
            refused(webhook, FakeTwilio.callback(base, path, TwilioNode.PUBLIC_URL + "/" + webhook, form, null));
            var tampered = new java.util.HashMap<>(form);
            tampered.put("CallStatus", "failed");
            refused(webhook, FakeTwilio.callback(base, path, null, tampered, FakeTwilio.sign(url, form)));
            // behind a proxy: what the proxy says Twilio called, and nothing else
            refused(
                    webhook,
                    FakeTwilio.callback(
                            base,
                            path,
                            url,
                            form,
                            null,
                            "X-Forwarded-Proto",
                            "https",
                            "X-Forwarded-Host",
                            "proxy.example.org"));
            refused(
                    webhook,
                    FakeTwilio.callback(
                            base,
                            path,
                            PROXY + "/" + path,
                            form,
                            null,
                            "X-Forwarded-Proto",
                            "https",
                            "X-Forwarded-Host",
                            "evil.example.org"));
        }
        // none of it reached the call
        twilio.as(routing)
                .get("/api/calls/" + sid + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("queued"));
        twilio.as(routing).get("/api/calls/" + sid + "/recordings").then().body("total", equalTo(0));

        // the same requests signed as Twilio signs them are believed, directly and through the proxy
        var unknown = new java.util.HashMap<>(form);
        unknown.put("CallSid", "CA" + "9".repeat(32)); // a call nobody has: answered politely, nothing changes
        unknown.put("To", "+15550000009");
        for (String webhook : webhooks()) {
            String path = webhook + "?transfer_id=t-1&call_sid=" + unknown.get("CallSid");
            var direct = FakeTwilio.callback(base, path, TwilioNode.PUBLIC_URL + "/" + path, unknown, null);
            assertEquals(200, direct.statusCode(), webhook + ": " + direct.body());
            var proxied = FakeTwilio.callback(
                    base,
                    path,
                    PROXY + "/" + path,
                    unknown,
                    null,
                    "X-Forwarded-Proto",
                    "https",
                    "X-Forwarded-Host",
                    "proxy.example.org");
            assertEquals(200, proxied.statusCode(), webhook + " behind the proxy: " + proxied.body());
        }
        // and for our call, the status webhook through the proxy moves it
        String status = "webhooks/twilio/status";
        var ringing = Map.of("CallSid", sid, "CallStatus", "ringing", "AccountSid", FakeTwilio.ACCOUNT_SID);
        assertEquals(
                200,
                FakeTwilio.callback(
                                base,
                                status,
                                PROXY + "/" + status,
                                ringing,
                                null,
                                "X-Forwarded-Proto",
                                "https",
                                "X-Forwarded-Host",
                                "proxy.example.org, internal.lb")
                        .statusCode());
        twilio.as(routing).get("/api/calls/" + sid + "/status").then().body("status", equalTo("ringing"));
    }

    private static void refused(String webhook, HttpResponse<String> answer) {
        assertEquals(403, answer.statusCode(), webhook + ": " + answer.body());
        assertTrue(answer.body().contains("invalid_signature"), webhook + ": " + answer.body());
    }
}
