package com.vocelio.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Routing;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The live queues page: waiting transfers in queue order, live; canceling one through the page is the API's cancel. */
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
            browser.click(By.id("queues:confirmYes"));
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), first));
            assertEquals("abandoned", routing.status(first));
            browser.await(
                    ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(By.id("queues"), first)));
            assertTrue(browser.text(By.id("queues")).contains(late));
        }
    }
}
