package com.vocelio.platform.rest;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A path with a malformed %-escape ({@code %zz}, {@code %2}, a trailing {@code %}) never reaches the application:
 * Grizzly's {@code URLDecoder.decode} throws an unchecked exception from {@code RequestURIRef.getDecodedRequestURIBC},
 * called by Payara's {@code CoyoteAdapter.postParseRequest} before the request is mapped to any application (only a
 * {@code CharConversionException} there becomes a 400); {@code CoyoteAdapter.service} catches it, logs it as SEVERE
 * with its stack trace (AS-WEB-CORE-00037) and ends the response as it stands: an empty 200. No setting of Payara
 * Micro 6 changes either. {@link PathGuard} keeps such paths from CoyoteAdapter; where it could not be installed (a
 * server laid out otherwise), this keeps a client's typo, or a fuzzer, from writing thirty lines of stack trace per
 * request: this filter on the container's logger turns each such record into one line.
 */
@WebListener
public class MalformedEscapeLog implements ServletContextListener, Filter {

    /** The logger of Payara's web container (its {@code LogFacade}), which CoyoteAdapter logs to. */
    static final String CONTAINER_LOGGER = "jakarta.enterprise.web.core";

    private static final Logger LOG = Logger.getLogger(MalformedEscapeLog.class.getName());
    private static final String DECODER = "org.glassfish.grizzly.http.util.URLDecoder";

    private Filter previous;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Logger container = Logger.getLogger(CONTAINER_LOGGER);
        previous = container.getFilter();
        container.setFilter(this);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Logger container = Logger.getLogger(CONTAINER_LOGGER);
        if (container.getFilter() == this) {
            container.setFilter(previous); // no filter of an undeployed application stays behind
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (isMalformedEscape(record.getThrown())) {
            LOG.info(() -> "Payara refused a path with a malformed %-escape before the application ("
                    + plain(record.getThrown().getMessage()) + "); it answers such requests with an empty 200");
            return false;
        }
        return previous == null || previous.isLoggable(record);
    }

    /** An unchecked exception thrown by Grizzly's URI decoder itself (not by anything it called). */
    static boolean isMalformedEscape(Throwable thrown) {
        if (!(thrown instanceof IllegalArgumentException || thrown instanceof IllegalStateException)) {
            return false;
        }
        StackTraceElement[] stack = thrown.getStackTrace();
        return stack.length > 0 && stack[0].getClassName().equals(DECODER);
    }

    private static String plain(String message) {
        return message == null ? "" : message.replaceAll("\\p{Cntrl}", "?");
    }
}
