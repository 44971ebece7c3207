package com.vocelio.speech.entity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What to say and how, checked: {@code speed} is a rate factor (1 = normal), {@code pitch} a change in percent
 * (0 = the voice's own), {@code volume} 0–100. {@code ssml} marks text that is an SSML document, which providers
 * that read SSML take as it is and the others speak without its markup.
 *
 * @param format the container asked for; {@code null} lets the provider answer in its natural one
 */
public record Utterance(
        String text,
        boolean ssml,
        String voiceId,
        String language,
        double speed,
        double pitch,
        double volume,
        AudioFormat format) {

    public Utterance withVoice(String voice) {
        return new Utterance(text, ssml, voice, language, speed, pitch, volume, format);
    }

    /** The text without SSML markup, for engines that read plain text (and for counting characters). */
    public String plainText() {
        if (!ssml) {
            return text;
        }
        return text.replaceAll("<[^>]*>", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&")
                .replaceAll("\\s+", " ")
                .strip();
    }

    /**
     * The content address of the audio this utterance gives with one provider: the same provider, voice, settings
     * and text always give the same key, whichever organization asks.
     */
    public String cacheKey(String provider) {
        String identity = String.join(
                "\u0000",
                provider,
                voiceId,
                language,
                Double.toString(speed),
                Double.toString(pitch),
                Double.toString(volume),
                format == null ? "" : format.wire(),
                Boolean.toString(ssml),
                text);
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
