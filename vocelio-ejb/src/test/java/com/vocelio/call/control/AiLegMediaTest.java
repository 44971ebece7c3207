package com.vocelio.call.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AiLegMediaTest {

    private static final Instant NOW = Instant.parse("2026-12-04T15:00:00Z");

    private static AiLegMedia media(String authToken) {
        var settings = new TwilioSettings();
        settings.authToken = Optional.of(authToken);
        var media = new AiLegMedia();
        media.settings = settings;
        media.tokenTtl = Duration.ofMinutes(2);
        return media;
    }

    @Test
    void aTokenLetsInOnlyItsLegOfItsCallUntilItExpires() {
        var media = media("secret");
        String token = media.token("CA1", "CA2", NOW);
        assertEquals(Optional.of(new AiLegMedia.Grant("CA1", "CA2")), media.verify(token, NOW.plusSeconds(119)));
        assertEquals(Optional.empty(), media.verify(token, NOW.plusSeconds(120)), "expired");
        assertEquals(Optional.empty(), media("another").verify(token, NOW), "signed under another account's token");
        String tampered = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        assertEquals(Optional.empty(), media.verify(tampered, NOW));
        for (String junk : new String[] {"", ".", "abc", "a.b", null, "x".repeat(500)}) {
            assertEquals(Optional.empty(), media.verify(junk, NOW), String.valueOf(junk));
        }
    }

    @Test
    void pcmBecomesMuLawAtEightKilohertzInTwentyMillisecondFrames() {
        assertEquals((byte) 0xFF, AiLegMedia.encode(0));
        assertEquals((byte) 0x80, AiLegMedia.encode(32767));
        assertEquals((byte) 0x00, AiLegMedia.encode(-32768));
        // a 16 kHz WAV of 400 samples becomes 200 mu-law bytes: two frames, the second padded with silence
        var wav = ByteBuffer.allocate(44 + 800).order(ByteOrder.LITTLE_ENDIAN);
        wav.putInt(24, 16000);
        for (int i = 0; i < 400; i++) {
            wav.putShort(44 + 2 * i, (short) (i % 2 == 0 ? 1000 : 3000)); // pairs average to 2000
        }
        byte[] ulaw = AiLegMedia.muLaw(wav.array());
        assertEquals(200, ulaw.length);
        for (byte b : ulaw) {
            assertEquals(AiLegMedia.encode(2000), b);
        }
        var frames = AiLegMedia.frames(ulaw);
        assertEquals(2, frames.size());
        assertTrue(frames.stream().allMatch(f -> f.length == AiLegMedia.FRAME_BYTES));
        byte[] silence = new byte[120];
        Arrays.fill(silence, (byte) 0xFF);
        assertArrayEquals(silence, Arrays.copyOfRange(frames.get(1), 40, 160));
    }

    @Test
    void theHandOffLineNamesTheAgentAndDepartmentAndStaysWithinItsColumn() {
        var media = media("secret");
        media.line = "Thank you for holding. {agent} from {department} is joining us now.";
        media.cueTimeout = Duration.ofSeconds(10);
        assertEquals(
                "Thank you for holding. Dana Reyes from Billing is joining us now.",
                media.handOffLine(" Dana Reyes ", "Billing"));
        assertEquals(
                "Thank you for holding. one of our specialists from our team is joining us now.",
                media.handOffLine("", " "));
        assertEquals(
                AiLegMedia.LINE_MAX,
                media.handOffLine("x".repeat(600), "Billing").length());
        // a briefing's words give the agent's leg time to hear it before the AI is cued without Twilio's word
        assertEquals(Duration.ofSeconds(12), media.cueWithin(" Refund of  order 42 "));
        assertEquals(Duration.ofSeconds(10), media.cueWithin(""));
    }
}
