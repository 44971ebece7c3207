package com.vocelio.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
            // both at once: "active" read 0 before the offer too, so it alone proves nothing
            new WebDriverWait(browser.driver, WITHIN.plusMillis(500), Duration.ofMillis(10))
                    .until(ExpectedConditions.and(
                            ExpectedConditions.textToBe(By.id("waiting"), "0"),
                            ExpectedConditions.textToBe(By.id("active"), "0")));
            assertTrue(browser.text(By.id("transfers")).contains("No active transfers"));
            // no reload happened: the document is the one first loaded
            assertEquals(page, browser.driver.executeScript("return window.performance.timeOrigin;"));
            browser.screenshot("wallboard-after");
        }
    }

    @Test
    void todaysFiguresAndChartsRenderAndACancelThroughTheApiCountsAsAbandonedToday() {
        var routing = Routing.newOrganization();
        try (var browser = new Browser()) {
            browser.signIn(routing.organization().adminEmail());
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
            String name = Routing.unique("Billing");
            String department = routing.department(name, Map.of("wrap_up_seconds", 0));
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("departments"), name));
            assertEquals("0", browser.text(By.id("abandonedToday")));
            assertEquals("100 %", browser.text(By.id("serviceLevel")), "nothing answered or abandoned yet");
            // no agent staffed: a newcomer waits the default handle time (PT3M) for the one position
            assertEquals("3:00", browser.text(By.id("estimatedWait")));
            assertCharts(browser, 0);
            assertEquals(-1L, lastServiceLevel(browser), "no hour of today has an answered or abandoned transfer");
            // agents who are not on the floor leave the estimates alone and show per department
            routing.agent(department, Map.of("status", "on_break"));
            routing.agent(department, Map.of("status", "offline"));
            browser.await(
                    ExpectedConditions.textToBePresentInElementLocated(By.id("agentStates"), name + " 0 0 0 1 1"));
            Object page = browser.driver.executeScript("return window.performance.timeOrigin;");

            String first = routing.request(department);
            routing.request(department);
            new WebDriverWait(browser.driver, Duration.ofSeconds(5), Duration.ofMillis(10))
                    .until(ExpectedConditions.textToBe(By.id("waiting"), "2"));
            assertEquals("9:00", browser.text(By.id("estimatedWait")), "third in line at 3 minutes each");
            assertCharts(browser, 2);

            routing.move(first, "cancel").then().statusCode(200); // the caller hung up
            new WebDriverWait(browser.driver, WITHIN.plusMillis(500), Duration.ofMillis(10))
                    .until(ExpectedConditions.textToBe(By.id("abandonedToday"), "1"));
            assertEquals("0 %", browser.text(By.id("serviceLevel")), "one abandoned, none answered in time");
            assertEquals("1", browser.text(By.id("waiting")));
            String row = browser.text(By.id("departments"));
            assertTrue(row.contains(name + " 1 "), row);
            assertTrue(row.endsWith("0 % 1"), "the department's service level and abandoned today: " + row);
            assertCharts(browser, 2);
            assertEquals(0L, lastServiceLevel(browser), "this hour: one abandoned, none answered");
            assertEquals(page, browser.driver.executeScript("return window.performance.timeOrigin;"));
            assertFalse(
                    browser.consoleLog().contains("Content Security Policy"),
                    "the charts run under the page's CSP: " + browser.consoleLog());
            browser.screenshot("wallboard-today");
        }
    }

    /** Both charts were drawn by Chart.js (under the CSP nonce) and the outcomes chart counts {@code requested}. */
    private static void assertCharts(Browser browser, long requested) {
        Object drawn = browser.driver.executeScript(
                """
                var out = Chart.getChart(document.getElementById('outcomesChart_canvas'));
                var wait = Chart.getChart(document.getElementById('waitChart_canvas'));
                if (!out || !wait) { return -1; }
                var total = 0;
                out.data.datasets.forEach(function (d) { d.data.forEach(function (v) { total += v; }); });
                return total;""");
        assertEquals(requested, ((Number) drawn).longValue(), "transfers in the outcomes chart");
    }

    /** The service-level chart's last point of today (its hour), -1 when no hour has one. */
    private static long lastServiceLevel(Browser browser) {
        Object last = browser.driver.executeScript(
                """
                var chart = Chart.getChart(document.getElementById('serviceLevelChart_canvas'));
                if (!chart) { return -2; }
                var points = chart.data.datasets[0].data.filter(function (v) { return v !== null; });
                return points.length ? points[points.length - 1] : -1;""");
        return ((Number) last).longValue();
    }
}
