package com.vocelio.console;

import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.io.IOException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * No console page ever shows a stack trace. An expired view (the session timed out, or the view was evicted) sends
 * the browser to the page afresh, which is the sign-in page when the sign-in is gone too; anything else is logged
 * under a reference and the browser goes to the error page, which shows only that reference. Works for Ajax
 * requests too (Faces turns the redirect into a partial response).
 */
public class ConsoleExceptionHandler extends ExceptionHandlerWrapper {

    private static final Logger LOG = Logger.getLogger(ConsoleExceptionHandler.class.getName());

    public ConsoleExceptionHandler(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    public void handle() {
        var events = getUnhandledExceptionQueuedEvents().iterator();
        String target = null;
        while (events.hasNext()) {
            ExceptionQueuedEvent event = events.next();
            Throwable failure = event.getContext().getException();
            events.remove();
            if (target != null) {
                continue; // one redirect per request; the rest were logged by the first's cause chain
            }
            var context = FacesContext.getCurrentInstance();
            String base = context.getExternalContext().getRequestContextPath();
            ViewExpiredException expired = expiry(failure);
            if (expired != null) {
                target = base + ConsolePaths.ROOT + expired.getViewId() + "?expired=true";
            } else {
                String reference = UUID.randomUUID().toString().substring(0, 8);
                LOG.log(Level.SEVERE, "Console failure, reference " + reference, failure);
                target = base + ConsolePaths.ERROR + "?reference=" + reference;
            }
            redirect(context, target);
        }
        super.handle();
    }

    private static void redirect(FacesContext context, String target) {
        try {
            if (!context.getExternalContext().isResponseCommitted()) {
                context.getExternalContext().redirect(target);
            }
            context.responseComplete();
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.WARNING, "Cannot send the browser to " + target, e);
        }
    }

    private static ViewExpiredException expiry(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ViewExpiredException expired) {
                return expired;
            }
        }
        return null;
    }

    /** Registered in faces-config.xml. */
    public static class Factory extends ExceptionHandlerFactory {

        public Factory(ExceptionHandlerFactory wrapped) {
            super(wrapped);
        }

        @Override
        public ExceptionHandler getExceptionHandler() {
            return new ConsoleExceptionHandler(getWrapped().getExceptionHandler());
        }
    }
}
