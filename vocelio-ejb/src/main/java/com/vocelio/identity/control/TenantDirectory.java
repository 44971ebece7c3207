package com.vocelio.identity.control;

import com.vocelio.platform.boundary.SchemaMigrator;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The only reads across organizations: before sign-in the caller has no organization yet, so the email, refresh
 * token or API key it presents must first say which organization to look in. Everything after that goes through
 * EclipseLink multitenancy.
 */
@ApplicationScoped
public class TenantDirectory {

    @Resource(lookup = SchemaMigrator.DATASOURCE)
    DataSource dataSource;

    public Optional<String> ofEmail(String email) {
        return tenantOf("select tenant_id from users where lower(email) = lower(?)", email.strip());
    }

    public Optional<String> ofRefreshToken(String tokenHash) {
        return tenantOf("select tenant_id from refresh_tokens where token_hash = ?", tokenHash);
    }

    public Optional<String> ofApiKey(String keyHash) {
        return tenantOf("select tenant_id from api_keys where key_hash = ? and revoked_at is null", keyHash);
    }

    public boolean anyUserExists() {
        return tenantOf("select tenant_id from users limit 1", null).isPresent();
    }

    private Optional<String> tenantOf(String sql, String parameter) {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (var rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot look up the organization: " + e.getMessage(), e);
        }
    }
}
