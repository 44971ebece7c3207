package com.vocelio.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Routing;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The agents page: registering through the pages, status badges and filters, forcing a status, deleting. */
class ConsoleAgentsIT {

    @Test
    void anAgentRegisteredThroughThePageIsTheApiAgent() {
        var routing = Routing.newOrganization();
        String department = routing.department(Routing.unique("Sales"), Map.of());
        String agentId = Routing.unique("ann");
        try (var browser = new Browser()) {
            browser.signIn(routing.organization().adminEmail());
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
            browser.open("/console/agents/edit.xhtml");
            browser.type(By.id("agent:agent_id"), agentId);
            browser.type(By.id("agent:name"), "Ann Example");
            browser.type(By.id("agent:skills_input"), "billing" + Keys.ENTER);
            browser.type(By.id("agent:languages_input"), "en" + Keys.ENTER);
            browser.type(By.id("agent:max_concurrent_calls_input"), "2");
            browser.screenshot("agent-edit");
            browser.click(By.id("agent:save"));
            browser.await(ExpectedConditions.urlContains("/console/agents/index.xhtml"));
            assertTrue(browser.text(By.id("messages")).contains(agentId));
            browser.screenshot("agents");

            JsonPath agent = routing.admin()
                    .get("/agents/" + agentId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .setRootPath("agent");
            assertEquals("Ann Example", agent.getString("name"));
            assertEquals(department, agent.getString("department_id"));
            assertEquals("billing", agent.getList("skills").get(0));
            assertEquals(2, agent.getInt("max_concurrent_calls"));
        }
    }

    @Test
    void aStatusChangedThroughTheApiShowsLiveOneForcedOnThePageIsTheAgentsStatusAndDeletingRemovesIt() {
        var routing = Routing.newOrganization();
        String department = routing.department(Routing.unique("Sales"), Map.of());
        String agentId = routing.agent(department);
        try (var browser = new Browser()) {
            browser.signIn(routing.organization().adminEmail());
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
            browser.open("/console/agents/index.xhtml");
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("agents:table"), agentId));
            assertTrue(browser.find(By.cssSelector("#agents\\:table_data .badge-available"))
                    .isDisplayed());
            Object page = browser.driver.executeScript("return window.performance.timeOrigin;");
            routing.setStatus(agentId, "wrap_up"); // through the API: the page shows it live
            browser.await(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#agents\\:table_data .badge-wrap_up")));
            assertEquals(page, browser.driver.executeScript("return window.performance.timeOrigin;"), "no reload");
            browser.click(By.cssSelector("#agents\\:table_data button.force-on_break"));
            browser.await(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#agents\\:table_data .badge-on_break")));
            assertEquals("on_break", routing.statusOf(agentId));

            browser.click(By.cssSelector("#agents\\:table_data button[id$=':delete']"));
            browser.click(By.id("agents:confirmYes"));
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "deleted"));
            routing.admin().get("/agents/" + agentId).then().statusCode(404);
        }
    }

    @Test
    void theTimeInStatusTicksByItselfWithoutAskingTheServer() {
        var routing = Routing.newOrganization();
        String department = routing.department(Routing.unique("Sales"), Map.of());
        String agentId = routing.agent(department);
        try (var browser = new Browser()) {
            browser.signIn(routing.organization().adminEmail());
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
            browser.open("/console/agents/index.xhtml");
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("agents:table"), agentId));
            By cell = By.cssSelector("#agents\\:table_data .in-status");
            long first = seconds(browser.text(cell));
            Object requests = browser.driver.executeScript("return performance.getEntriesByType('resource').length;");
            browser.await(d -> seconds(browser.text(cell)) >= first + 3);
            long later = seconds(browser.text(cell));
            assertTrue(later - first < 15, first + " then " + later);
            assertEquals(
                    requests,
                    browser.driver.executeScript("return performance.getEntriesByType('resource').length;"),
                    "the page asked the server nothing while the time ticked");
            assertTrue(browser.text(cell).matches("\\d+m \\d\\ds"), browser.text(cell));
        }
    }

    /** "1m 07s" as seconds. */
    private static long seconds(String shown) {
        var parts = java.util.regex.Pattern.compile("(\\d+)m (\\d\\d)s").matcher(shown);
        assertTrue(parts.matches(), shown);
        return Long.parseLong(parts.group(1)) * 60 + Long.parseLong(parts.group(2));
    }

    @Test
    void twoHundredAgentsArePagedInTheDatabase() {
        var routing = Routing.newOrganization();
        String department = routing.department(Routing.unique("Floor"), Map.of());
        for (int i = 0; i < 200; i++) {
            routing.agent(
                    department,
                    Map.of("agent_id", "a%03d".formatted(i), "status", i % 2 == 0 ? "available" : "offline"));
        }
        try (var browser = new Browser()) {
            browser.signIn(routing.organization().adminEmail());
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
            browser.open("/console/agents/index.xhtml");
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("agents:table"), "1-20 / 200"));
            assertEquals(
                    20,
                    browser.driver
                            .findElements(By.cssSelector("#agents\\:table_data tr"))
                            .size());
            browser.click(By.cssSelector("#agents\\:table .ui-paginator-last"));
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("agents:table"), "181-200 / 200"));
            assertTrue(browser.text(By.id("agents:table_data")).contains("a199"));
            browser.screenshot("agents-200");
        }
    }
}
