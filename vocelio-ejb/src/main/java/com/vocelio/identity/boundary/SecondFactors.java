package com.vocelio.identity.boundary;

import com.vocelio.event.control.UnitOfWork;
import com.vocelio.identity.control.Totp;
import com.vocelio.identity.entity.User;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Clocks;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Everyone's own second factor (TOTP): enrollment starts with a new secret and counts only once a first code from the
 * authenticator app confirms it.
 */
@Stateless
@UnitOfWork
public class SecondFactors {

    @Inject
    Users users;

    @Inject
    Clock clock;

    /** A new secret, and the {@code otpauth://} URI an authenticator app scans for it. */
    public record Enrollment(String secret, String otpauthUrl) {}

    /** Starts (or restarts) TOTP enrollment: the secret counts once a first code confirms it. */
    public Enrollment start(String userId) {
        var user = users.get(userId);
        String secret = Totp.newSecret();
        user.startTotpEnrollment(secret, Clocks.now(clock));
        return new Enrollment(secret, Totp.uri("Vocelio", user.email(), secret));
    }

    public User confirm(String userId, String code) {
        var user = users.get(userId);
        String secret = user.totpSecret()
                .orElseThrow(() -> BusinessException.invalid("code", "no two-factor setup is in progress"));
        if (!Totp.verify(secret, code, clock.instant())) {
            throw BusinessException.invalid("code", "is not the current code of the authenticator app");
        }
        user.confirmTotp(Clocks.now(clock));
        return user;
    }
}
