package com.vocelio.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Routing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The live queues page: waiting transfers in queue order, live; canceling, reassigning and force-completing through
 * the page are the API's moves (checked through the API).
 */
class ConsoleQueuesIT {

    @Test
    void waitingTransfersShowInOrderLiveAndOneIsCanceledThroughThePage() {
        var routing = Routing.newOrganization();
        String department = routing.department(Routing.unique("Queue"), Map.of("wrap_up_seconds", 0));
        String first = routing.request(department, "low", Map.of()).getString("transfer_id");
        String urgent = routing.request(department, "critical", Map.of()).getString("transfer_id");
        try (var browser = new Browser()) {
            browser.signIn(routing.organization().adminEmail());
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
            browser.open("/console/queues/index.xhtml");
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("queues"), first));
            assertEquals(
                    java.util.List.of(urgent, first),
                    browser.driver.findElements(By.cssSelector(".transfer-id")).stream()
                            .map(WebElement::getText)
                            .toList(),
                    "critical first, then by age");

            String late = routing.request(department, "medium", Map.of()).getString("transfer_id");
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("queues"), late)); // pushed
            browser.screenshot("queues");

            browser.click(By.xpath("//tr[.//span[text()='" + first + "']]//button[contains(@id, ':cancel')]"));
            browser.click(By.id("confirmation:confirmYes"));
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), first));
            assertEquals("abandoned", routing.status(first));
            browser.await(
                    ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(By.id("queues"), first)));
            assertTrue(browser.text(By.id("queues")).contains(late));
        }
    }

    /**
     * Reassign from the live queue: a transfer that needs a skill nobody has waits although an agent is free; the
     * supervisor offers it to that agent. A choice that became unavailable meanwhile is refused in the dialog with the
     * reason, and nothing changes; once connected, the supervisor completes it for the agent.
     */
    @Test
    void reassignFromTheLiveQueueThenForceComplete() {
        var routing = Routing.newOrganization();
        String department = routing.department(Routing.unique("Reassign"), Map.of("wrap_up_seconds", 0));
        String ann = routing.agent(department);
        String bob = routing.agent(department);
        String transfer = routing.request(department, "high", Map.of("required_skills", List.of("klingon")))
                .getString("transfer_id");
        assertEquals("queued", routing.status(transfer), "nobody speaks klingon: it waits with two agents free");
        try (var browser = new Browser()) {
            browser.signIn(routing.organization().adminEmail());
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
            browser.open("/console/queues/index.xhtml");
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("queues"), transfer));

            browser.click(rowButton(transfer, ":reassign"));
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("reassignDialog")));
            assertTrue(browser.text(By.id("reassign:heading")).contains(transfer));
            browser.await(ExpectedConditions.visibilityOfElementLocated(candidate(ann)));
            routing.setStatus(bob, "on_break"); // after the dialog listed bob as available
            browser.click(candidate(bob));
            browser.click(By.id("confirmation:confirmYes"));
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("reassign"), "on_break"));
            assertEquals("queued", routing.status(transfer), "the refusal changed nothing");
            browser.screenshot("queues-reassign-refused");

            browser.screenshot("queues-reassign");
            browser.click(candidate(ann));
            browser.click(By.id("confirmation:confirmYes"));
            browser.await(ExpectedConditions.invisibilityOfElementLocated(By.id("reassignDialog")));
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), transfer));
            assertEquals("offered", routing.status(transfer));
            assertEquals(ann, routing.agentOf(transfer));

            routing.move(transfer, "accept").then().statusCode(200);
            browser.await(ExpectedConditions.presenceOfElementLocated(rowButton(transfer, ":complete"))); // pushed
            browser.screenshot("queues-in-progress");
            browser.click(rowButton(transfer, ":complete"));
            browser.click(By.id("confirmation:confirmYes"));
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "completed"));
            assertEquals("completed", routing.status(transfer));
            browser.await(ExpectedConditions.not(
                    ExpectedConditions.textToBePresentInElementLocated(By.id("queues"), transfer)));
        }
    }

    private static By rowButton(String transferId, String idSuffix) {
        return By.xpath("//tr[.//span[text()='" + transferId + "']]//button[contains(@id, '" + idSuffix + "')]");
    }

    /** The reassign button of the agent's row in the dialog. */
    private static By candidate(String agentId) {
        return By.xpath("//div[@id='reassign:candidates']//tr[.//span[text()='" + agentId + "']]//button");
    }
}
