package com.vocelio.identity.boundary;

/** The sign-in body: {@code {"email", "password", "two_factor_code"}} (the code is "" until 2FA asks for it). */
public record Credentials(String email, String password, String twoFactorCode) {}
