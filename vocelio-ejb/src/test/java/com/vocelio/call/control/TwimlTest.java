package com.vocelio.call.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TwimlTest {

    private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    @Test
    void aDialNamesTheNounOfItsTarget() {
        assertEquals(
                XML + "<Response><Dial>+15553334444</Dial></Response>",
                Twiml.response().dial("+15553334444").toString());
        assertEquals(
                XML + "<Response><Dial><Sip>sip:ann@pbx.example.com</Sip></Dial></Response>",
                Twiml.response().dial("sip:ann@pbx.example.com").toString());
        assertEquals(
                XML + "<Response><Dial><Sip>sips:ann@pbx.example.com</Sip></Dial></Response>",
                Twiml.response().dial("sips:ann@pbx.example.com").toString());
        assertEquals(
                XML + "<Response><Dial><Client>ann&amp;co</Client></Dial></Response>",
                Twiml.response().dial("client:ann&co").toString());
    }

    @Test
    void aTrackedDialNamesTheNounOfItsTargetWithTheAnsweredUrl() {
        String open = XML + "<Response><Dial timeout=\"20\" action=\"https://x/ended?a=1&amp;b=2\" method=\"POST\">";
        assertEquals(
                open + "<Number url=\"https://x/answered\" method=\"POST\">+15553334444</Number></Dial></Response>",
                Twiml.response()
                        .dialTracked("+15553334444", "https://x/ended?a=1&b=2", "https://x/answered")
                        .toString());
        assertEquals(
                open
                        + "<Sip url=\"https://x/answered\" method=\"POST\">sips:ann@pbx.example.com</Sip></Dial></Response>",
                Twiml.response()
                        .dialTracked("sips:ann@pbx.example.com", "https://x/ended?a=1&b=2", "https://x/answered")
                        .toString());
        assertEquals(
                open + "<Client url=\"https://x/answered\" method=\"POST\">ann</Client></Dial></Response>",
                Twiml.response()
                        .dialTracked("client:ann", "https://x/ended?a=1&b=2", "https://x/answered")
                        .toString());
    }
}
