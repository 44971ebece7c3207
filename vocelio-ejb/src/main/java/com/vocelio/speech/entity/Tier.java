package com.vocelio.speech.entity;

import java.math.BigDecimal;
import java.util.List;

/**
 * A price class of voices: which provider speaks it, what a minute costs, and the voices it offers (the first is
 * its default). Configured, not stored.
 */
public record Tier(
        String name,
        String provider,
        BigDecimal pricePerMinute,
        String quality,
        String description,
        List<String> voices) {

    public Tier {
        voices = List.copyOf(voices);
    }

    public boolean offers(String voiceId) {
        return voices.contains(voiceId);
    }
}
