package com.vocelio.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Routing;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The wallboard follows the floor live, pushed from the outbox relay through Faces push: changes made through the
 * API appear without a reload, within a second of the API's answer.
 */
class ConsoleWallboardIT {

    static final Duration WITHIN = Duration.ofSeconds(1);

    @Test
    void aTransferRequestedThroughTheApiAppearsWithinASecondAndItsEndChangesTheNumbers() {
        var routing = Routing.newOrganization();
        try (var browser = new Browser()) {
            browser.signIn(routing.organization().adminEmail());
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
            browser.screenshot("wallboard-empty");
            Object page = browser.driver.executeScript("return window.performance.timeOrigin;");

            // a department created through the API shows up without a reload: the push path is open
            String name = Routing.unique("Support");
            String department = routing.department(name, Map.of("wrap_up_seconds", 0));
            try {
                browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("departments"), name));
            } catch (RuntimeException e) {
                browser.screenshot("wallboard-failed");
                throw new AssertionError(browser.consoleLog() + browser.driver.getPageSource(), e);
            }
            String agentId = routing.agent(department, Map.of("status", "offline"));

            long sent = System.nanoTime();
            String transferId = routing.request(department);
            long answered = System.nanoTime();
            new WebDriverWait(browser.driver, Duration.ofSeconds(5), Duration.ofMillis(10))
                    .until(ExpectedConditions.textToBe(By.id("waiting"), "1"));
            long shown = System.nanoTime();
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("transfers"), transferId));
            long millis = Duration.ofNanos(shown - answered).toMillis();
            System.out.printf(
                    "wallboard: transfer %s on screen %d ms after the API's 201 (request took %d ms)%n",
                    transferId, millis, Duration.ofNanos(answered - sent).toMillis());
            assertTrue(millis < WITHIN.toMillis(), "shown " + millis + " ms after the 201");
            browser.screenshot("wallboard-waiting");

            routing.setStatus(agentId, "available"); // the agent is offered the transfer
            routing.awaitOffer(transferId);
            routing.handle(transferId); // accepted, then completed, through the API
            new WebDriverWait(browser.driver, WITHIN.plusMillis(500), Duration.ofMillis(10))
                    .until(ExpectedConditions.textToBe(By.id("active"), "0"));
            assertEquals("0", browser.text(By.id("waiting")));
            assertTrue(browser.text(By.id("transfers")).contains("No active transfers"));
            // no reload happened: the document is the one first loaded
            assertEquals(page, browser.driver.executeScript("return window.performance.timeOrigin;"));
            browser.screenshot("wallboard-after");
        }
    }
}
