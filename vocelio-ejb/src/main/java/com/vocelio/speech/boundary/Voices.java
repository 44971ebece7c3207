package com.vocelio.speech.boundary;

import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.speech.control.AzureSpeech;
import com.vocelio.speech.control.ElevenLabsSpeech;
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
 * The tiers and voices the voice pickers offer. A tier always names its configured provider and voices (the portal
 * reads {@code tts_provider} azure or elevenlabs and asks that provider's voices); while that provider has no keys
 * the local engine speaks them ({@code spokenBy}), and the provider's list is the tiers' voices of it, known by id, so
 * a fresh installation still lists, previews and synthesizes. Voice lists of configured providers come from the
 * providers through {@link VoiceCatalog} (cached, stale when the provider is down).
 */
@Stateless
@UnitOfWork
public class Voices {

    /** A tier as it is served now: {@code spokenBy} its own provider when {@code configured}, else the local engine. */
    public record Offer(Tier tier, String spokenBy, boolean configured) {}

    /** A provider's voices, and who speaks them now (the local engine while the provider has no keys). */
    public record Listing(String provider, boolean configured, String spokenBy, VoiceCatalog.Listing voices) {}

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
        return new Offer(tier, configured ? tier.provider() : LocalSpeech.NAME, configured);
    }

    public Listing voices(String provider) {
        SpeechProvider named = providers
                .named(provider)
                .orElseThrow(() -> new BusinessException(
                        BusinessException.Kind.NOT_FOUND,
                        "unknown_provider",
                        "No such speech provider: '" + provider + "' (azure, elevenlabs, local, piper)"));
        if (!named.configured()) {
            var known = tiers.all().stream()
                    .filter(tier -> tier.provider().equals(named.name()))
                    .flatMap(tier -> tier.voices().stream())
                    .distinct()
                    .map(id -> Voice.known(named.name(), id, usualRate(named.name())))
                    .toList();
            return new Listing(named.name(), false, LocalSpeech.NAME, new VoiceCatalog.Listing(known, null, false, ""));
        }
        try {
            return new Listing(named.name(), true, named.name(), catalog.voices(named));
        } catch (ProviderFailure failure) {
            throw new ProviderFailedException(failure.provider(), failure.reason());
        }
    }

    /** What the provider's voices are sampled at, by its documentation (its list says it, once it can be asked). */
    private static int usualRate(String provider) {
        return switch (provider) {
            case AzureSpeech.NAME -> 24000;
            case ElevenLabsSpeech.NAME -> 44100;
            default -> 22050;
        };
    }
}
