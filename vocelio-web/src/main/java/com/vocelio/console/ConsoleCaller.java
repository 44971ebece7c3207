package com.vocelio.console;

import com.vocelio.identity.control.VerifiedToken;
import com.vocelio.identity.entity.Role;
import com.vocelio.platform.rest.TokenSecurityContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;

/**
 * Who is signed in, for the pages: the access token the authentication mechanism made this request's caller. The
 * console applies the API resources' role rules with it (only admins change departments).
 */
@Named("caller")
@RequestScoped
public class ConsoleCaller {

    public VerifiedToken token() {
        Object token = FacesContext.getCurrentInstance()
                .getExternalContext()
                .getRequestMap()
                .get(TokenSecurityContext.TOKEN_ATTRIBUTE);
        return token instanceof VerifiedToken verified ? verified : VerifiedToken.NONE;
    }

    public String getName() {
        return token().getName();
    }

    public String getTenantId() {
        return token().tenantId();
    }

    public boolean isAdmin() {
        return token().getGroups().contains(Role.ADMIN_NAME);
    }

    public String getRole() {
        return token().getGroups().stream().findFirst().orElse("");
    }
}
