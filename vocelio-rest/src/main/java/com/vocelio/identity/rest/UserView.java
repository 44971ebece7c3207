package com.vocelio.identity.rest;

import com.vocelio.identity.entity.Organization;
import com.vocelio.identity.entity.User;
import java.time.OffsetDateTime;

/**
 * A user as the portal keeps it ({@code user_info} in localStorage): it reads {@code role} (admin unlocks
 * Departments), {@code email}, {@code organization_name}, {@code subdomain}, {@code tenant_id}/{@code organization_id}
 * and {@code user_metadata.first_name/last_name}. No nulls: the portal renders these strings directly.
 */
public record UserView(
        String id,
        String email,
        String role,
        String firstName,
        String lastName,
        UserMetadata userMetadata,
        String organizationName,
        String subdomain,
        String tenantId,
        String organizationId,
        String agentId,
        boolean twoFactorEnabled,
        boolean active,
        OffsetDateTime createdAt) {

    /** The portal reads names (and a fallback role) from here. */
    public record UserMetadata(String firstName, String lastName, String role) {}

    public static UserView of(User user, Organization organization) {
        String role = user.role().wireName();
        return new UserView(
                user.id(),
                user.email(),
                role,
                user.firstName(),
                user.lastName(),
                new UserMetadata(user.firstName(), user.lastName(), role),
                organization.name(),
                organization.subdomain(),
                organization.id(),
                organization.id(),
                user.agentId().orElse(""),
                user.totpEnabled(),
                user.isActive(),
                user.createdAt());
    }
}
