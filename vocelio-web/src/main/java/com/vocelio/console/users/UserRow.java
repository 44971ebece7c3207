package com.vocelio.console.users;

import com.vocelio.identity.entity.User;
import java.io.Serializable;

/** One user as the users table shows it; {@code agentId} is "" for a user not linked to an agent. */
public record UserRow(
        String id, String email, String name, String role, String agentId, boolean active, boolean twoFactor)
        implements Serializable {

    static UserRow of(User user) {
        return new UserRow(
                user.id(),
                user.email(),
                (user.firstName() + " " + user.lastName()).strip(),
                user.role().wireName(),
                user.agentId().orElse(""),
                user.isActive(),
                user.totpEnabled());
    }
}
