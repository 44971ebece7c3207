package com.vocelio.console;

import com.vocelio.platform.boundary.BusinessException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The console's words, from {@code messages.properties} in the viewer's locale (English first), and the boundaries'
 * refusals as messages: a refusal that names a field sits next to that field ({@code form:field}), others at the top.
 */
public final class Messages {

    private static final String BUNDLE = "com.vocelio.console.messages";

    private Messages() {}

    public static String text(String key, Object... arguments) {
        var context = FacesContext.getCurrentInstance();
        Locale locale = context != null && context.getViewRoot() != null
                ? context.getViewRoot().getLocale()
                : Locale.ENGLISH;
        try {
            String pattern = ResourceBundle.getBundle(BUNDLE, locale).getString(key);
            return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    public static void info(String key, Object... arguments) {
        add(null, FacesMessage.SEVERITY_INFO, text(key, arguments));
    }

    public static void error(String key, Object... arguments) {
        add(null, FacesMessage.SEVERITY_ERROR, text(key, arguments));
    }

    /**
     * A boundary's refusal: each detail next to its field (the boundary names fields as the API does,
     * {@code phone_number}; the form's inputs carry those ids), else the refusal's message at the top.
     */
    public static void refusal(String form, BusinessException refusal) {
        var context = FacesContext.getCurrentInstance();
        boolean placed = false;
        for (var detail : refusal.details()) {
            String clientId = form + ":" + detail.field();
            if (detail.field() != null && context.getViewRoot().findComponent(clientId) != null) {
                add(clientId, FacesMessage.SEVERITY_ERROR, text("field.refused", detail.message()));
                placed = true;
            }
        }
        if (!placed) {
            add(null, FacesMessage.SEVERITY_ERROR, refusal.getMessage());
        }
        context.validationFailed();
    }

    /** Messages added now are shown after the redirect that follows (a save that returns to the list). */
    public static void keepOverRedirect() {
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
    }

    private static void add(String clientId, FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(severity, text, null));
    }
}
