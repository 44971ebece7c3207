package com.vocelio.speech.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vocelio.speech.entity.Utterance;
import org.junit.jupiter.api.Test;

class AzureSpeechTest {

    @Test
    void plainTextGoesInsideVoiceAndProsodyEscaped() {
        var utterance = new Utterance("Tom & 'Jerry' <3", false, "en-GB-SoniaNeural", "", 0.8, 5, 50, null);
        assertEquals(
                "<speak version='1.0' xmlns='http://www.w3.org/2001/10/synthesis' xml:lang='en-GB'>"
                        + "<voice name='en-GB-SoniaNeural'><prosody rate='-20%' pitch='+5%' volume='50'>"
                        + "Tom &amp; &apos;Jerry&apos; &lt;3</prosody></voice></speak>",
                AzureSpeech.ssml(utterance));
    }

    @Test
    void theClientsSsmlGoesAsItIs() {
        String ssml = "<speak version='1.0'><voice name='x'>Hi</voice></speak>";
        assertEquals(ssml, AzureSpeech.ssml(new Utterance(ssml, true, "x", "", 1, 0, 100, null)));
    }
}
