package com.vocelio.ear;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/** Prints the tail of Payara's server.log when a test or the deployment fails: the cause is there, not in the test. */
final class ServerLogOnFailure implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    private static final int LINES = 120;

    private final Supplier<PayaraDomain> domain;

    ServerLogOnFailure(Supplier<PayaraDomain> domain) {
        this.domain = domain;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw printLog(failure);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw printLog(failure);
    }

    private Throwable printLog(Throwable failure) {
        var current = domain.get();
        if (current != null) {
            System.err.println("--- last " + LINES + " lines of server.log ---\n" + current.serverLogTail(LINES));
        }
        return failure;
    }
}
