package com.vocelio.speech.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UtteranceTest {

    private static Utterance hello() {
        return new Utterance("Hello", false, "kevin16", "", 1, 0, 100, null);
    }

    @Test
    void theSameRequestHasTheSameAddressAndAnyDifferenceAnother() {
        String key = hello().cacheKey("local");
        assertEquals(64, key.length());
        assertEquals(key, hello().cacheKey("local"));
        assertNotEquals(key, hello().cacheKey("azure"));
        assertNotEquals(key, hello().withVoice("kevin").cacheKey("local"));
        assertNotEquals(key, new Utterance("Hello!", false, "kevin16", "", 1, 0, 100, null).cacheKey("local"));
        assertNotEquals(key, new Utterance("Hello", false, "kevin16", "", 1.5, 0, 100, null).cacheKey("local"));
        assertNotEquals(
                key, new Utterance("Hello", false, "kevin16", "", 1, 0, 100, AudioFormat.WAV).cacheKey("local"));
    }

    @Test
    void ssmlIsSpokenAsItsTextWithEntitiesResolved() {
        var ssml = new Utterance(
                "<speak><voice name='x'>Fish &amp; chips<break time='1s'/>today</voice></speak>",
                true,
                "x",
                "",
                1,
                0,
                100,
                null);
        assertEquals("Fish & chips today", ssml.plainText());
        assertEquals("a <b>", new Utterance("a <b>", false, "x", "", 1, 0, 100, null).plainText());
    }

    @Test
    void aVoiceNeverHasNullTextsAndHasNoPreviewUrlWithoutOneOfItsOwn() {
        var voice = new Voice("local", "kevin16", null, null, "MALE", null, false, 16000, null, null);
        assertEquals("kevin16", voice.name());
        assertEquals("male", voice.gender());
        assertEquals("", voice.language());
        assertEquals("", voice.previewUrl());
    }

    @Test
    void aVoiceKnownOnlyByItsIdSaysWhatTheIdTells() {
        var aria = Voice.known("azure", "en-US-AriaNeural", 24000);
        assertEquals("Aria", aria.name());
        assertEquals("en-US", aria.language());
        assertTrue(aria.neural());
        assertEquals(
                "Andrew",
                Voice.known("azure", "en-US-AndrewMultilingualNeural", 24000).name());
        var adam = Voice.known("elevenlabs", "pNInz6obpgDQGcFmaJgB", 44100);
        assertEquals("pNInz6obpgDQGcFmaJgB", adam.name());
        assertEquals(44100, adam.sampleRate());
    }
}
