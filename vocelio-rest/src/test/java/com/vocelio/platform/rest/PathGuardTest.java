package com.vocelio.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PathGuardTest {

    private final List<LogRecord> records = new ArrayList<>();
    private final Logger logger = Logger.getLogger(PathGuard.class.getName());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listen() {
        logger.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(handler);
    }

    @Test
    void onAServerItCannotReachIntoItSaysSoInOneLineAndTheApplicationCarriesOn() {
        var guard = new PathGuard();
        guard.start(context("")); // no Payara here: no HK2 locator, no Grizzly listener
        assertEquals(1, records.size(), records.toString());
        assertEquals(Level.INFO, records.get(0).getLevel());
        assertTrue(
                records.get(0).getMessage().startsWith("Path guard not installed"),
                records.get(0).getMessage());
        guard.contextDestroyed(null); // nothing to put back, nothing thrown
    }

    @Test
    void itStaysOutOfAListenerItDoesNotOwnAlone() {
        new PathGuard().start(context("/vocelio"));
        assertEquals(1, records.size(), records.toString());
        assertTrue(
                records.get(0).getMessage().contains("not at the root"),
                records.get(0).getMessage());
    }

    private static ServletContext context(String contextPath) {
        return (ServletContext) Proxy.newProxyInstance(
                PathGuardTest.class.getClassLoader(),
                new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getContextPath" -> contextPath;
                    case "getVirtualServerName" -> "server";
                    default -> null;
                });
    }
}
