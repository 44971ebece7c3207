package com.vocelio.speech.boundary;

import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.speech.control.LocalSpeech;
import com.vocelio.speech.control.ProviderFailure;
import com.vocelio.speech.control.SpeechProvider;
import com.vocelio.speech.control.SpeechProviders;
import com.vocelio.speech.control.TierCatalog;
import com.vocelio.speech.control.VoiceCatalog;
import com.vocelio.speech.entity.Tier;
import com.vocelio.speech.entity.Voice;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The tiers and voices the voice pickers offer. A tier whose provider has no keys is offered as the local engine's
 * (that is who would speak it), so a fresh installation lists voices that work. Voice lists come from the providers
 * through {@link VoiceCatalog} (cached, stale when the provider is down).
 */
@Stateless
@UnitOfWork
public class Voices {

    /** A tier as it is served now: {@code provider} speaks it, {@code configured} says whether that is its own. */
    public record Offer(Tier tier, String provider, boolean configured, List<String> voices) {}

    /** A provider's voices; an unconfigured provider lists none. */
    public record Listing(String provider, boolean configured, VoiceCatalog.Listing voices) {}

    @Inject
    TierCatalog tiers;

    @Inject
    SpeechProviders providers;

    @Inject
    VoiceCatalog catalog;

    public List<Offer> tiers() {
        return tiers.all().stream().map(this::offer).toList();
    }

    private Offer offer(Tier tier) {
        boolean configured =
                providers.named(tier.provider()).map(SpeechProvider::configured).orElse(false);
        if (configured) {
            return new Offer(tier, tier.provider(), true, tier.voices());
        }
        var local = providers.local().voices().stream().map(Voice::id).toList();
        return new Offer(tier, LocalSpeech.NAME, tier.provider().equals(LocalSpeech.NAME), local);
    }

    public Listing voices(String provider) {
        SpeechProvider named = providers
                .named(provider)
                .orElseThrow(() -> new BusinessException(
                        BusinessException.Kind.NOT_FOUND,
                        "unknown_provider",
                        "No such speech provider: '" + provider + "' (azure, elevenlabs, local, piper)"));
        if (!named.configured()) {
            return new Listing(named.name(), false, new VoiceCatalog.Listing(List.of(), null, false, ""));
        }
        try {
            return new Listing(named.name(), true, catalog.voices(named));
        } catch (ProviderFailure failure) {
            throw new ProviderFailedException(failure.provider(), failure.reason());
        }
    }
}
