package com.vocelio.identity.control;

import com.vocelio.platform.boundary.SchemaMigrator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The RSA key pair that signs access tokens. Production configures the private key (PEM, PKCS#8) through
 * {@code VOCELIO_JWT_PRIVATE_KEY} or a file at {@code VOCELIO_JWT_PRIVATE_KEY_FILE}; otherwise the first node to
 * start generates one and stores it in the database, and every node uses that one.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrator")
@TransactionManagement(TransactionManagementType.BEAN)
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());
    private static final String STORED_KEY_ID = "primary";

    @Resource(lookup = SchemaMigrator.DATASOURCE)
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "vocelio.jwt.private-key")
    Optional<String> configuredKey;

    @Inject
    @ConfigProperty(name = "vocelio.jwt.private-key-file")
    Optional<String> configuredKeyFile;

    private RSAPrivateCrtKey privateKey;
    private RSAPublicKey publicKey;
    private String keyId;
    private byte[] derivationKey;

    @PostConstruct
    void load() {
        try {
            Optional<String> pem = configuredKey
                    .filter(s -> !s.isBlank())
                    .or(() -> configuredKeyFile.filter(s -> !s.isBlank()).map(SigningKeys::read));
            if (pem.isPresent()) {
                privateKey = (RSAPrivateCrtKey)
                        KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(decodePem(pem.get())));
                keyId = "configured";
                LOG.info("Signing access tokens with the configured key");
            } else {
                privateKey = storedKey();
                keyId = STORED_KEY_ID;
            }
            publicKey = publicKeyOf(privateKey);
            derivationKey = Secrets.sha256Bytes(
                    "vocelio derivation key\n" + Base64.getEncoder().encodeToString(privateKey.getEncoded()));
        } catch (GeneralSecurityException | SQLException e) {
            throw new IllegalStateException("Cannot load the token signing key: " + e.getMessage(), e);
        }
    }

    public RSAPrivateCrtKey privateKey() {
        return privateKey;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return keyId;
    }

    /**
     * A secret every node holds alike (it is derived from the signing key), for values each node must derive the same
     * way and no one else can: the successor of a refresh token.
     */
    public byte[] derivationKey() {
        return derivationKey.clone();
    }

    private RSAPrivateCrtKey storedKey() throws GeneralSecurityException, SQLException {
        try (var connection = dataSource.getConnection()) {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair candidate = generator.generateKeyPair();
            // the first node wins; the others read what it stored
            try (var insert = connection.prepareStatement(
                    "insert into signing_keys (id, private_key, public_key) values (?, ?, ?) on conflict do nothing")) {
                insert.setString(1, STORED_KEY_ID);
                insert.setString(
                        2,
                        Base64.getEncoder()
                                .encodeToString(candidate.getPrivate().getEncoded()));
                insert.setString(
                        3,
                        Base64.getEncoder().encodeToString(candidate.getPublic().getEncoded()));
                if (insert.executeUpdate() == 1) {
                    LOG.info("Generated the token signing key and stored it in the database");
                }
            }
            try (var select = connection.prepareStatement("select private_key from signing_keys where id = ?")) {
                select.setString(1, STORED_KEY_ID);
                try (var rows = select.executeQuery()) {
                    rows.next();
                    return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                            .generatePrivate(
                                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(rows.getString(1))));
                }
            }
        }
    }

    static RSAPublicKey publicKeyOf(RSAPrivateCrtKey key) throws GeneralSecurityException {
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
    }

    static byte[] decodePem(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    static String pem(byte[] der, String type) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read VOCELIO_JWT_PRIVATE_KEY_FILE " + file + ": " + e.getMessage());
        }
    }
}
