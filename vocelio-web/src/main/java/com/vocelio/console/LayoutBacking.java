package com.vocelio.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/** {@code WEB-INF/console/layout.xhtml}, the frame of every signed-in page: the menu and signing out. */
@Named
@RequestScoped
public class LayoutBacking {

    @Inject
    ConsoleSessions sessions;

    public void signOut() throws IOException {
        var external = FacesContext.getCurrentInstance().getExternalContext();
        var request = (HttpServletRequest) external.getRequest();
        sessions.signOut(request);
        external.redirect(request.getContextPath() + ConsolePaths.SIGN_IN + "?signedOut=true");
    }
}
