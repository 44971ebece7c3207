package com.vocelio.identity.boundary;

import com.vocelio.platform.boundary.BusinessException;

/** Sign-in refused. The message never says whether the email exists. */
public class AuthenticationException extends BusinessException {

    private static final long serialVersionUID = 1L;

    public AuthenticationException(String code, String message) {
        super(Kind.UNAUTHENTICATED, code, message);
    }

    public static AuthenticationException invalidCredentials() {
        return new AuthenticationException("invalid_credentials", "Invalid email or password");
    }

    public static AuthenticationException invalidRefreshToken() {
        return new AuthenticationException("invalid_refresh_token", "The refresh token is invalid or expired");
    }
}
