package com.vocelio.console;

import com.vocelio.platform.boundary.BusinessException;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.Serializable;

/**
 * {@code console/sign-in.xhtml}: email and password, then the TOTP code for users who turned two-factor on (the
 * password is held by this view until the code comes, as the portal holds it between its two requests).
 */
@Named
@ViewScoped
public class SignInBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleSessions sessions;

    private String email;
    private String password;
    private String code;
    private boolean codeAsked;

    public void announce() {
        var parameters = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
        if (!FacesContext.getCurrentInstance().isPostback()) {
            if ("true".equals(parameters.get("expired"))) {
                Messages.info("signIn.expired");
            } else if ("true".equals(parameters.get("signedOut"))) {
                Messages.info("signIn.signedOut");
            }
        }
    }

    public String signIn() throws IOException {
        var context = FacesContext.getCurrentInstance();
        var request = (HttpServletRequest) context.getExternalContext().getRequest();
        try {
            switch (sessions.signIn(request, email, password, code)) {
                case SIGNED_IN -> {
                    password = null;
                    context.getExternalContext().redirect(request.getContextPath() + ConsolePaths.HOME);
                }
                case SECOND_FACTOR_REQUIRED -> {
                    codeAsked = true;
                    Messages.info("signIn.codeNeeded");
                }
                case ROLE_REFUSED -> {
                    password = null;
                    Messages.error("signIn.roleRefused");
                }
            }
        } catch (BusinessException refused) {
            Messages.error(
                    switch (refused.code()) {
                        case "invalid_credentials" -> "signIn.invalid";
                        case "invalid_two_factor_code" -> "signIn.invalidCode";
                        case "too_many_requests", "too_many_attempts" -> "signIn.locked";
                        default -> "signIn.failed";
                    });
        }
        return null;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPassword() {
        return null; // never written back into the page
    }

    public void setPassword(String password) {
        if (password != null && !password.isEmpty()) {
            this.password = password;
        }
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public boolean isCodeAsked() {
        return codeAsked;
    }
}
