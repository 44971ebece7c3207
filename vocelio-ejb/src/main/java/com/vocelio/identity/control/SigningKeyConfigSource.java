package com.vocelio.identity.control;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Hands MicroProfile JWT the public half of the key that {@link SigningKeys} loaded, as
 * {@code mp.jwt.verify.publickey}. Payara reads that value lazily, at the first token it verifies, which is after
 * the application started. Its ordinal is below the environment's, so an operator's explicit
 * {@code MP_JWT_VERIFY_PUBLICKEY} still wins.
 */
public class SigningKeyConfigSource implements ConfigSource {

    static final String PUBLIC_KEY = "mp.jwt.verify.publickey";

    private static volatile String publicKeyPem;

    static void publish(String pem) {
        publicKeyPem = pem;
    }

    @Override
    public Set<String> getPropertyNames() {
        return publicKeyPem == null ? Set.of() : Set.of(PUBLIC_KEY);
    }

    @Override
    public Map<String, String> getProperties() {
        return publicKeyPem == null ? Map.of() : Map.of(PUBLIC_KEY, publicKeyPem);
    }

    @Override
    public String getValue(String propertyName) {
        return PUBLIC_KEY.equals(propertyName) ? publicKeyPem : null;
    }

    @Override
    public String getName() {
        return "vocelio-signing-key";
    }

    @Override
    public int getOrdinal() {
        return 250;
    }
}
