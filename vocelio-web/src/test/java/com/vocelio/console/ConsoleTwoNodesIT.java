package com.vocelio.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.launcher.PayaraMicroProcess;
import com.vocelio.testing.Routing;
import com.vocelio.testing.TestServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Two application nodes on one database, as behind a load balancer: a transfer requested through node B's API
 * appears on a wallboard served by node A without a reload, since each node's outbox relay hears every commit
 * ({@code LISTEN}/{@code NOTIFY}), not only its own.
 */
class ConsoleTwoNodesIT {

    private static PayaraMicroProcess nodeB;

    @BeforeAll
    static void start() throws Exception {
        nodeB = TestServer.get().secondNode();
    }

    @Test
    void aTransferRequestedOnNodeBAppearsOnNodeAsWallboard() {
        var routing = Routing.newOrganization();
        String name = Routing.unique("Support");
        String department = routing.department(name, Map.of("wrap_up_seconds", 0));
        try (var browser = new Browser()) { // node A: the suite's node
            browser.signIn(routing.organization().adminEmail());
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("departments"), name));
            assertEquals("0", browser.text(By.id("waiting")));
            Object page = browser.driver.executeScript("return window.performance.timeOrigin;");

            var body = new LinkedHashMap<String, Object>();
            body.put("call_id", Routing.callId());
            body.put("target_department", department);
            body.put("urgency_level", "medium");
            body.put("transfer_type", "warm");
            body.put("transfer_reason", "customer_request");
            body.put("context_summary", "Caller asks for a human");
            String transferId = routing.admin()
                    .baseUri(nodeB.baseUri().toString())
                    .body(body)
                    .post("/transfer/request")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("transfer_id");
            long answered = System.nanoTime();

            new WebDriverWait(browser.driver, Duration.ofSeconds(5), Duration.ofMillis(10))
                    .until(ExpectedConditions.textToBe(By.id("waiting"), "1"));
            long millis = Duration.ofNanos(System.nanoTime() - answered).toMillis();
            System.out.printf(
                    "two nodes: transfer %s from node B on node A's wallboard after %d ms%n", transferId, millis);
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("transfers"), transferId));
            assertTrue(millis < 2000, "shown " + millis + " ms after node B's 201");
            assertEquals(page, browser.driver.executeScript("return window.performance.timeOrigin;"), "no reload");
            browser.screenshot("wallboard-two-nodes");
        }
    }
}
