package com.vocelio.launcher;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * Where the application's PostgreSQL is: a JDBC URL with user and password. Also reads the
 * {@code postgres://user:password@host:port/db} form that hosting platforms hand out.
 */
public record DatabaseSettings(String url, String user, String password) {

    public static DatabaseSettings fromEnvironment(Map<String, String> env) {
        String url = env.get("DATABASE_URL").strip();
        String user = env.getOrDefault("DATABASE_USER", "postgres");
        String password = env.getOrDefault("DATABASE_PASSWORD", "");
        if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            var uri = URI.create(url);
            if (uri.getRawUserInfo() != null) {
                String[] credentials = uri.getRawUserInfo().split(":", 2);
                user = decode(credentials[0]);
                password = credentials.length > 1 ? decode(credentials[1]) : password;
            }
            String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            url = "jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query;
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("DATABASE_URL must be a PostgreSQL URL (jdbc:postgresql://host:port/db"
                    + " or postgres://user:password@host:port/db), got: " + url);
        }
        return new DatabaseSettings(url, user, password);
    }

    /** Fails at once, saying what is wrong, when the database cannot be reached with these settings. */
    public void check() {
        try (var connection = DriverManager.getConnection(url, user, password)) {
            connection.isValid(5);
        } catch (SQLException e) {
            throw new IllegalArgumentException(
                    "Cannot connect to DATABASE_URL " + url + " as user '" + user + "': " + e.getMessage(), e);
        }
    }

    public Map<String, String> asEnvironment() {
        return Map.of("DATABASE_URL", url, "DATABASE_USER", user, "DATABASE_PASSWORD", password);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
