package com.vocelio.console;

import java.io.Serializable;

/**
 * A console sign-in as the HTTP session keeps it: the same access and refresh tokens an API sign-in gets, so
 * revocations (a user deactivated, demoted, a password changed) end a console session exactly as they end an API one.
 */
record ConsoleSignIn(String accessToken, String refreshToken) implements Serializable {

    static final String ATTRIBUTE = ConsoleSignIn.class.getName();
}
