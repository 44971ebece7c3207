package com.vocelio.call;

import com.vocelio.launcher.PayaraMicroProcess;
import com.vocelio.testing.Routing;
import com.vocelio.testing.TestServer;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * The one node of the application with Twilio credentials, and the one fake Twilio it talks to, for every Twilio IT
 * of the suite: a Payara node costs ~25 s to start, so the first test that asks starts both and they serve the rest
 * of the run (the node is stopped by {@link TestServer}'s exit hook, the fake by ours). Tests share them, so each test
 * works in an organization of its own and reads the fake's requests by its own call sids and numbers.
 */
final class TwilioNode {

    /** What Twilio believes our address is (configured with a trailing slash, which the application drops). */
    static final String PUBLIC_URL = "http://voice.example.test";

    /**
     * How long a live Twilio call's record may go unheard of before a status read asks Twilio: short here, so a test
     * can wait it out; tests that must not see a fetch read within it.
     */
    static final String STATUS_STALE_AFTER = "PT2S";

    /** The TwiML App the AI's conference leg dials (Twilio would fetch its Voice URL, our ai-leg webhook). */
    static final String AI_APP_SID = "AP" + "fedcba9876543210".repeat(2);

    /** The AI's hand-off line, naming the agent and department being bridged. */
    static final String AI_LEG_LINE = "One moment please, {agent} from {department} is joining us.";

    /**
     * How long a warm transfer's AI leg may take to say its line before it is hung up anyway: longer than the test
     * line takes to be spoken and played, so a test can tell the mark's echo from the timeout.
     */
    static final String AI_LEG_LEAVE_TIMEOUT = "PT8S";

    /**
     * How long after an answered agent's briefing the AI is cued without Twilio's conference-start: long enough that
     * the tests posting that callback get there first.
     */
    static final String AI_LEG_CUE_TIMEOUT = "PT4S";

    private static TwilioNode instance;
    private static PayaraMicroProcess second;
    private static IllegalStateException startFailure;

    final FakeTwilio twilio;
    final PayaraMicroProcess node;

    private TwilioNode(FakeTwilio twilio, PayaraMicroProcess node) {
        this.twilio = twilio;
        this.node = node;
    }

    /** Starts once; a failed start fails every later Twilio test at once instead of starting again for each. */
    static synchronized TwilioNode get() {
        if (startFailure != null) {
            throw startFailure;
        }
        if (instance == null) {
            FakeTwilio twilio = null;
            try {
                twilio = new FakeTwilio();
                var node = TestServer.get().startAnotherNode(freePort(), "twilio-node", settings(twilio));
                twilio.playsCallbacksTo(node.baseUri(), PUBLIC_URL);
                instance = new TwilioNode(twilio, node);
                Runtime.getRuntime().addShutdownHook(new Thread(instance.twilio::close));
            } catch (Exception e) {
                if (twilio != null) {
                    twilio.close();
                }
                startFailure = new IllegalStateException("Cannot start the Twilio node: " + e.getMessage(), e);
                throw startFailure;
            }
        }
        return instance;
    }

    /**
     * Another node with the same account and fake, started the first time a test asks (for what must work whichever
     * node Twilio's requests and streams reach): Twilio's callbacks still go to the first node unless a test posts
     * them here itself.
     */
    static synchronized PayaraMicroProcess secondNode() throws Exception {
        if (second == null || !second.isAlive()) {
            second = TestServer.get().startAnotherNode(freePort(), "twilio-node-b", settings(get().twilio));
        }
        return second;
    }

    private static Map<String, String> settings(FakeTwilio twilio) {
        return Map.of(
                "TWILIO_ACCOUNT_SID",
                FakeTwilio.ACCOUNT_SID,
                "TWILIO_AUTH_TOKEN",
                FakeTwilio.AUTH_TOKEN,
                "VOCELIO_TWILIO_API_BASE",
                twilio.base(),
                "VOCELIO_PUBLIC_URL",
                PUBLIC_URL + "/",
                "VOCELIO_TELEPHONY_TWILIO_STATUS_STALE_AFTER",
                STATUS_STALE_AFTER,
                "VOCELIO_TWILIO_AI_APP_SID",
                AI_APP_SID,
                "VOCELIO_TELEPHONY_AI_LEG_LINE",
                AI_LEG_LINE,
                "VOCELIO_TELEPHONY_AI_LEG_LEAVE_TIMEOUT",
                AI_LEG_LEAVE_TIMEOUT,
                "VOCELIO_TELEPHONY_AI_LEG_CUE_TIMEOUT",
                AI_LEG_CUE_TIMEOUT);
    }

    URI baseUri() {
        return node.baseUri();
    }

    /** The organization's admin, talking to this node. */
    RequestSpecification as(Routing routing) {
        return routing.admin().baseUri(node.baseUri().toString());
    }

    /** Twilio's POST to {@code path} (which may carry a query), signed for our public URL as Twilio signs it. */
    HttpResponse<String> signed(String path, Map<String, String> form) {
        var signed = new HashMap<>(form);
        signed.put("AccountSid", FakeTwilio.ACCOUNT_SID);
        return FakeTwilio.callback(node.baseUri(), path, PUBLIC_URL + "/" + path, signed, null);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
