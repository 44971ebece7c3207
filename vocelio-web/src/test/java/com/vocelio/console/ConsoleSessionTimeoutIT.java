package com.vocelio.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.launcher.PayaraMicroProcess;
import com.vocelio.testing.Api;
import com.vocelio.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A console session times out after {@code VOCELIO_CONSOLE_SESSION_TIMEOUT} of idleness (a node started with a few
 * seconds here): the next request, a page or an Ajax action, lands on sign-in with "session expired", never on a
 * stack trace; a session in use outlives the timeout.
 */
class ConsoleSessionTimeoutIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(4);
    private static PayaraMicroProcess node;

    @BeforeAll
    static void start() throws Exception {
        node = TestServer.get().configuredNode();
    }

    @Test
    void anIdleSessionSendsAnAjaxActionAndAPageToSignInWithAMessage() throws InterruptedException {
        var org = Api.newOrganization();
        try (var browser = new Browser(node.baseUri())) {
            browser.signIn(org.adminEmail());
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
            browser.open("/console/departments/index.xhtml");
            browser.find(By.id("departments:table"));
            idle();
            browser.type(By.id("departments:table:name:filter"), "x"); // an Ajax request on the expired session
            browser.await(ExpectedConditions.urlContains("/console/sign-in.xhtml"));
            assertExpiredSignIn(browser);

            browser.signIn(org.adminEmail());
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
            browser.open("/console/departments/index.xhtml");
            browser.find(By.id("departments:table"));
            idle();
            browser.open("/console/agents/index.xhtml");
            browser.await(ExpectedConditions.urlContains("/console/sign-in.xhtml"));
            assertExpiredSignIn(browser);
            browser.screenshot("session-expired");
        }
    }

    @Test
    void aSignInFormLeftOpenPastTheTimeoutIsAnExpiredViewThatAsksAgain() throws InterruptedException {
        var org = Api.newOrganization();
        try (var browser = new Browser(node.baseUri())) {
            browser.open("/console/sign-in.xhtml");
            browser.type(By.id("signIn:email"), org.adminEmail());
            browser.type(By.id("signIn:password"), Api.PASSWORD);
            idle(); // the view state of the form lived in the session that timed out: ViewExpiredException
            browser.click(By.id("signIn:submit"));
            browser.await(ExpectedConditions.urlContains("expired=true"));
            assertExpiredSignIn(browser);

            browser.signIn(org.adminEmail());
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
        }
    }

    @Test
    void aSessionInUseOutlivesTheTimeout() throws InterruptedException {
        var org = Api.newOrganization();
        try (var browser = new Browser(node.baseUri())) {
            browser.signIn(org.adminEmail());
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
            long until = System.nanoTime() + TIMEOUT.multipliedBy(3).toNanos();
            while (System.nanoTime() < until) {
                Thread.sleep(TIMEOUT.toMillis() / 3);
                browser.open("/console/departments/index.xhtml");
                browser.find(By.id("departments:table"));
                assertTrue(browser.driver.getCurrentUrl().contains("/console/departments/index.xhtml"));
            }
        }
    }

    /** Longer than the timeout, with nothing sent (no page here polls or keeps the session alive). */
    private static void idle() throws InterruptedException {
        Thread.sleep(TIMEOUT.plusSeconds(2).toMillis());
    }

    private static void assertExpiredSignIn(Browser browser) {
        assertTrue(browser.text(By.id("messages")).contains("session expired"), browser.text(By.id("messages")));
        String page = browser.driver.getPageSource();
        assertFalse(page.contains("Exception") || page.contains("at com.vocelio"), page);
    }
}
