package com.vocelio.speech.control;

import com.vocelio.speech.entity.Tier;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The voice tiers, from configuration: {@code vocelio.speech.tiers} names them, and for each tier {@code t}
 * {@code vocelio.speech.tier.t.provider}, {@code .price-per-minute}, {@code .quality}, {@code .description} and
 * {@code .voices} (comma-separated, the first is the tier's default) describe it.
 */
@ApplicationScoped
public class TierCatalog {

    @Inject
    @ConfigProperty(name = "vocelio.speech.tiers", defaultValue = "regular,premium,local")
    String names;

    @Inject
    Config config;

    private List<Tier> tiers;

    @PostConstruct
    void read() {
        tiers = Arrays.stream(names.split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .distinct()
                .map(this::tier)
                .toList();
    }

    private Tier tier(String name) {
        String prefix = "vocelio.speech.tier." + name + ".";
        String provider = setting(prefix + "provider", LocalSpeech.NAME);
        String price = setting(prefix + "price-per-minute", "0");
        BigDecimal perMinute;
        try {
            perMinute = new BigDecimal(price);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(prefix + "price-per-minute is not a number: " + price, e);
        }
        List<String> voices = Arrays.stream(setting(prefix + "voices", "").split(","))
                .map(String::strip)
                .filter(voice -> !voice.isEmpty())
                .toList();
        return new Tier(
                name,
                provider,
                perMinute,
                setting(prefix + "quality", "standard"),
                setting(prefix + "description", ""),
                voices);
    }

    private String setting(String key, String otherwise) {
        return config.getOptionalValue(key, String.class)
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .orElse(otherwise);
    }

    public List<Tier> all() {
        return tiers;
    }

    /** The tier that offers this voice, else the first tier of that provider. */
    public Optional<Tier> of(String provider, String voiceId) {
        return tiers.stream()
                .filter(tier -> tier.provider().equals(provider) && tier.offers(voiceId))
                .findFirst()
                .or(() -> tiers.stream().filter(tier -> tier.offers(voiceId)).findFirst())
                .or(() -> tiers.stream()
                        .filter(tier -> tier.provider().equals(provider))
                        .findFirst());
    }
}
