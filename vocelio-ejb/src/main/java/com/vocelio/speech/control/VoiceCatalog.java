package com.vocelio.speech.control;

import com.vocelio.speech.entity.Voice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Each provider's voice list, kept {@code vocelio.speech.voices-ttl} on this node. When a refresh fails the last good
 * list is served, marked stale, and the provider is not asked again for {@code vocelio.speech.voices-retry} (a
 * provider that is down must not make every voice picker wait for its timeout). Only with no good list ever is the
 * failure the caller's.
 */
@ApplicationScoped
public class VoiceCatalog {

    /** A provider's list as served: {@code problem} says why a stale list is stale. */
    public record Listing(List<Voice> voices, Instant fetchedAt, boolean stale, String problem) {

        public Optional<Voice> find(String voiceId) {
            return voices.stream().filter(voice -> voice.id().equals(voiceId)).findFirst();
        }
    }

    private record Entry(Listing listing, Instant failedAt, ProviderFailure failure) {}

    @Inject
    @ConfigProperty(name = "vocelio.speech.voices-ttl", defaultValue = "PT1H")
    Duration ttl;

    @Inject
    @ConfigProperty(name = "vocelio.speech.voices-retry", defaultValue = "PT30S")
    Duration retry;

    @Inject
    Clock clock;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** The list, fetched when missing or older than the TTL; throws the failure when no good list was ever had. */
    public Listing voices(SpeechProvider provider) {
        Entry entry = entries.get(provider.name());
        if (fresh(entry)) {
            return entry.listing();
        }
        synchronized (locks.computeIfAbsent(provider.name(), name -> new Object())) {
            entry = entries.get(provider.name());
            if (fresh(entry)) {
                return entry.listing();
            }
            Instant now = clock.instant();
            if (entry != null
                    && entry.failedAt() != null
                    && now.isBefore(entry.failedAt().plus(retry))) {
                return served(entry);
            }
            try {
                var listing = new Listing(List.copyOf(provider.voices()), now, false, "");
                entries.put(provider.name(), new Entry(listing, null, null));
                return listing;
            } catch (ProviderFailure failure) {
                var failed = new Entry(entry == null ? null : entry.listing(), now, failure);
                entries.put(provider.name(), failed);
                return served(failed);
            }
        }
    }

    /** The last list had, without asking the provider (for checks that must not wait on it). */
    public Optional<Listing> known(String provider) {
        return Optional.ofNullable(entries.get(provider)).map(Entry::listing);
    }

    private boolean fresh(Entry entry) {
        return entry != null
                && entry.failedAt() == null
                && entry.listing() != null
                && clock.instant().isBefore(entry.listing().fetchedAt().plus(ttl));
    }

    private static Listing served(Entry entry) {
        if (entry.listing() == null) {
            throw entry.failure();
        }
        var good = entry.listing();
        return new Listing(
                good.voices(), good.fetchedAt(), true, entry.failure().getMessage());
    }
}
