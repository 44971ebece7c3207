package com.vocelio.identity.entity;

/** A signed-in user: a short-lived access token, the refresh token that renews it (none for API keys), who. */
public record Session(
        String accessToken, String refreshToken, long expiresInSeconds, User user, Organization organization) {}
