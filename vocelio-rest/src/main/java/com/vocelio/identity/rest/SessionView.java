package com.vocelio.identity.rest;

import com.vocelio.identity.entity.Session;

/**
 * Tokens and who they belong to. The user is sent as both {@code user} (what sign-up's screen stores) and
 * {@code user_info} (what login's screen stores).
 */
public record SessionView(
        boolean success,
        String accessToken,
        String refreshToken,
        String tokenType,
        long expiresIn,
        UserView user,
        UserView userInfo) {

    public static SessionView of(Session session) {
        var user = UserView.of(session.user(), session.organization());
        return new SessionView(
                true, session.accessToken(), session.refreshToken(), "bearer", session.expiresInSeconds(), user, user);
    }
}
