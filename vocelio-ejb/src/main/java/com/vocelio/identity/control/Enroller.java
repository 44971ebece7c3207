package com.vocelio.identity.control;

import com.vocelio.identity.entity.User;
import com.vocelio.platform.boundary.BusinessException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What every new user goes through, whether an organization signs up or an admin invites: a password that meets the
 * rules, stored only as its hash, and an email no user of any organization has (sign-in finds the organization by it).
 */
@ApplicationScoped
public class Enroller {

    @Inject
    TenantDirectory directory;

    @Inject
    Passwords passwords;

    public String passwordHash(String password) {
        return passwords.hash(User.validPassword(password));
    }

    public void requireUnknownEmail(String email) {
        if (directory.ofEmail(email).isPresent()) {
            throw emailTaken(email);
        }
    }

    public static BusinessException emailTaken(String email) {
        return new BusinessException(
                BusinessException.Kind.CONFLICT, "email_taken", "A user with email '" + email + "' already exists");
    }
}
