package com.vocelio.identity.boundary;

/** An admin creating or changing a user of the organization; on update an absent field keeps its value. */
public record UserRequest(
        String email,
        String password,
        String firstName,
        String lastName,
        String role,
        String agentId,
        Boolean active) {}
