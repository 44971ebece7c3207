package com.vocelio.speech.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
    void aVoiceNeverHasNullTextsAndPreviewsHereWithoutOneOfItsOwn() {
        var voice = new Voice("local", "kevin16", null, null, "MALE", null, false, 16000, null, null);
        assertEquals("kevin16", voice.name());
        assertEquals("male", voice.gender());
        assertEquals("", voice.language());
        assertEquals("/voices/preview/kevin16", voice.previewUrl());
    }
}
