package com.vocelio.speech.entity;

/**
 * Synthesized speech, whole: the bytes of a file a browser plays, who spoke it, and how long it lasts.
 *
 * @param cached whether it came from the content-addressed cache rather than from the provider
 */
public record Audio(byte[] bytes, String mediaType, String provider, String voiceId, double seconds, boolean cached) {

    public Audio asCached() {
        return new Audio(bytes, mediaType, provider, voiceId, seconds, true);
    }
}
