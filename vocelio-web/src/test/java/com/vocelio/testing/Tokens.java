package com.vocelio.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Access tokens made outside the application, to test what it accepts: signed the way it signs its own (RS256, key
 * id {@code primary}), with its own key read from the database or with a key it has never seen.
 */
public final class Tokens {

    private static final String SIGNING_KEY = "select private_key, public_key from signing_keys where id = 'primary'";

    private Tokens() {}

    /** The claims signed with {@code key} in the header the application writes. */
    public static String signed(JWTClaimsSet claims, PrivateKey key) {
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .keyID("primary")
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** The application's own signing key, as it stored it. */
    public static PrivateKey applicationKey() {
        String stored = (String) Database.rows(SIGNING_KEY).get(0).get("private_key");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(stored)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The application's public key in PEM, as a client that verifies its tokens would hold it. */
    public static String applicationPublicKeyPem() {
        String stored = (String) Database.rows(SIGNING_KEY).get(0).get("public_key");
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(Base64.getDecoder().decode(stored))
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** A key the application has never seen. */
    public static PrivateKey freshKey() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
