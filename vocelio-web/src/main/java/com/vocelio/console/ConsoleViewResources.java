package com.vocelio.console;

import jakarta.faces.application.ResourceHandler;
import jakarta.faces.application.ResourceHandlerWrapper;
import jakarta.faces.application.ViewResource;
import jakarta.faces.context.FacesContext;

/**
 * The Faces servlet answers {@code /console/*} (JAX-RS owns {@code /*}, and a prefix mapping is the only one that
 * beats it), so a page's view id is the path after {@code /console}: {@code /console/agents/edit.xhtml} is view
 * {@code /agents/edit.xhtml}. Its file lives under {@code webapp/console/}, where this looks for it; templates stay
 * under {@code /WEB-INF/}, where no URL reaches them ({@link ConsoleAuthenticationMechanism} answers 404 to a
 * console path naming {@code WEB-INF}). No other file of the web application is a console view.
 */
public class ConsoleViewResources extends ResourceHandlerWrapper {

    public ConsoleViewResources(ResourceHandler wrapped) {
        super(wrapped);
    }

    @Override
    public ViewResource createViewResource(FacesContext context, String resourceName) {
        if (resourceName.startsWith("/WEB-INF/") || !resourceName.endsWith(".xhtml")) {
            return super.createViewResource(context, resourceName); // templates, and Facelets' own base URL "/"
        }
        return super.createViewResource(
                context, ConsolePaths.ROOT + (resourceName.startsWith("/") ? "" : "/") + resourceName);
    }
}
