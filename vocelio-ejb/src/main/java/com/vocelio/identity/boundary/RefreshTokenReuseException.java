package com.vocelio.identity.boundary;

import com.vocelio.platform.boundary.BusinessException;
import jakarta.ejb.ApplicationException;

/**
 * A refresh token came back after it was used: someone holds a copy. The family was revoked in this transaction,
 * which must therefore commit although the request is refused.
 */
@ApplicationException(rollback = false)
public class RefreshTokenReuseException extends BusinessException {

    private static final long serialVersionUID = 1L;

    public RefreshTokenReuseException() {
        super(
                Kind.UNAUTHENTICATED,
                "refresh_token_reused",
                "This refresh token was already used; every session of this login is now revoked. Sign in again.");
    }
}
