package com.vocelio.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vocelio.platform.control.DialTarget.Kind;
import org.junit.jupiter.api.Test;

class DialTargetTest {

    @Test
    void sipAndSipsUrisAreSipWhateverTheCaseOfTheirScheme() {
        assertEquals(Kind.SIP, DialTarget.of("sip:ann@pbx.example.com").kind());
        assertEquals(Kind.SIP, DialTarget.of("sips:ann@pbx.example.com").kind());
        assertEquals(Kind.SIP, DialTarget.of("SIPS:ann@pbx.example.com").kind());
        assertEquals(
                "sips:ann@pbx.example.com",
                DialTarget.of("sips:ann@pbx.example.com").value());
    }

    @Test
    void aClientIsDialledByItsBareIdentity() {
        var client = DialTarget.of("client:ann_smith");
        assertEquals(Kind.CLIENT, client.kind());
        assertEquals("ann_smith", client.value());
        assertEquals("client:ann_smith", client.address());
    }

    @Test
    void anythingElseIsANumber() {
        assertEquals(Kind.NUMBER, DialTarget.of("+15553334444").kind());
        assertEquals(Kind.NUMBER, DialTarget.of("sipper").kind());
        assertEquals("+15553334444", DialTarget.of("+15553334444").value());
    }

    @Test
    void aClientIdentityLosesItsPrefixAndBlankIsNone() {
        assertEquals("ann", DialTarget.clientIdentity("f", " client:ann "));
        assertEquals("ann", DialTarget.clientIdentity("f", "Client:ann"));
        assertEquals("ann.smith@example.com", DialTarget.clientIdentity("f", "ann.smith@example.com"));
        assertEquals("", DialTarget.clientIdentity("f", " "));
        assertEquals("", DialTarget.clientIdentity("f", null));
    }
}
