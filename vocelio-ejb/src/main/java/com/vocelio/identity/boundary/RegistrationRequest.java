package com.vocelio.identity.boundary;

/** The portal's sign-up body: a new organization and its first admin. */
public record RegistrationRequest(
        String email, String password, String firstName, String lastName, String organizationName, String subdomain) {}
