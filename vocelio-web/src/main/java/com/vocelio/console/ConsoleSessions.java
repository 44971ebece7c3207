package com.vocelio.console;

import com.vocelio.identity.boundary.Credentials;
import com.vocelio.identity.boundary.LoginOutcome;
import com.vocelio.identity.boundary.Logins;
import com.vocelio.identity.boundary.SessionRenewals;
import com.vocelio.identity.control.AccessTokens;
import com.vocelio.identity.control.VerifiedToken;
import com.vocelio.identity.entity.Role;
import com.vocelio.identity.entity.Session;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.rest.ClientAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import java.util.Set;

/**
 * Console sign-ins on top of the API's: a password (and TOTP) sign-in through {@link Logins}, kept in the HTTP
 * session as its tokens ({@link ConsoleSignIn}); each request's caller is the access token, renewed through
 * {@link SessionRenewals} when it runs out. Only admins and supervisors use the console: any other role is refused
 * at sign-in (its fresh session ended at once) and on every request after a renewal.
 */
@ApplicationScoped
public class ConsoleSessions {

    static final Set<String> CONSOLE_ROLES = Set.of(Role.ADMIN_NAME, Role.SUPERVISOR_NAME);

    private static final String RENEWAL_LOCK = ConsoleSessions.class.getName() + ".renewal";

    /** What the requests of one session synchronize on to renew its tokens (a session's facade may differ per request). */
    private static final class RenewalLock implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    public enum SignInResult {
        SIGNED_IN,
        SECOND_FACTOR_REQUIRED,
        ROLE_REFUSED
    }

    @Inject
    Logins logins;

    @Inject
    SessionRenewals renewals;

    @Inject
    AccessTokens tokens;

    @Inject
    ClientAddress address;

    /**
     * Checks the credentials as {@code /auth/login-2fa} does; a wrong password, a lockout or a wrong code is the
     * boundary's {@link BusinessException}.
     */
    public SignInResult signIn(HttpServletRequest request, String email, String password, String code) {
        var outcome = logins.login(new Credentials(email, password, code), address.of(request), true);
        if (!(outcome instanceof LoginOutcome.SignedIn signedIn)) {
            return SignInResult.SECOND_FACTOR_REQUIRED;
        }
        Session session = signedIn.session();
        if (!CONSOLE_ROLES.contains(session.user().role().wireName())) {
            renewals.end(session.refreshToken());
            return SignInResult.ROLE_REFUSED;
        }
        HttpSession http = request.getSession(false);
        if (http != null) {
            request.changeSessionId(); // no session fixation: the signed-in session gets an id nobody saw before
        }
        HttpSession console = request.getSession(true);
        console.setAttribute(RENEWAL_LOCK, new RenewalLock());
        console.setAttribute(ConsoleSignIn.ATTRIBUTE, new ConsoleSignIn(session.accessToken(), session.refreshToken()));
        return SignInResult.SIGNED_IN;
    }

    /** The signed-in caller of a console request, if the session has one that is still good for the console. */
    public Optional<VerifiedToken> caller(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(ConsoleSignIn.ATTRIBUTE) instanceof ConsoleSignIn signIn)) {
            return Optional.empty();
        }
        var token = tokens.verify(signIn.accessToken()).or(() -> renew(session));
        if (token.isPresent() && token.get().getGroups().stream().noneMatch(CONSOLE_ROLES::contains)) {
            signOut(request); // demoted since signing in
            return Optional.empty();
        }
        return token;
    }

    /**
     * The organization of the session's console sign-in, when its access token is good (the authentication mechanism
     * renewed it for the request that carries the session, a WebSocket handshake included).
     */
    public Optional<String> tenantOf(HttpSession session) {
        return session.getAttribute(ConsoleSignIn.ATTRIBUTE) instanceof ConsoleSignIn signIn
                ? tokens.verify(signIn.accessToken())
                        .filter(token -> token.getGroups().stream().anyMatch(CONSOLE_ROLES::contains))
                        .map(VerifiedToken::tenantId)
                : Optional.empty();
    }

    /** Whether the request came with a session that had a console sign-in which is gone now (expired, revoked). */
    public static boolean hadSession(HttpServletRequest request) {
        return request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
    }

    public void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return;
        }
        if (session.getAttribute(ConsoleSignIn.ATTRIBUTE) instanceof ConsoleSignIn signIn) {
            renewals.end(signIn.refreshToken());
        }
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyInvalid) {
            // ended meanwhile by another request: signed out either way
        }
    }

    /**
     * The access token ran out (or was revoked): the refresh token gets a new pair. Requests of one session renew one
     * after the other, the later ones taking what the first got; a refused refresh ends the console session.
     */
    private Optional<VerifiedToken> renew(HttpSession session) {
        Object lock = session.getAttribute(RENEWAL_LOCK);
        synchronized (lock != null ? lock : this) {
            if (!(session.getAttribute(ConsoleSignIn.ATTRIBUTE) instanceof ConsoleSignIn signIn)) {
                return Optional.empty();
            }
            var current = tokens.verify(signIn.accessToken());
            if (current.isPresent()) {
                return current; // renewed by a request of this session a moment ago
            }
            try {
                Session renewed = renewals.refresh(signIn.refreshToken());
                session.setAttribute(
                        ConsoleSignIn.ATTRIBUTE, new ConsoleSignIn(renewed.accessToken(), renewed.refreshToken()));
                return tokens.verify(renewed.accessToken());
            } catch (BusinessException refused) {
                session.removeAttribute(ConsoleSignIn.ATTRIBUTE);
                return Optional.empty();
            }
        }
    }
}
