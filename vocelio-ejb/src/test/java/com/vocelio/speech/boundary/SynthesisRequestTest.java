package com.vocelio.speech.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.speech.entity.AudioFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SynthesisRequestTest {

    @Test
    void absentSettingsTakeTheirDefaultsAndNoProviderMeansAuto() {
        var asked = SynthesisRequest.of("  Hello  ", null, null).read(100);
        assertEquals("auto", asked.provider());
        var utterance = asked.utterance();
        assertEquals("Hello", utterance.text());
        assertEquals("", utterance.voiceId());
        assertEquals(1, utterance.speed());
        assertEquals(0, utterance.pitch());
        assertEquals(100, utterance.volume());
        assertNull(utterance.format());
    }

    @Test
    void thePortalsPreviewBodyIsRead() {
        var asked = new SynthesisRequest(
                        "Hi", "en-US-AriaNeural", "AZURE", "en_US", 1.0, 0.0, 100.0, "mp3", "voice_preview", "p_1")
                .read(100);
        assertEquals("azure", asked.provider());
        assertEquals("en-US", asked.utterance().language());
        assertEquals(AudioFormat.MP3, asked.utterance().format());
    }

    @Test
    void textStartingWithSpeakIsSsml() {
        assertTrue(SynthesisRequest.of("<speak>Hi</speak>", null, null)
                .read(100)
                .utterance()
                .ssml());
    }

    @ParameterizedTest
    @CsvSource({
        "text,     '',                   , 1,    0,   100, ",
        "text,     aaaaaaaaaaa,          , 1,    0,   100, ",
        "text,     <speak>open,          , 1,    0,   100, ",
        "text,     '<!DOCTYPE x><speak/>', , 1,  0,   100, ",
        "provider, Hi,              polly, 1,    0,   100, ",
        "speed,    Hi,                   , 0.49, 0,   100, ",
        "speed,    Hi,                   , 2.01, 0,   100, ",
        "pitch,    Hi,                   , 1,    51,  100, ",
        "volume,   Hi,                   , 1,    0,   101, ",
        "volume,   Hi,                   , 1,    0,   -1,  ",
        "format,   Hi,                   , 1,    0,   100, flac",
    })
    void eachBadFieldIsNamed(
            String field, String text, String provider, double speed, double pitch, double volume, String format) {
        var request = new SynthesisRequest(text, null, provider, null, speed, pitch, volume, format, null, null);
        var refused = assertThrows(BusinessException.class, () -> request.read(10));
        assertEquals(field, refused.details().get(0).field());
    }
}
